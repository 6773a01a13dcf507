// Signals and likelihood revisions in the model format: validation with named messages, the latest revision in the
// risk assessment, and the horizons filter.
import { describe, expect, it } from 'vitest';
import { validateItem, validateModel } from '../../src/model/validate.js';
import { ValidationError } from '../../src/domain/errors.js';
import { assessRisks, currentLikelihood, likelihoodClassOf } from '../../src/analysis/risk.js';
import { riskInput } from '../../src/analysis/inputs.js';
import { freezeAssessment } from '../../src/analysis/cycle.js';
import { planningInput } from '../../src/analysis/inputs.js';
import { filterHorizons } from '../../src/schema/horizons.js';

const base = {
  threats: [{ id: 'th-cyber', name: 'Digitaal' }],
  incidentCategories: [{ id: 'ic-cyber', name: 'Cyber', threats: ['th-cyber'] }],
  scenarios: [
    {
      id: 'sc-bank',
      name: 'Bank',
      incidentCategory: 'ic-cyber',
      likelihoodClass: 'C',
      likelihood: 0.03,
      horizon: 'short',
    },
    { id: 'sc-flood', name: 'Flood', likelihoodClass: 'B', horizon: 'long' },
    { id: 'sc-none', name: 'No horizon', likelihoodClass: 'A' },
  ],
};
const signal = (o: Record<string, unknown> = {}) => ({
  id: 'sig-estonia',
  name: 'Estland',
  observedOn: '2007-04-27',
  horizon: 'short',
  direction: 'rising',
  strength: 4,
  threats: ['th-cyber'],
  scenarios: ['sc-bank'],
  source: 'NATO (2007)',
  ...o,
});
const revision = (o: Record<string, unknown> = {}) => ({
  id: 'rev-bank',
  name: 'Bank naar D',
  scenario: 'sc-bank',
  date: '2007-06-01',
  likelihoodClass: 'D',
  likelihood: 0.08,
  justification: 'Estland',
  signals: ['sig-estonia'],
  ...o,
});

function problems(input: unknown): string[] {
  try {
    validateModel(input);
  } catch (e) {
    if (e instanceof ValidationError) return e.problems.map((p) => `${p.item} ${p.field}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('signals in the model format', () => {
  it('accepts a valid signal and revision', () => {
    const m = validateModel({ ...base, signals: [signal()], likelihoodRevisions: [revision()] });
    expect(m.signals[0]!.incidentCategories).toEqual([]);
    expect(m.likelihoodRevisions[0]!.signals).toEqual(['sig-estonia']);
  });

  it('names the item and the field of every problem of a signal', () => {
    const p = problems({
      ...base,
      signals: [
        signal({
          observedOn: '2007-02-30',
          horizon: 'soon',
          direction: 'up',
          strength: 6,
          threats: ['th-none'],
          source: undefined,
        }),
      ],
    });
    expect(p).toContain('signals[0] (id "sig-estonia") observedOn: must be a date that exists, got "2007-02-30"');
    expect(p).toContain('signals[0] (id "sig-estonia") horizon: must be one of "short", "medium", "long", got "soon"');
    expect(p).toContain(
      'signals[0] (id "sig-estonia") direction: must be one of "rising", "stable", "falling", got "up"',
    );
    expect(p).toContain('signals[0] (id "sig-estonia") strength: must be from 1 to 5, got 6');
    expect(p).toContain('signals[0] (id "sig-estonia") source: is required (string)');
    expect(problems({ ...base, signals: [signal({ threats: ['th-none'] })] })).toEqual([
      'signals[0] (id "sig-estonia") threats[0]: unknown threat "th-none"',
    ]);
    expect(problems({ ...base, signals: [signal({ strength: 2.5, observedOn: '27-04-2007' })] })).toEqual([
      'signals[0] (id "sig-estonia") observedOn: must be a date YYYY-MM-DD, got "27-04-2007"',
      'signals[0] (id "sig-estonia") strength: must be a whole number from 1 to 5, got 2.5',
    ]);
  });

  it(
    'refuses a signal that concerns nothing, and a revision that sets nothing or names a ' +
      'scenario that is not there',
    () => {
      expect(problems({ ...base, signals: [signal({ threats: [], scenarios: [] })] })).toEqual([
        'signals[0] (id "sig-estonia") threats: a signal must name at least one threat, incident category or scenario',
      ]);
      expect(
        problems({
          ...base,
          signals: [signal()],
          likelihoodRevisions: [revision({ likelihoodClass: undefined, likelihood: undefined })],
        }),
      ).toEqual([
        'likelihoodRevisions[0] (id "rev-bank") likelihoodClass: give the new likelihoodClass, likelihood or both',
      ]);
      expect(
        problems({
          ...base,
          signals: [signal()],
          likelihoodRevisions: [revision({ scenario: 'sig-estonia', justification: '' })],
        }),
      ).toEqual(['likelihoodRevisions[0] (id "rev-bank") justification: must say why the likelihood changed, got ""']);
      expect(
        problems({ ...base, signals: [signal()], likelihoodRevisions: [revision({ scenario: 'sig-estonia' })] }),
      ).toEqual(['likelihoodRevisions[0] (id "rev-bank") scenario: "sig-estonia" is in signals, expected scenarios']);
      expect(problems({ ...base, likelihoodRevisions: [revision({ likelihood: 1.5 })] })).toEqual([
        'likelihoodRevisions[0] (id "rev-bank") likelihood: must be between 0 and 1, got 1.5',
      ]);
    },
  );

  it('validates one item as a mutation does, with the same rules', () => {
    expect(() => validateItem('signals', signal({ threats: [], scenarios: [] }))).toThrow(
      'signals (id "sig-estonia").threats: a signal must name at least one threat, incident category or scenario',
    );
    expect(() =>
      validateItem('likelihoodRevisions', revision({ likelihoodClass: undefined, likelihood: undefined })),
    ).toThrow('likelihoodRevisions (id "rev-bank").likelihoodClass: give the new likelihoodClass, likelihood or both');
  });
});

describe('likelihood revisions in the risk assessment', () => {
  it('uses the latest revision by date, whatever the order of the list', () => {
    const s = {
      id: 's',
      likelihoodClass: 'B',
      likelihood: 0.001,
      likelihoodRevisions: [
        { date: '2007-06-01', likelihoodClass: 'D' },
        { date: '2006-01-01', likelihood: 0.02 },
      ],
    };
    expect(currentLikelihood(s)).toEqual({ likelihoodClass: 'D', likelihood: null });
    expect(likelihoodClassOf(s)).toBe('D');
    expect(likelihoodClassOf({ ...s, likelihoodRevisions: [s.likelihoodRevisions[1]!] })).toBe('C');
    expect(likelihoodClassOf({ ...s, likelihoodRevisions: [] })).toBe('B');
  });

  it('ranks a model by its revisions, and a frozen assessment keeps them', () => {
    const m = validateModel({
      ...base,
      impactCriteria: [
        { id: 'c', name: 'Costs', vitalInterest: 'vi', unit: 'M€', thresholds: [1, 10, 100, 1000, 10000] },
      ],
      vitalInterests: [{ id: 'vi', name: 'Economy' }],
      scores: [
        { scenario: 'sc-bank', criterion: 'c', value: 100 },
        { scenario: 'sc-flood', criterion: 'c', value: 100 },
      ],
      signals: [signal()],
      likelihoodRevisions: [revision()],
    });
    const bank = assessRisks(riskInput(m), 'WEIGHTED_SUM', [1]).find((r) => r.scenario === 'sc-bank')!;
    expect([bank.likelihoodClass, bank.likelihood, bank.riskScore]).toEqual(['D', 0.08, 12]);
    const frozen = freezeAssessment(m, planningInput(m)).rankings[0]!.scenarios.find((r) => r.scenario === 'sc-bank')!;
    expect(frozen.likelihoodClass).toBe('D');
  });
});

describe('horizons', () => {
  it('keeps the scenarios of the horizons named and leaves out those without one', () => {
    const ids = (h: string[] | null) => filterHorizons(h, base.scenarios).map((s) => s.id);
    expect(ids(null)).toEqual(['sc-bank', 'sc-flood', 'sc-none']);
    expect(ids(['short'])).toEqual(['sc-bank']);
    expect(ids(['short', 'long'])).toEqual(['sc-bank', 'sc-flood']);
    expect(ids([])).toEqual([]);
  });
});
