// The findings table of simulations/SOURCES.md against the gap analysis of the code over the default model.
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../src/model/validate.js';
import { gapReport, type GapReport } from '../../src/analysis/balance.js';
import type { Model } from '../../src/model/schema.js';
import { FINDINGS, findingOf, sourcesFindings, SOURCES_PATH, type FindingRow } from '../helpers/sources-findings.js';

const MODEL_PATH = fileURLToPath(new URL('../../simulations/nederland.json', import.meta.url));
const TARGET_LISTS = {
  threats: 'Threat',
  sectors: 'Sector',
  services: 'Service',
  tasks: 'Task',
  capabilities: 'Capability',
};

let m: Model;
let report: GapReport;
let table: FindingRow[];
beforeAll(async () => {
  m = await readModelFile(MODEL_PATH);
  const targets = Object.entries(TARGET_LISTS).flatMap(([list, label]) =>
    (m[list as keyof typeof TARGET_LISTS] as readonly { id: string }[]).map((x) => ({ id: x.id, __label: label })),
  );
  report = gapReport({ ...m, parties: m.parties.map((p) => ({ id: p.id, partyKind: p.kind })), targets });
  table = sourcesFindings();
});

/** Equal within the table's rounding to two decimals. */
const near = (table: number, code: number) => Math.abs(table - code) <= 0.005 + 1e-9 * Math.abs(code);

describe('SOURCES.md findings table', () => {
  it('has one row per capability of the default model', () => {
    expect(table.map((r) => r.capability).sort()).toEqual(m.capabilities.map((c) => c.id).sort());
  });

  it('states the finding, the numbers and the driving scenario the gap analysis returns', () => {
    const byId = new Map(report.balance.map((b) => [b.capability, b]));
    const wrong: string[] = [];
    for (const row of table) {
      const b = byId.get(row.capability)!;
      const code = {
        finding: findingOf(b),
        required: b.required,
        availableNational: b.availableNational,
        available: b.available,
        drivingScenario: b.drivingScenario,
      };
      if (code.finding !== row.finding) {
        wrong.push(`${row.capability}: finding "${row.finding}", code says "${code.finding}"`);
      }
      for (const f of ['required', 'availableNational', 'available'] as const) {
        if (!near(row[f], code[f])) wrong.push(`${row.capability}: ${f} ${row[f]}, code says ${code[f]}`);
      }
      if (row.drivingScenario !== code.drivingScenario) {
        wrong.push(`${row.capability}: driving scenario ${row.drivingScenario}, code says ${code.drivingScenario}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows every kind of finding at least once', () => {
    expect(new Set(table.map((r) => r.finding))).toEqual(new Set(FINDINGS));
  });

  it('lists the structural findings the gap analysis returns', () => {
    const text = readFileSync(SOURCES_PATH, 'utf8');
    const line = (label: string) => text.split('\n').find((l) => l.startsWith(`- **${label}`)) ?? '';
    const ids = (label: string) => [...line(label).matchAll(/`([^`]+)`/g)].map((x) => x[1]).sort();
    expect(ids('Task with no capability')).toEqual(report.uncoveredTasks);
    expect(ids('Capability with no holder')).toEqual(report.unheldCapabilities);
    expect(ids('Targets with no lead')).toEqual(report.targetsWithoutLead.map((t) => t.id).sort());
    expect(ids('Double lead')).toEqual(report.multipleLeads.map((x) => x.target).sort());
  });
});
