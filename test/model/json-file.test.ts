// Model files of any size: the streamed reading gives what JSON.parse gives, and the streamed writing what
// JSON.stringify gives; every failure names the file.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readJsonFile, writeJsonFile } from '../../src/model/json-file.js';
import { readModelFile } from '../../src/model/validate.js';
import { defaultModelPath } from '../../src/graph/connect.js';
import { generateModel } from '../../src/simulation/generate.js';
import { UserError } from '../../src/domain/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'weerbaar-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
// Every file larger than 0 bytes goes the streamed way.
const streamed = { streamAbove: 0 };
const failure = async (path: string) => {
  const e = await readJsonFile(path, streamed).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  return (e as Error).message;
};

describe('reading a model file as a stream', () => {
  it('gives the same model as JSON.parse for the default Dutch model', async () => {
    const path = defaultModelPath();
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    expect(await readJsonFile(path, streamed)).toStrictEqual(parsed);
    expect(await readModelFile(path, streamed)).toStrictEqual(await readModelFile(path));
  });

  it('gives the same values as JSON.parse for escapes, numbers and nesting', async () => {
    const text =
      '{"a":"\\u00e9\\ud83d\\ude00\\n","b":-1.5e3,"c":[null,true,false,[],{}],"d":{"e":0.1}, "__proto__":{"x":1}}';
    expect(await readJsonFile(file('values.json', text), streamed)).toStrictEqual(JSON.parse(text));
  });

  it('names the file and the byte for text that is not JSON', async () => {
    const path = file('broken.json', '{"services": [{"id": "a"} {"id": "b"}]}');
    expect(await failure(path)).toMatch(/broken\.json: not valid JSON \(Unexpected .*\)/);
    expect(await failure(file('text.json', 'hello'))).toBe(
      `${dir}/text.json: not valid JSON (Unexpected "h" at byte 0)`,
    );
    expect(await failure(file('trailing.json', '{"a":1} x'))).toMatch(
      /trailing\.json: not valid JSON \(Unexpected "x" at byte 8\)/,
    );
  });

  it('names the file when it ends before the document does', async () => {
    expect(await failure(file('truncated.json', '{"services": ['))).toBe(
      `${dir}/truncated.json: not valid JSON (unexpected end of the file)`,
    );
  });

  it('names the file when it is empty, missing or a directory', async () => {
    expect(await failure(file('empty.json', ''))).toMatch(/empty\.json: file is empty, expected a JSON document/);
    expect(await failure(file('blank.json', ' \n\t'))).toMatch(/blank\.json: file is empty/);
    expect(await failure(join(dir, 'missing.json'))).toMatch(/missing\.json: cannot read file \(no such file\)/);
    mkdirSync(join(dir, 'folder.json'));
    expect(await failure(join(dir, 'folder.json'))).toMatch(/folder\.json: cannot read file \(is a directory\)/);
  });
});

describe('writing a model file in pieces', () => {
  it('writes byte for byte what JSON.stringify writes', async () => {
    const model = generateModel({ services: 2000, dependencies: 10000, seed: 'json-file' });
    const path = join(dir, 'generated.json');
    await writeJsonFile(path, model);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(model));
  });

  it('leaves out undefined fields and writes undefined list items as null, as JSON.stringify does', async () => {
    const value = { a: undefined, b: [1, undefined, 'x'], c: { d: undefined }, e: [] };
    const path = join(dir, 'undefined.json');
    await writeJsonFile(path, value);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(value));
    await writeJsonFile(path, [1, 2]);
    expect(readFileSync(path, 'utf8')).toBe('[1,2]');
  });
});

describe('a model file larger than the heap allows', () => {
  it('is refused before it is read, naming the file and the setting that lets it through', async () => {
    const path = defaultModelPath();
    const e = await readModelFile(path, { heapLimit: 2 ** 20 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(/^\S*nederland\.json: 1 MiB of JSON needs about 3 MiB of memory to read/);
    expect((e as Error).message).toMatch(
      /more than node lets weerbaar use \(1 MiB\); give it more, e\.g\. NODE_OPTIONS=--max-old-space-size=1024$/,
    );
    await expect(readModelFile(path, { heapLimit: 2 ** 30 })).resolves.toHaveProperty('services');
  });
});
