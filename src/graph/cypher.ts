// Reads the Cypher files under cypher/: each statement is a section headed by `// @name <name>`; references to the
// named fragments (`// @fragment <name>(<vars>)`, e.g. the access rule in access.cypher) are expanded on reading.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './config.js';

/** A statement ready to run: its name (for messages) and its text with every fragment expanded. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** One section of a Cypher file: the words after its `// @<kind>` marker and its body without comment lines. */
export interface Section {
  kind: string;
  head: string;
  body: string;
}

const cache = new Map<string, Map<string, Statement>>();
let fragmentCache: Map<string, { vars: string[]; body: string }> | undefined;

export function readCypherFile(file: string): string {
  return readFileSync(join(ROOT, 'cypher', file), 'utf8');
}

/** Splits a Cypher file into its `// @<kind> <head>` sections, leaving out comments and what precedes the first. */
export function sections(text: string): Section[] {
  const out: Section[] = [];
  let current: { kind: string; head: string; body: string[] } | undefined;
  const flush = () => {
    if (current) out.push({ kind: current.kind, head: current.head, body: current.body.join('\n').trim() });
  };
  for (const line of text.split('\n')) {
    const m = /^\/\/\s*@(name|fragment|template)\s+(.+?)\s*$/.exec(line);
    if (m) {
      flush();
      current = { kind: m[1]!, head: m[2]!, body: [] };
    } else if (current && !line.startsWith('//')) {
      current.body.push(line);
    }
  }
  flush();
  return out;
}

/** Every `// @fragment name(a, b)` section of the files in cypher/. */
function fragments(): Map<string, { vars: string[]; body: string }> {
  if (fragmentCache) return fragmentCache;
  const found = new Map<string, { vars: string[]; body: string }>();
  for (const file of readdirSync(join(ROOT, 'cypher'))
    .filter((f) => f.endsWith('.cypher'))
    .sort()) {
    for (const s of sections(readCypherFile(file)).filter((x) => x.kind === 'fragment')) {
      const m = /^(\w+)\(([\w\s,]*)\)$/.exec(s.head);
      if (!m) throw new Error(`cypher/${file}: fragment heading must read name(vars), got "${s.head}"`);
      if (found.has(m[1]!)) throw new Error(`cypher/${file}: fragment ${m[1]} is defined twice`);
      found.set(m[1]!, {
        vars: m[2]!
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
        body: s.body,
      });
    }
  }
  fragmentCache = found;
  return found;
}

/** Fragment references in a statement: `{{visible(n)}}`. */
export const FRAGMENT_REFERENCE = /\{\{(\w+)\(([\w\s,]*)\)\}\}/g;

/** Replaces every `{{fragment(x, y)}}` by the fragment's body, its variables renamed to x, y. */
export function expandFragments(text: string, where: string): string {
  return text.replace(FRAGMENT_REFERENCE, (_all, name: string, args: string) => {
    const fragment = fragments().get(name);
    if (!fragment) throw new Error(`${where}: no fragment named ${name}`);
    const values = args
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (values.length !== fragment.vars.length) {
      throw new Error(`${where}: ${name} takes ${fragment.vars.length} variables`);
    }
    // A variable is renamed where it is used as one: before a property access, not inside $viewer or a.b.
    return fragment.vars.reduce(
      (body, v, i) => body.replace(new RegExp(`(?<![\\w$.])${v}(?=\\.)`, 'g'), values[i]!),
      fragment.body,
    );
  });
}

function parse(file: string): Map<string, Statement> {
  const statements = new Map<string, Statement>();
  for (const s of sections(readCypherFile(`${file}.cypher`)).filter((x) => x.kind === 'name')) {
    const name = `${file}.${s.head}`;
    statements.set(s.head, { name, text: expandFragments(s.body, `cypher/${file}.cypher ${s.head}`) });
  }
  return statements;
}

function parsed(file: string): Map<string, Statement> {
  let statements = cache.get(file);
  if (!statements) {
    statements = parse(file);
    cache.set(file, statements);
  }
  return statements;
}

/** The statement `name` from cypher/<file>.cypher; throws when it does not exist (a bug, not user input). */
export function statement(file: string, name: string): Statement {
  const q = parsed(file).get(name);
  if (!q) throw new Error(`cypher/${file}.cypher has no statement named ${name}`);
  return q;
}

/** The text of statement `name` from cypher/<file>.cypher. */
export function cypher(file: string, name: string): string {
  return statement(file, name).text;
}

/** Every named statement of cypher/<file>.cypher, fragments expanded. */
export function statementsOf(file: string): Statement[] {
  return [...parsed(file).values()];
}

/** The schema statements of cypher/schema.cypher (constraints and indexes), one per `;`. */
export function schemaStatements(): string[] {
  return readCypherFile('schema.cypher')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
