// Planning cycles (pure): the frozen assessment and the comparison of two cycles, against hand-made models.
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  compareCycles,
  freezeAssessment,
  measureStatuses,
  type CycleState,
  type Decision,
} from '../../src/analysis/cycle.js';
import { planningInput } from '../../src/analysis/inputs.js';
import type { Model } from '../../src/model/schema.js';
import { REPORT_MODEL } from '../report/fixture.js';

type WithMeasures = Model;
/** A measure of the model format with the fields a cycle reads; the rest at their defaults. */
const measure = (id: string, name: string, leadTimeMonths: number): Model['measures'][number] => ({
  id,
  name,
  leadTimeMonths,
  lead: 'min',
  instrument: 'investment',
  costOneOff: 0,
  costPerYear: 0,
  status: 'proposed',
});

function state(id: string, model: Model, decisions: Decision[], date: string): CycleState {
  return { id, model, assessment: freezeAssessment(model, planningInput(model)), decisions, date };
}

const decision = (d: Partial<Decision> & Pick<Decision, 'kind' | 'target'>): Decision => ({
  status: null,
  owner: null,
  date: '2008-03-01',
  note: null,
  ...d,
});

describe('frozen assessment', () => {
  it('ranks under every method and weight profile, and holds the gap analysis', () => {
    const a = freezeAssessment(REPORT_MODEL(), planningInput(REPORT_MODEL()));
    expect(a.rankings.map((r) => `${r.method}/${r.profile}`)).toContain('MEDAL/economy-first');
    expect(a.rankings).toHaveLength(2 * 5);
    const base = a.rankings.find((r) => r.method === 'WEIGHTED_SUM' && r.profile === 'model')!;
    expect(base.scenarios.map((s) => [s.scenario, s.riskScore])).toEqual([
      ['cyber', 10],
      ['sabotage', 6],
      ['flood', 4],
    ]);
    expect(a.gaps.gaps.map((g) => [g.capability, g.shortfall])).toEqual([
      ['boats', 80],
      ['cooling', 5],
    ]);
  });
});

describe('comparison of two cycles', () => {
  const m2007 = REPORT_MODEL();
  // 2008: flood rises to likelihood E (risk 5 × 2 = 10, ties cyber), boats are bought (gap closed), a new requirement
  // opens one.
  const m2008 = REPORT_MODEL();
  m2008.scenarios.find((s) => s.id === 'flood')!.likelihoodClass = 'E';
  m2008.holdings[0]!.capacity = 400;

  it('names the scenarios whose rank or class moved and the gaps closed and opened', () => {
    const c = compareCycles(state('2007', m2007, [], '2007-12-01'), state('2008', m2008, [], '2008-12-01'));
    expect(c.moved.map((x) => x.scenario)).toEqual(['flood', 'sabotage']);
    expect(c.moved.find((x) => x.scenario === 'flood')).toEqual({
      scenario: 'flood',
      rankBefore: 3,
      rankAfter: 2,
      classBefore: 'B/B',
      classAfter: 'E/B',
    });
    expect(c.gapsClosed).toEqual(['boats']);
    expect(c.gapsOpened).toEqual([]);
  });

  it('tracks measures: progressed by status decisions, overdue once the lead time has passed without done', () => {
    const withMeasures = (m: Model): WithMeasures => ({
      ...m,
      measures: [
        measure('m-boats', 'Buy boats', 6),
        measure('m-cool', 'Cooling centres', 24),
        measure('m-done', 'Exercise', 1),
      ],
    });
    const before = state(
      '2007',
      withMeasures(m2007),
      [decision({ kind: 'measure', target: 'm-boats', date: '2007-11-15' })],
      '2007-12-01',
    );
    const after = state(
      '2008',
      withMeasures(m2008),
      [
        decision({ kind: 'status', target: 'm-boats', status: 'in-progress', date: '2008-02-01' }),
        decision({ kind: 'measure', target: 'm-cool', date: '2008-02-01' }),
        decision({ kind: 'measure', target: 'm-done', date: '2008-01-10' }),
        decision({ kind: 'status', target: 'm-done', status: 'done', date: '2008-02-10' }),
      ],
      '2008-12-01',
    );
    const c = compareCycles(before, after);
    expect(c.progressed).toEqual([
      { measure: 'm-boats', before: 'decided', after: 'in-progress' },
      { measure: 'm-cool', before: 'proposed', after: 'decided' },
      { measure: 'm-done', before: 'proposed', after: 'done' },
    ]);
    // m-boats was decided on 2007-11-15 with 6 months: due 2008-05-15, not done on 2008-12-01. m-cool is due in 2010.
    expect(c.overdue).toEqual([
      { measure: 'm-boats', decidedOn: '2007-11-15', dueOn: '2008-05-15', status: 'in-progress' },
    ]);
    expect(measureStatuses(after).get('m-done')).toEqual({ status: 'done', decidedOn: '2008-01-10' });
  });

  it('adds months with the day clamped to the month', () => {
    expect(addMonths('2008-01-31', 1)).toBe('2008-02-29');
    expect(addMonths('2007-11-15', 6)).toBe('2008-05-15');
    expect(addMonths('2008-12-01', 13)).toBe('2010-01-01');
  });
});
