// The gap overlay's data: gapAnalysis over the scenarios (balance rows, overcapacity and lead conflicts), feature-detected.
import { gql, type SchemaInfo } from './api';

export interface Balance { required: number; available: number; shortfall: number }
export interface GapOverlay {
  /** Capabilities whose shortfall is above zero. */
  shortfalls: Map<string, Balance>;
  /** Nodes flagged as duplicates (overcapacity with several holders, several lead parties), with the reasons. */
  duplicates: Map<string, string[]>;
  /** Doubtful items the analysis lists without a quantity: tasks with no capability, capabilities with no holder, targets with no lead. */
  doubtful: { title: string; ids: string[] }[];
  scenarioCount: number;
}

type Obj = Record<string, any>;

const OPTIONAL: [string, string, string][] = [
  ['multipleLeads', 'multipleLeads { target { id name label } leads { id name } }', ''],
  ['uncoveredTasks', 'uncoveredTasks { id }', 'Tasks that need no capability'],
  ['unheldCapabilities', 'unheldCapabilities { id }', 'Capabilities no party holds'],
  ['targetsWithoutLead', 'targetsWithoutLead { id }', 'Targets without a lead party'],
];

export async function loadGaps(schema: SchemaInfo, scenarioIds: string[]): Promise<GapOverlay> {
  const ret = schema.returnType(schema.queryType, 'gapAnalysis');
  if (!ret) throw new Error('the server has no gapAnalysis query');
  if (!schema.has(ret, 'balance')) throw new Error(`gapAnalysis returns ${ret} without a balance list`);
  const balanceType = schema.returnType(ret, 'balance')!;
  const balanceFields = ['required', 'available', 'shortfall', 'surplus', 'duplicate'].filter((f) => schema.has(balanceType, f)).join(' ');
  const parts = [`balance { capability { id name } ${balanceFields} }`, ...OPTIONAL.filter(([f]) => schema.has(ret, f)).map(([, sel]) => sel)];
  const withIds = schema.argNames(schema.queryType, 'gapAnalysis').includes('scenarioIds');
  const query = withIds
    ? `query Gaps($ids: [ID!]) { gapAnalysis(scenarioIds: $ids) { ${parts.join(' ')} } }`
    : `query Gaps { gapAnalysis { ${parts.join(' ')} } }`;
  const data = await gql<{ gapAnalysis: Obj }>(query, withIds ? { ids: scenarioIds } : {});
  const g = data.gapAnalysis ?? {};
  const shortfalls = new Map<string, Balance>();
  const duplicates = new Map<string, string[]>();
  const flag = (id: string, why: string) => duplicates.set(id, [...(duplicates.get(id) ?? []), why]);
  for (const b of (g.balance ?? []) as Obj[]) {
    if (!b.capability) continue;
    const shortfall = Number(b.shortfall ?? 0);
    if (shortfall > 0) shortfalls.set(b.capability.id, { required: Number(b.required), available: Number(b.available), shortfall });
    if (b.duplicate) flag(b.capability.id, `overcapacity: ${Math.round(Number(b.available))} available for ${Math.round(Number(b.required))} required`);
  }
  for (const m of (g.multipleLeads ?? []) as Obj[]) {
    if (m.target) flag(m.target.id, `${m.leads.length} lead parties: ${m.leads.map((p: Obj) => p.name).join(', ')}`);
  }
  const doubtful = OPTIONAL.filter(([f, , title]) => title && Array.isArray(g[f]))
    .map(([f, , title]) => ({ title, ids: (g[f] as Obj[]).map((x) => x.id as string) }))
    .filter((d) => d.ids.length);
  return { shortfalls, duplicates, doubtful, scenarioCount: scenarioIds.length };
}
