// The gap overlay's data: gapAnalysis over the scenarios, read defensively since its result type is still settling.
import { gql, type SchemaInfo } from './api';

export interface Balance { required: number; available: number; shortfall: number }
export interface GapOverlay {
  /** Capabilities whose shortfall is above zero. */
  shortfalls: Map<string, Balance>;
  /** Node ids named by the duplicates list, with the reasons given. */
  duplicates: Map<string, string[]>;
  scenarioCount: number;
}

type Obj = Record<string, unknown>;

/** Every model node ({id, name, kind}) inside a value, at any depth. */
function entitiesIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) entitiesIn(x, out);
  else if (v && typeof v === 'object') {
    const o = v as Obj;
    if (typeof o.id === 'string' && typeof o.kind === 'string') out.push(o.id);
    else for (const x of Object.values(o)) entitiesIn(x, out);
  }
  return out;
}

/** A short reason for an item: its string fields that are not ids (kind, reason, message, …). */
function reasonOf(o: Obj): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string' && k !== 'id' && k !== '__typename') parts.push(v);
    else if (typeof v === 'number' && /surplus|capacity|required|available|count/i.test(k)) parts.push(`${k} ${Math.round(v * 100) / 100}`);
  }
  return parts.join(', ') || 'duplicate';
}

export async function loadGaps(schema: SchemaInfo, scenarioIds: string[]): Promise<GapOverlay> {
  const ret = schema.returnType(schema.queryType, 'gapAnalysis');
  if (!ret) throw new Error('the server has no gapAnalysis query');
  const args = schema.argNames(schema.queryType, 'gapAnalysis');
  const withIds = args.includes('scenarioIds');
  const idType = withIds ? schema.argTypeName(schema.queryType, 'gapAnalysis', 'scenarioIds') ?? 'ID' : 'ID';
  const query = withIds
    ? `query Gaps($ids: [${idType}!]) { gapAnalysis(scenarioIds: $ids) { ${schema.selectAll(ret, 3)} } }`
    : `query Gaps { gapAnalysis { ${schema.selectAll(ret, 3)} } }`;
  const data = await gql<{ gapAnalysis: Obj }>(query, withIds ? { ids: scenarioIds } : {});
  const g = data.gapAnalysis ?? {};
  const shortfalls = new Map<string, Balance>();
  for (const b of (Array.isArray(g.balance) ? g.balance : []) as Obj[]) {
    const cap = b.capability as Obj | null;
    const shortfall = Number(b.shortfall ?? 0);
    if (cap && typeof cap.id === 'string' && shortfall > 0) {
      shortfalls.set(cap.id, { required: Number(b.required ?? NaN), available: Number(b.available ?? NaN), shortfall });
    }
  }
  const duplicates = new Map<string, string[]>();
  for (const d of (Array.isArray(g.duplicates) ? g.duplicates : []) as Obj[]) {
    const why = reasonOf(d);
    // Mark the item the finding is about (a top-level node field such as capability or target); lists such as
    // holders are context. Fall back to every node named when the item has no single subject.
    const subjects = Object.values(d).filter((v): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Obj).id === 'string' && typeof (v as Obj).kind === 'string').map((v) => v.id as string);
    for (const id of new Set(subjects.length ? subjects : entitiesIn(d))) {
      const list = duplicates.get(id) ?? [];
      list.push(why);
      duplicates.set(id, list);
    }
  }
  return { shortfalls, duplicates, scenarioCount: scenarioIds.length };
}
