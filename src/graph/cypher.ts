// Reads the Cypher files under cypher/: each statement is a section headed by `// @name <name>`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './config.js';

const cache = new Map<string, Map<string, string>>();

/** `services` → `Services`: statement names are a verb plus the list's name (`mergeServices`, `listServices`). */
export const capitalise = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

function parse(file: string): Map<string, string> {
  const text = readFileSync(join(ROOT, 'cypher', `${file}.cypher`), 'utf8');
  const statements = new Map<string, string>();
  let name: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (name) statements.set(name, body.join('\n').trim());
    body = [];
  };
  for (const line of text.split('\n')) {
    const m = /^\/\/\s*@name\s+(\w+)\s*$/.exec(line);
    if (m) {
      flush();
      name = m[1];
    } else if (name && !line.startsWith('//')) {
      body.push(line);
    }
  }
  flush();
  return statements;
}

/** The statement `name` from cypher/<file>.cypher; throws when it does not exist (a bug, not user input). */
export function cypher(file: string, name: string): string {
  let statements = cache.get(file);
  if (!statements) {
    statements = parse(file);
    cache.set(file, statements);
  }
  const q = statements.get(name);
  if (!q) throw new Error(`cypher/${file}.cypher has no statement named ${name}`);
  return q;
}

/** The schema statements (constraints and indexes), one per `;`. */
export function schemaStatements(): string[] {
  const text = readFileSync(join(ROOT, 'cypher', 'schema.cypher'), 'utf8');
  return text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
