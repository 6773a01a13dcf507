// Validates a model document: shape and ranges (zod), then ids and references across the whole model.
import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';
import { Model, type ModelInput } from './schema.js';
import * as S from './schema.js';
import { NODE_KINDS, NODE_REFERENCES, RELATIONSHIP_KINDS, SINGULAR_OF, type NodeList } from './kinds.js';
import { ValidationError, UserError, type Problem } from '../domain/errors.js';
import { checkMeasures, effectLabel } from './measures.js';
import { readJsonFile, type ReadJsonOptions } from './json-file.js';

type Json = Record<string, unknown>;

/** A readable name for item `index` of `list`: its id, or its endpoints for a relationship. */
export function itemLabel(list: string, index: number, item: unknown): string {
  const base = `${list}[${index}]`;
  if (!item || typeof item !== 'object') return base;
  const o = item as Json;
  if (typeof o.id === 'string') return `${base} (id "${o.id}")`;
  if (list === 'effects') return effectLabel(index, item, list);
  const rel = RELATIONSHIP_KINDS.find((r) => r.list === list);
  if (rel) {
    const a = o[rel.from.field];
    const b = o[rel.to.field];
    if (typeof a === 'string' && typeof b === 'string') return `${base} (${a}→${b})`;
  }
  return base;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function issueToProblems(issue: z.core.$ZodIssue, input: unknown): Problem[] {
  const path = issue.path;
  let item = 'model';
  let fieldPath: PropertyKey[] = path;
  if (path.length >= 2 && typeof path[0] === 'string' && typeof path[1] === 'number') {
    const list = (input as Json)[path[0]];
    const element = Array.isArray(list) ? list[path[1]] : undefined;
    item = itemLabel(path[0], path[1], element);
    fieldPath = path.slice(2);
  } else if (path.length === 1) {
    fieldPath = path;
  }
  const field = fieldPath
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
  const received = (): unknown => {
    let v: unknown = input;
    for (const p of path) v = v && typeof v === 'object' ? (v as Json)[p as string] : undefined;
    return v;
  };
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => ({ item, field: field ? `${field}.${k}` : k, message: 'unknown field' }));
  }
  if (issue.code === 'invalid_type') {
    const got = received();
    if (got === undefined) return [{ item, field, message: `is required (${issue.expected})` }];
    return [{ item, field, message: `must be ${issue.expected}, got ${describeValue(got)}` }];
  }
  if (issue.code === 'invalid_value') {
    return [
      {
        item,
        field,
        message:
          `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ` +
          `${describeValue(received())}`,
      },
    ];
  }
  const got = received();
  const suffix = got !== undefined && typeof got !== 'object' ? `, got ${describeValue(got)}` : '';
  return [{ item, field, message: `${issue.message}${suffix}` }];
}

/** Checks a parsed document and returns the model with defaults filled in; throws ValidationError listing every
 * problem. */
export function validateModel(input: unknown, context?: string): Model {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError(
      [
        {
          item: 'model',
          field: '',
          message: `must be a JSON object, got ${Array.isArray(input) ? 'an array' : describeValue(input)}`,
        },
      ],
      context,
    );
  }
  const parsed = Model.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.flatMap((i) => issueToProblems(i, input)),
      context,
    );
  }
  const problems = checkReferences(parsed.data);
  if (problems.length) throw new ValidationError(problems, context);
  return parsed.data;
}

/**
 * The one wording of a reference that does not resolve: `ref` was found in list `found` (undefined: nowhere) and
 * must be one of `kinds` ('*': any node). Null when it resolves. Used by the model file's validation and by the
 * API's writes (src/graph/mutation-repository.ts), so both say the same thing.
 */
export function referenceProblem(
  ref: string,
  found: NodeList | undefined,
  kinds: readonly NodeList[] | '*',
): string | null {
  if (!found) return `unknown ${kinds === '*' ? 'node' : kinds.map((x) => SINGULAR_OF[x]).join(' or ')} "${ref}"`;
  if (kinds !== '*' && !kinds.includes(found)) return `"${ref}" is in ${found}, expected ${kinds.join(' or ')}`;
  return null;
}

/** Ids unique across the model, every reference resolves to a node of the right kind, no duplicate relationships. */
export function checkReferences(model: Model): Problem[] {
  const problems: Problem[] = [];
  const kindOf = new Map<string, NodeList>();
  for (const k of NODE_KINDS) {
    (model[k.list] as { id: string }[]).forEach((n, i) => {
      const seen = kindOf.get(n.id);
      if (seen)
        problems.push({
          item: itemLabel(k.list, i, n),
          field: 'id',
          message: `duplicate id, already used by a ${seen === k.list ? 'previous item' : `node in ${seen}`}`,
        });
      else kindOf.set(n.id, k.list);
    });
  }
  problems.push(...checkMeasures(model, kindOf));
  // Labels are made only for items with a problem (tens of thousands of relationships are checked on a large model).
  const expect = (item: () => string, field: string, ref: string, kinds: readonly NodeList[] | '*') => {
    const message = referenceProblem(ref, kindOf.get(ref), kinds);
    if (message) problems.push({ item: item(), field, message });
  };
  for (const ref of NODE_REFERENCES) {
    (model[ref.list] as Json[]).forEach((n, i) => {
      const v = n[ref.field];
      if (v === undefined) return;
      const label = () => itemLabel(ref.list, i, n);
      const values = Array.isArray(v) ? (v as string[]) : [v as string];
      values.forEach((r, j) => expect(label, Array.isArray(v) ? `${ref.field}[${j}]` : ref.field, r, ref.kinds));
      if (Array.isArray(v) && new Set(v).size !== v.length)
        problems.push({ item: label(), field: ref.field, message: 'lists the same id twice' });
    });
  }
  for (const k of NODE_KINDS) {
    (model[k.list] as { owner?: string }[]).forEach((n, i) => {
      if (n.owner !== undefined) expect(() => itemLabel(k.list, i, n), 'owner', n.owner, ['parties']);
    });
  }
  for (const rel of RELATIONSHIP_KINDS) {
    const items = (model as unknown as Record<string, Json[]>)[rel.list]!;
    const keys = new Map<string, number>();
    items.forEach((r, i) => {
      const label = () => itemLabel(rel.list, i, r);
      expect(label, rel.from.field, r[rel.from.field] as string, rel.from.kinds);
      expect(label, rel.to.field, r[rel.to.field] as string, rel.to.kinds);
      const key = rel.key.map((f) => r[f]).join('\u0000');
      const prev = keys.get(key);
      if (prev !== undefined) problems.push({ item: label(), field: '', message: `duplicate of ${rel.list}[${prev}]` });
      else keys.set(key, i);
    });
  }
  problems.push(...checkRegions(model));
  model.dependencies.forEach((d, i) => {
    if (d.from === d.to)
      problems.push({
        item: itemLabel('dependencies', i, d),
        field: 'to',
        message: 'a service cannot depend on itself',
      });
  });
  model.scores.forEach((s, i) => {
    if (s.value === undefined && s.class === undefined)
      problems.push({ item: itemLabel('scores', i, s), field: 'value', message: 'give a value or a class' });
  });
  problems.push(...itemRules(model as unknown as Record<string, Json[]>, (list, i, n) => itemLabel(list, i, n)));
  return problems;
}

/** Rules of one item beyond its shape: what a signal concerns, what a likelihood revision sets. */
function itemRules(
  lists: Record<string, Json[] | undefined>,
  label: (list: string, i: number, n: Json) => string,
): Problem[] {
  const problems: Problem[] = [];
  (lists.signals ?? []).forEach((s, i) => {
    const none = ['threats', 'incidentCategories', 'scenarios'].every((f) => !(s[f] as unknown[] | undefined)?.length);
    if (none) {
      const message = 'a signal must name at least one threat, incident category or scenario';
      problems.push({ item: label('signals', i, s), field: 'threats', message });
    }
  });
  (lists.likelihoodRevisions ?? []).forEach((r, i) => {
    if (r.likelihoodClass === undefined && r.likelihood === undefined) {
      const message = 'give the new likelihoodClass, likelihood or both';
      problems.push({ item: label('likelihoodRevisions', i, r), field: 'likelihoodClass', message });
    }
  });
  return problems;
}

/**
 * What the catalogue's generic checks leave to regions: a holding's region (a property of HOLDS, not a relationship),
 * a travel time within one region, and a pair given both ways (travel times are symmetric).
 */
function checkRegions(model: Model): Problem[] {
  const problems: Problem[] = [];
  const regions = new Set(model.regions.map((r) => r.id));
  const ids = new Map<string, string>();
  for (const k of NODE_KINDS) for (const n of model[k.list] as { id: string }[]) ids.set(n.id, k.list);
  model.holdings.forEach((h, i) => {
    if (h.region === undefined || regions.has(h.region)) return;
    const k = ids.get(h.region);
    const message = k ? `"${h.region}" is in ${k}, expected regions` : `unknown region "${h.region}"`;
    problems.push({ item: itemLabel('holdings', i, h), field: 'region', message });
  });
  const pairs = new Map<string, number>();
  model.travelTimes.forEach((t, i) => {
    const label = itemLabel('travelTimes', i, t);
    if (t.from === t.to) {
      const message = 'a travel time within one region is 0; give two different regions';
      problems.push({ item: label, field: 'to', message });
    }
    const key = [t.from, t.to].sort().join('\u0000');
    const prev = pairs.get(key);
    // The same pair in the same direction is a duplicate that the generic check names already.
    if (prev === undefined) pairs.set(key, i);
    else if (model.travelTimes[prev]!.from !== t.from) {
      const message = `duplicate of travelTimes[${prev}] (travel times hold both ways)`;
      problems.push({ item: label, field: '', message });
    }
  });
  return problems;
}

export interface ReadModelOptions extends ReadJsonOptions {
  /** Bytes of heap this process may use. Default: V8's limit (`heap_size_limit`, from node's defaults or flags). */
  heapLimit?: number;
}

/**
 * Heap needed to read and validate a model, per byte of its JSON: the parsed document and zod's validated copy are
 * alive together (2.6 GiB at the peak for the 692 MB file of 1,000,000 services and 5,000,000 dependencies).
 */
const HEAP_PER_BYTE = 4;

/** Reads and validates a model file; every failure names the file. */
export async function readModelFile(path: string, options: ReadModelOptions = {}): Promise<Model> {
  const limit = options.heapLimit ?? getHeapStatistics().heap_size_limit;
  return validateModel(
    await readJsonFile(path, { ...options, checkSize: (size) => checkHeapFor(path, size, limit) }),
    path,
  );
}

/**
 * Refuses, before any work, a file that would exhaust the heap: node would otherwise stop minutes later with a fatal
 * error and a native stack trace. The message gives the setting that lets it through.
 */
function checkHeapFor(path: string, size: number, limit: number): void {
  const need = size * HEAP_PER_BYTE;
  if (need <= limit) return;
  // Half as much again as the estimate: a heap that is nearly full spends its time collecting.
  const suggested = Math.ceil((need * 1.5) / 2 ** 30) * 1024;
  const gib = (bytes: number) =>
    bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
  throw new UserError(
    `${path}: ${Math.round(size / 2 ** 20)} MiB of JSON needs about ${gib(need)} of memory to read and validate, ` +
      `more than node lets weerbaar use (${gib(limit)}); give it more, e.g. ` +
      `NODE_OPTIONS=--max-old-space-size=${suggested}`,
    'BAD_USER_INPUT',
  );
}

export { readJsonFile, type ReadJsonOptions };

export type { ModelInput };

/** The zod schema of one item of each list (the table of schema.ts, keyed by the catalogue's lists). */
export const ITEM_SCHEMAS: Record<string, z.ZodObject> = S.ITEM_SCHEMAS;

/** Validates one item of `list` on its own (shape, types, ranges), with messages as for a whole model. */
export function validateItem<T = Record<string, unknown>>(list: string, item: unknown): T {
  const schema = ITEM_SCHEMAS[list];
  if (!schema) throw new Error(`no such list: ${list}`);
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    const wrapped = { [list]: [item] };
    const problems = parsed.error.issues
      .flatMap((i) => issueToProblems({ ...i, path: [list, 0, ...i.path] } as z.core.$ZodIssue, wrapped))
      .map((p) => ({ ...p, item: p.item.replace(`${list}[0]`, list) }));
    throw new ValidationError(problems);
  }
  const extra: Problem[] = [];
  const v = parsed.data as Record<string, unknown>;
  if (list === 'dependencies' && v.from === v.to)
    extra.push({
      item: itemLabel(list, 0, v).replace(`${list}[0]`, list),
      field: 'to',
      message: 'a service cannot depend on itself',
    });
  if (list === 'scores' && v.value === undefined && v.class === undefined)
    extra.push({
      item: itemLabel(list, 0, v).replace(`${list}[0]`, list),
      field: 'value',
      message: 'give a value or a class',
    });
  extra.push(...itemRules({ [list]: [v] }, (l, i, n) => itemLabel(l, i, n).replace(`${l}[0]`, l)));
  if (extra.length) throw new ValidationError(extra);
  return parsed.data as T;
}
