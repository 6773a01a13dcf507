// Risk ranking (pure): likelihood classes, weighted sum, medal method, profiles and sensitivity.
import { describe, expect, it } from 'vitest';
import {
  assessRisks,
  classOfScore,
  likelihoodClassOf,
  likelihoodScore,
  rankSensitivity,
  resolveWeights,
  type RiskInput,
} from '../../src/analysis/risk.js';
import { findProfile, WEIGHT_PROFILES } from '../../src/analysis/profiles.js';

const T = [1, 10, 100, 1000, 10000];
const input: RiskInput = {
  criteria: [
    { id: 'fatalities', thresholds: T, weight: 1, vitalInterest: 'vi-physical' },
    { id: 'costs', thresholds: T, weight: 1, vitalInterest: 'vi-economic' },
  ],
  scenarios: [
    { id: 'flood', likelihoodClass: 'B' },
    { id: 'pandemic', likelihoodClass: 'D' },
    { id: 'cyber', likelihood: 0.3 },
  ],
  scores: [
    { scenario: 'flood', criterion: 'fatalities', value: 100 },
    { scenario: 'flood', criterion: 'costs', value: 1 },
    { scenario: 'pandemic', criterion: 'fatalities', value: 10 },
    { scenario: 'pandemic', criterion: 'costs', value: 10 },
    { scenario: 'cyber', criterion: 'fatalities', value: 0 },
    { scenario: 'cyber', criterion: 'costs', value: 10000 },
  ],
};
const equal = [1, 1];

describe('likelihood', () => {
  it('takes the class when given, else derives it from the five-year probability with the NRB bounds', () => {
    expect(likelihoodClassOf({ id: 'x', likelihoodClass: 'C', likelihood: 0.9 })).toBe('C');
    expect(
      [0.0001, 0.0005, 0.004, 0.02, 0.3, 0.5, 1].map((p) => likelihoodClassOf({ id: 'x', likelihood: p })),
    ).toEqual(['A', 'B', 'B', 'C', 'D', 'E', 'E']);
    expect(likelihoodClassOf({ id: 'x' })).toBeNull();
    expect(['A', 'E', null].map((c) => likelihoodScore(c as never))).toEqual([1, 5, 0]);
  });
  it('maps an aggregated score back to a class', () => {
    expect([0, 0.99, 1, 2.5, 4.99, 5].map(classOfScore)).toEqual([null, null, 'A', 'B', 'D', 'E']);
  });
});

describe('weighted sum', () => {
  it('ranks by likelihood score × weighted mean impact score', () => {
    const rows = assessRisks(input, 'WEIGHTED_SUM', equal);
    expect(rows.map((r) => [r.scenario, r.impactScore, r.riskScore, r.rank])).toEqual([
      ['cyber', 2.5, 10, 1],
      ['pandemic', 2, 8, 2],
      ['flood', 2, 4, 3],
    ]);
  });
  it('counts a criterion with no score as no impact, and a class-only score at its class', () => {
    const rows = assessRisks(
      { ...input, scores: [{ scenario: 'flood', criterion: 'costs', class: 'D' }] },
      'WEIGHTED_SUM',
      equal,
    );
    const flood = rows.find((r) => r.scenario === 'flood')!;
    expect(flood.impacts.map((i) => [i.class, i.score])).toEqual([
      [null, 0],
      ['D', 4],
    ]);
    expect(flood.impactScore).toBe(2);
  });
  it('breaks ties by impact, then likelihood, then id', () => {
    const tie: RiskInput = {
      criteria: input.criteria,
      scenarios: [
        { id: 'b', likelihoodClass: 'A' },
        { id: 'a', likelihoodClass: 'A' },
      ],
      scores: [],
    };
    expect(assessRisks(tie, 'WEIGHTED_SUM', equal).map((r) => r.scenario)).toEqual(['a', 'b']);
  });
});

describe('medal method', () => {
  it('ranks by the number of criteria in the highest class, then the next class down', () => {
    const rows = assessRisks(input, 'MEDAL', equal);
    expect(rows.map((r) => r.scenario)).toEqual(['cyber', 'flood', 'pandemic']);
    expect(rows.map((r) => r.impactScore)).toEqual([5, 3, 2]);
  });
  it('weighs medals with the criterion weights', () => {
    // With costs weighing 0, cyber's E medal counts for nothing and flood's C leads.
    expect(assessRisks(input, 'MEDAL', [1, 0]).map((r) => r.scenario)).toEqual(['flood', 'pandemic', 'cyber']);
  });
});

describe('profiles and sensitivity', () => {
  it('weighs by vital interest under a profile, with explicit overrides on top', () => {
    expect(resolveWeights(input.criteria, findProfile('human-safety-first')!)).toEqual([3, 1]);
    expect(resolveWeights(input.criteria, findProfile('economy-first')!, new Map([['fatalities', 0.5]]))).toEqual([
      0.5, 3,
    ]);
    expect(resolveWeights([{ id: 'c', thresholds: T, weight: 7 }], findProfile('model')!)).toEqual([7]);
  });
  it('gives each scenario its best and worst rank over the profiles', () => {
    const s = Object.fromEntries(rankSensitivity(input, 'WEIGHTED_SUM', WEIGHT_PROFILES).map((r) => [r.scenario, r]));
    expect([s.cyber!.minRank, s.cyber!.maxRank, s.cyber!.changed]).toEqual([1, 3, true]);
    expect([s.pandemic!.minRank, s.pandemic!.maxRank]).toEqual([1, 2]);
    expect(s.flood!.ranks.find((r) => r.profile === 'human-safety-first')!.rank).toBe(2);
  });
});
