// Backups of the model: the interchange JSON exactly as `weerbaar export` writes it, with a SHA-256 checksum beside
// it (`<file>.sha256`, the format of `sha256sum`). Automatic backups go under the data folder before every
// destructive command (`load --reset`, `restore`); the last few are kept. Files are written under a temporary name
// and renamed, so an interrupted backup never leaves a file that looks whole.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../domain/errors.js';
import { validateModel } from '../model/validate.js';
import type { Model } from '../model/schema.js';
import { ROOT } from './config.js';
import type { Graph } from './graph.js';
import { exportModel, countEntities } from './model-repository.js';
import { readLoadState } from './load-state.js';

/** Where automatic backups live: WEERBAAR_BACKUP_DIR, else `.weerbaar/backups` in the data folder. */
export function backupDir(): string {
  const dir = process.env.WEERBAAR_BACKUP_DIR;
  return dir ? resolve(dir) : resolve(ROOT, '.weerbaar', 'backups');
}

/** How many automatic backups are kept (WEERBAAR_BACKUPS_KEEP, default 5); backups made on request are never pruned. */
export function backupsKept(): number {
  const n = Number(process.env.WEERBAAR_BACKUPS_KEEP ?? 5);
  return Number.isInteger(n) && n >= 1 ? n : 5;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The text of a model as `export` writes it. */
export const modelText = (model: Model): string => `${JSON.stringify(model, null, 2)}\n`;

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** Writes the text and its checksum file; returns the checksum. */
export async function writeBackupFile(path: string, text: string): Promise<string> {
  const sum = sha256(text);
  await writeAtomically(path, text);
  await writeAtomically(`${path}.sha256`, `${sum}  ${basename(path)}\n`);
  return sum;
}

/**
 * Reads a backup (or any model file) and checks it: the checksum file, when there is one, must match, and the
 * model must be valid. Returns the text and the model.
 */
export async function readBackupFile(path: string): Promise<{ text: string; model: Model; checksum: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UserError(`${path}: cannot read the backup (${why})`, 'BAD_USER_INPUT');
  }
  let expected: string | null = null;
  try {
    expected = (await readFile(`${path}.sha256`, 'utf8')).trim().split(/\s+/)[0] ?? null;
  } catch {
    expected = null;
  }
  if (expected !== null && expected !== sha256(text)) {
    const detail = `${path}.sha256 says ${expected}`;
    const message = `${path}: checksum mismatch (${detail}): the backup is damaged; choose another`;
    throw new UserError(message, 'BAD_USER_INPUT');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${path}: not JSON: ${(e as Error).message}`, 'BAD_USER_INPUT');
  }
  return { text, model: validateModel(json, path), checksum: expected !== null };
}

export interface BackupEntry {
  path: string;
  automatic: boolean;
  name: string;
}

/** Backups in the folder, newest first (names start with a sortable UTC time stamp). */
export async function listBackups(dir = backupDir()): Promise<BackupEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.json') && /^\d{4}-\d\d-\d\dT/.test(n))
    .sort()
    .reverse()
    .map((name) => ({ name, path: join(dir, name), automatic: name.includes('-auto-') }));
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Writes a backup of the model in the graph into the backup folder (or `out`); refuses while a load is unfinished. */
export async function backupModel(
  graph: Graph,
  options: { out?: string; reason?: string } = {},
): Promise<{ path: string; checksum: string }> {
  return storeBackup(modelText(await exportModel(graph)), options);
}

/** Writes a backup's text to `out`, or into the backup folder (automatic when a reason is given: old ones pruned). */
async function storeBackup(
  text: string,
  options: { out?: string; reason?: string },
): Promise<{ path: string; checksum: string }> {
  const dir = backupDir();
  let path = options.out;
  if (!path) {
    await mkdir(dir, { recursive: true });
    path = join(dir, `${stamp()}-${options.reason ? `auto-${options.reason}` : 'manual'}.json`);
  }
  const checksum = await writeBackupFile(path, text);
  if (options.reason && !options.out) await pruneAutomatic(dir);
  return { path, checksum };
}

async function pruneAutomatic(dir: string): Promise<void> {
  const automatic = (await listBackups(dir)).filter((b) => b.automatic);
  for (const old of automatic.slice(backupsKept())) {
    await rm(old.path, { force: true });
    await rm(`${old.path}.sha256`, { force: true });
  }
}

/** The text of an automatic backup, read but not yet written, and the model revision it was read at. */
export interface PreparedBackup {
  text: string;
  revision: string;
}

/** The model revision and epoch (analysis.cypher modelRevision) as one string: it changes with every model write. */
export async function modelRevision(graph: Graph): Promise<string> {
  const [row] = await graph.read('analysis', 'modelRevision');
  return `${String(row?.epoch)}:${String(row?.revision)}`;
}

/**
 * What an automatic backup would write, read but not written yet (null, and said why, when there is nothing to keep).
 * Nothing to keep when the graph holds no model; and while a load is unfinished the graph holds no whole model to back
 * up: the backups from before that load stay the way back.
 */
export async function prepareAutomaticBackup(graph: Graph, log: (s: string) => void): Promise<PreparedBackup | null> {
  const state = await readLoadState(graph);
  if (state.incomplete) {
    log(
      'no automatic backup: the model in the graph is incomplete (an earlier load did not finish); ' +
        'the backups made before that load are kept',
    );
    return null;
  }
  if ((await countEntities(graph)) === 0) {
    log('no automatic backup: the graph holds no model');
    return null;
  }
  const revision = await modelRevision(graph);
  return { text: modelText(await exportModel(graph)), revision };
}

/**
 * Writes a prepared automatic backup into the backup folder, and prunes the old ones. When the model has been written
 * to since it was read (another revision), it is read again first: the backup is always the model about to be replaced.
 */
export async function writeAutomaticBackup(
  graph: Graph,
  prepared: PreparedBackup,
  reason: string,
  log: (s: string) => void,
): Promise<string | null> {
  if ((await modelRevision(graph)) !== prepared.revision) return automaticBackup(graph, reason, log);
  const { path } = await storeBackup(prepared.text, { reason });
  log(`automatic backup of the current model: ${path}`);
  return path;
}

/** The automatic backup a destructive command writes first (see prepareAutomaticBackup). */
export async function automaticBackup(graph: Graph, reason: string, log: (s: string) => void): Promise<string | null> {
  const prepared = await prepareAutomaticBackup(graph, log);
  return prepared && writeAutomaticBackup(graph, prepared, reason, log);
}

/** The newest automatic backup whose checksum holds, or null. */
export async function latestAutomaticBackup(): Promise<string | null> {
  for (const b of (await listBackups()).filter((x) => x.automatic)) {
    try {
      const { checksum } = await readBackupFile(b.path);
      if (checksum) return b.path;
    } catch {
      // damaged or half-written: try the one before
    }
  }
  return null;
}
