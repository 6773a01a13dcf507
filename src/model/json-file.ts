// Reads and writes JSON files of any size: one string where Node can hold the whole text, streamed where it cannot.
import { constants as bufferConstants } from 'node:buffer';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { JSONParser } from '@streamparser/json';
import { UserError } from '../domain/errors.js';

export interface ReadJsonOptions {
  /**
   * Files larger than this many bytes are parsed as a stream instead of read into one string. Default: the longest
   * string Node can make (buffer.constants.MAX_STRING_LENGTH, ~512 Mi characters); JSON.parse is several times faster
   * for anything that fits.
   */
  streamAbove?: number;
  /** Called with the file's size before it is read; throws to refuse the file (readModelFile's heap check). */
  checkSize?: (bytes: number) => void;
}

const badInput = (message: string) => new UserError(message, 'BAD_USER_INPUT');

function cannotRead(path: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unknown error');
  return badInput(`${path}: cannot read file (${reason})`);
}

/** Reads a JSON document from `path`; every failure (missing, a directory, empty, not JSON) is a UserError naming
 * it. */
export async function readJsonFile(path: string, options: ReadJsonOptions = {}): Promise<unknown> {
  const streamAbove = options.streamAbove ?? bufferConstants.MAX_STRING_LENGTH;
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = s.size;
  } catch (e) {
    throw cannotRead(path, e);
  }
  options.checkSize?.(size);
  if (size > streamAbove) return parseStream(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw cannotRead(path, e);
  }
  if (text.trim() === '') throw badInput(`${path}: file is empty, expected a JSON document`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badInput(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** The library's message in the words of JSON.parse's: the byte position kept, its parser states left out. */
function streamError(path: string, e: unknown): UserError {
  const message = (e as Error).message
    .replace(/^Parser ended in mid-parsing.*$/s, 'unexpected end of the file')
    .replace(/ at chunk position "\d+" \(absolute position "(\d+)"\)/, ' at byte $1')
    .replace(/ in state \w+$/, '');
  return badInput(`${path}: not valid JSON (${message})`);
}

/**
 * Parses a file too large for one string with @streamparser/json, which builds the values as it reads (the same
 * values JSON.parse gives). Its messages name the offending token and its byte position.
 */
async function parseStream(path: string): Promise<unknown> {
  const parser = new JSONParser({ paths: ['$'], keepStack: false });
  let result: unknown;
  let done = false;
  parser.onValue = ({ value, stack }) => {
    if (stack.length === 0) {
      result = value;
      done = true;
    }
  };
  let sawText = false;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer;
      if (!sawText) sawText = bytes.some((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
      parser.write(bytes);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== undefined) throw cannotRead(path, e);
    throw streamError(path, e);
  }
  if (!sawText) throw badInput(`${path}: file is empty, expected a JSON document`);
  if (!done) {
    try {
      parser.end();
    } catch (e) {
      throw streamError(path, e);
    }
    if (!done) throw badInput(`${path}: not valid JSON (unexpected end of the file)`);
  }
  return result;
}

/**
 * Writes `value` as JSON, byte for byte what JSON.stringify(value) gives, without making that one string: the lists
 * of a top-level object are written item by item, with the file's backpressure respected. For models larger than
 * the longest string Node can make (a 1,000,000-service model is ~0.7 GB).
 */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let pending = '';
  const write = async (s: string) => {
    pending += s;
    if (pending.length < 1 << 20) return;
    const ok = out.write(pending);
    pending = '';
    if (!ok) await Promise.race([once(out, 'drain'), failed]);
  };
  if (
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  ) {
    await write('{');
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (Array.isArray(v)) {
        await write(`${first ? '' : ','}${JSON.stringify(key)}:[`);
        for (let i = 0; i < v.length; i++) await write((i ? ',' : '') + (JSON.stringify(v[i]) ?? 'null'));
        await write(']');
      } else {
        const s = JSON.stringify(v);
        if (s === undefined) continue;
        await write(`${first ? '' : ','}${JSON.stringify(key)}:${s}`);
      }
      first = false;
    }
    await write('}');
  } else {
    await write(JSON.stringify(value) ?? 'null');
  }
  out.end(pending);
  await Promise.race([once(out, 'finish'), failed]);
}
