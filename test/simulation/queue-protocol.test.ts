// The parts of a distributed run that need no Redis: the model's encoding and hash, version checks, URLs.
import { serialize } from 'node:v8';
import { endianness } from 'node:os';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/model/validate.js';
import { generateModel } from '../../src/simulation/generate.js';
import { compileModel } from '../../src/simulation/compile.js';
import { createEngine } from '../../src/simulation/kernel/engine.js';
import {
  checkRedisUrl,
  decodeModel,
  encodeModel,
  fromBytes,
  safeUrl,
  toBytes,
} from '../../src/simulation/queue/protocol.js';
import { queueExecutorFrom } from '../../src/simulation/queue/executor.js';

const model = validateModel(generateModel({ services: 40, dependencies: 120, seed: 'protocol' }));
const compile = (horizonHours: number) =>
  compileModel(model, { scenario: 'generated', horizonHours, stepHours: 1, disruptedThreshold: 0.05 });

describe('queue protocol', () => {
  it('sends the compiled model so that a worker computes the same numbers, named by its content', () => {
    const compiled = compile(48);
    const { bytes, hash } = encodeModel(compiled);
    expect(encodeModel(compile(48)).hash).toBe(hash);
    expect(encodeModel(compile(49)).hash).not.toBe(hash);
    const decoded = decodeModel(bytes);
    const here = createEngine(compiled, 's', true, true).runChunk(3, 5);
    const there = createEngine(decoded, 's', true, true).runChunk(3, 5);
    expect(fromBytes(toBytes(there))).toEqual(here);
    expect(Buffer.compare(toBytes(there), toBytes(here))).toBe(0);
  });

  it('refuses a model from another version, naming both', () => {
    const { ids: _ids, ...rest } = compile(10);
    const other = serialize({ protocol: 1, version: '0.0.1-other', endianness: endianness(), compiled: rest });
    expect(() => decodeModel(other)).toThrow(
      /the run comes from weerbaar 0\.0\.1-other \(protocol 1\); this worker runs \S+ \(protocol 1\): run the same/,
    );
  });

  it('checks Redis URLs and hides passwords in messages', () => {
    expect(checkRedisUrl('redis://127.0.0.1:6379', '--redis')).toBe('redis://127.0.0.1:6379');
    expect(() => checkRedisUrl('127.0.0.1:6379', '--redis')).toThrow(
      '--redis: not a URL: "127.0.0.1:6379"; expected redis://host:port',
    );
    expect(() => checkRedisUrl('http://h:1', '--redis')).toThrow(
      '--redis: expected a redis:// or rediss:// URL, got "http://h:1"',
    );
    expect(() => queueExecutorFrom('not a url', 'REDIS_URL')).toThrow(/REDIS_URL: not a URL: "not a url"/);
    expect(queueExecutorFrom(undefined, 'REDIS_URL')).toBeUndefined();
    expect(safeUrl('redis://:secret@host:6379')).toBe('redis://:***@host:6379');
  });
});
