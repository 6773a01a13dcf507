// The findings table of simulations/SOURCES.md, parsed, and the same classification computed from a gap analysis.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SOURCES_PATH = fileURLToPath(new URL('../../simulations/SOURCES.md', import.meta.url));

export const FINDINGS = ['no holder', 'gap', 'duplicate', 'international help', 'adequate'] as const;
export type Finding = (typeof FINDINGS)[number];

export interface FindingRow {
  capability: string;
  required: number;
  availableNational: number;
  available: number;
  finding: Finding;
  drivingScenario: string;
}

const number = (cell: string): number => Number(cell.replace(/,/g, ''));
const id = (cell: string): string => cell.replace(/`/g, '').trim();

/** Rows of the table whose header starts with "| Capability | Required |". */
export function sourcesFindings(text = readFileSync(SOURCES_PATH, 'utf8')): FindingRow[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\| Capability \| Required \|/.test(l));
  if (start < 0) throw new Error('SOURCES.md: no findings table (a header "| Capability | Required | …")');
  const rows: FindingRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const finding = cells[4] as Finding;
    if (!FINDINGS.includes(finding)) throw new Error(`SOURCES.md: ${cells[0]}: unknown finding "${cells[4]}"`);
    rows.push({
      capability: id(cells[0]!),
      required: number(cells[1]!),
      availableNational: number(cells[2]!),
      available: number(cells[3]!),
      finding,
      drivingScenario: id(cells[5]!),
    });
  }
  return rows;
}

/** What a finding is computed from: a row of the balance (pure or through GraphQL). */
export interface BalanceFacts {
  holders: readonly unknown[];
  gap: boolean;
  duplicate: boolean;
  required: number;
  availableNational: number;
}

/** The finding for one row of the balance, by the rule SOURCES.md states (the first that applies). */
export function findingOf(b: BalanceFacts): Finding {
  if (b.holders.length === 0) return 'no holder';
  if (b.gap) return 'gap';
  if (b.duplicate) return 'duplicate';
  if (b.required > b.availableNational) return 'international help';
  return 'adequate';
}
