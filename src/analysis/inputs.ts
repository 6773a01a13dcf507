// The analyses' inputs from an interchange document (a file, a frozen cycle, or the graph's export).
import type { Model } from '../model/schema.js';
import type { PlanningInput } from './balance.js';
import { withRevisions, type RiskInput } from './risk.js';
import { NODE_KINDS } from '../model/kinds.js';

export function riskInput(model: Model): RiskInput {
  // A scenario's likelihood is that of its latest revision (docs/model.md#signals).
  const scenarios = withRevisions(model.scenarios, model.likelihoodRevisions);
  return { criteria: model.impactCriteria, scenarios, scores: model.scores };
}

export function planningInput(model: Model): PlanningInput {
  const targets: { id: string; __label: string }[] = [];
  for (const k of NODE_KINDS)
    for (const n of model[k.list] as { id: string }[]) targets.push({ id: n.id, __label: k.label });
  return {
    scenarios: model.scenarios,
    tasks: model.tasks,
    capabilities: model.capabilities,
    parties: model.parties.map((p) => ({ id: p.id, partyKind: p.kind })),
    requirements: model.requirements,
    needs: model.needs,
    holdings: model.holdings,
    responsibilities: model.responsibilities,
    targets,
  };
}

/** Every node of the model by id, with the list it belongs to. */
export function nodeIndex(model: Model): Map<string, { list: string; node: Record<string, unknown> }> {
  const out = new Map<string, { list: string; node: Record<string, unknown> }>();
  for (const k of NODE_KINDS)
    for (const n of model[k.list] as Record<string, unknown>[]) out.set(n.id as string, { list: k.list, node: n });
  return out;
}
