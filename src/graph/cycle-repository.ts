// Planning cycles in Neo4j (placeholder until cycles are stored): see docs/reports.md.
import type { Graph } from './graph.js';
import type { Model } from '../model/schema.js';
import type { CycleInfo } from '../report/content.js';
import { NotFoundError } from '../domain/errors.js';

export async function getCycleSnapshot(_graph: Graph, id: string): Promise<{ model: Model; cycle: CycleInfo }> {
  throw new NotFoundError('cycle', id);
}
export async function previousCycleSnapshot(_graph: Graph, _id: string): Promise<{ model: Model; cycle: CycleInfo } | null> {
  return null;
}
