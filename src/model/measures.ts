// Rules of measures and effects beyond what the catalogue checks (ids, lead, measure and capability): an effect's
// holding party must be a party (it is a third key, kept as a property in the graph), phases are listed once.
import type { Problem } from '../domain/errors.js';
import type { Model } from './schema.js';

/** `effects[3] (m-aggregates: p-rws/cap-power)`: an effect named by its measure, party and capability. */
export function effectLabel(index: number, item: unknown, list = 'effects'): string {
  const base = `${list}[${index}]`;
  if (!item || typeof item !== 'object') return base;
  const o = item as Record<string, unknown>;
  if (typeof o.measure === 'string' && typeof o.party === 'string' && typeof o.capability === 'string') {
    return `${base} (${o.measure}: ${o.party}/${o.capability})`;
  }
  return base;
}

/** Problems with the effects' parties and the measures' phases, given the list of every node id (`kindOf`). */
export function checkMeasures(
  model: Pick<Model, 'measures' | 'effects'>,
  kindOf: ReadonlyMap<string, string>,
): Problem[] {
  const problems: Problem[] = [];
  model.measures.forEach((m, i) => {
    if (m.phases && new Set(m.phases).size !== m.phases.length) {
      problems.push({ item: `measures[${i}] (id "${m.id}")`, field: 'phases', message: 'lists the same phase twice' });
    }
  });
  model.effects.forEach((e, i) => {
    const k = kindOf.get(e.party);
    if (k === undefined)
      problems.push({ item: effectLabel(i, e), field: 'party', message: `unknown party "${e.party}"` });
    else if (k !== 'parties')
      problems.push({ item: effectLabel(i, e), field: 'party', message: `"${e.party}" is in ${k}, expected parties` });
  });
  return problems;
}
