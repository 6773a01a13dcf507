// Capability balance (pure): required is the worst scenario, available counts readiness, gaps and duplicates follow.
import { describe, expect, it } from 'vitest';
import { capabilityBalance, gapReport, type PlanningInput } from '../../src/analysis/balance.js';

const input: PlanningInput = {
  scenarios: [{ id: 'flood' }, { id: 'pandemic' }],
  tasks: [
    { id: 'evac', phase: 'response' },
    { id: 'shelter', phase: 'aftercare' },
    { id: 'warn', phase: 'preparation' },
  ],
  capabilities: [{ id: 'boats' }, { id: 'beds' }, { id: 'pumps' }],
  parties: [
    { id: 'region', partyKind: 'safety-region' },
    { id: 'eu', partyKind: 'international' },
    { id: 'min', partyKind: 'ministry' },
  ],
  requirements: [
    { scenario: 'flood', task: 'evac', demand: 10 },
    { scenario: 'flood', task: 'shelter', demand: 100 },
    { scenario: 'pandemic', task: 'evac', demand: 4 },
    { scenario: 'pandemic', task: 'shelter', demand: 300 },
  ],
  needs: [
    { task: 'evac', capability: 'boats', perUnit: 0.5 },
    { task: 'shelter', capability: 'boats', perUnit: 0.01 },
    { task: 'shelter', capability: 'beds', perUnit: 1 },
    { task: 'evac', capability: 'pumps', perUnit: 2 },
  ],
  holdings: [
    { party: 'region', capability: 'boats', capacity: 4, readiness: 0.5 },
    { party: 'eu', capability: 'boats', capacity: 10, readiness: 0.8 },
    { party: 'min', capability: 'beds', capacity: 200 },
    { party: 'ghost', capability: 'pumps', capacity: 99 },
  ],
  responsibilities: [
    { party: 'min', target: 'boats', role: 'lead' },
    { party: 'region', target: 'boats', role: 'lead' },
    { party: 'eu', target: 'beds', role: 'support' },
  ],
  targets: [
    { id: 'boats', __label: 'Capability' },
    { id: 'beds', __label: 'Capability' },
    { id: 'pumps', __label: 'Capability' },
    { id: 'evac', __label: 'Task' },
    { id: 'flood', __label: 'Scenario' },
  ],
};
const by = (rows: ReturnType<typeof capabilityBalance>) => Object.fromEntries(rows.map((r) => [r.capability, r]));

describe('capability balance', () => {
  it('takes the largest requirement over the scenarios and counts capacity × readiness', () => {
    const b = by(capabilityBalance(input));
    expect(b.boats!.required).toBeCloseTo(6, 12);
    expect(b.boats!.drivingScenario).toBe('flood');
    expect(b.boats!.available).toBeCloseTo(10, 12);
    expect(b.boats!.availableNational).toBeCloseTo(2, 12);
    expect(b.boats!.availableInternational).toBeCloseTo(8, 12);
    expect(b.beds).toMatchObject({
      required: 300,
      drivingScenario: 'pandemic',
      available: 200,
      shortfall: 100,
      surplus: 0,
      gap: true,
    });
  });
  it('leaves out holders the viewer cannot see', () => {
    expect(by(capabilityBalance(input)).pumps).toMatchObject({ available: 0, holders: [], shortfall: 20 });
  });
  it('counts only tasks in the selected phases and scenarios', () => {
    expect(by(capabilityBalance(input, { phases: ['aftercare'] })).boats!.required).toBeCloseTo(3, 12);
    expect(by(capabilityBalance(input, { scenarios: ['flood'] })).beds!.required).toBe(100);
    expect(by(capabilityBalance(input, { scenarios: [] })).beds!.required).toBe(0);
  });
  it('calls overcapacity with two or more holders a duplicate, by the given factor', () => {
    expect(by(capabilityBalance(input)).boats!.duplicate).toBe(false);
    expect(by(capabilityBalance(input, { overcapacityFactor: 1.5 })).boats!.duplicate).toBe(true);
    expect(by(capabilityBalance(input, { phases: ['preparation'] })).beds!.duplicate).toBe(false); // one holder
  });
});

describe('gap report', () => {
  it('lists gaps, lead conflicts, uncovered tasks, unheld capabilities and targets without a lead', () => {
    const r = gapReport(input);
    expect(r.gaps.map((g) => [g.capability, g.shortfall])).toEqual([
      ['beds', 100],
      ['pumps', 20],
    ]);
    expect(r.multipleLeads).toEqual([{ target: 'boats', kind: 'Capability', leads: ['min', 'region'] }]);
    expect(r.uncoveredTasks).toEqual(['warn']);
    expect(r.unheldCapabilities).toEqual(['pumps']);
    expect(r.targetsWithoutLead).toEqual([
      { id: 'beds', kind: 'Capability' },
      { id: 'pumps', kind: 'Capability' },
      { id: 'evac', kind: 'Task' },
    ]);
  });
});
