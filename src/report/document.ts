// The shape of a report before it is rendered: sections of paragraphs, lists, tables and charts (pure data).
import type { TopLevelSpec } from 'vega-lite';

/** A table cell: text, optionally marked as classified (the full edition shows the mark). */
export type Cell = string | { text: string; mark?: string; numeric?: boolean };

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: Cell[] }
  | { kind: 'table'; caption: string; columns: string[]; rows: Cell[][]; numeric?: readonly boolean[] }
  | { kind: 'chart'; caption: string; description: string; spec: TopLevelSpec };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  sections?: Section[];
}

export const REPORT_KINDS = ['risk-profile', 'capabilities', 'progress', 'party', 'threat-picture'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const EDITIONS = ['public', 'full'] as const;
export type Edition = (typeof EDITIONS)[number];

export interface ReportDocument {
  kind: ReportKind;
  lang: 'nl' | 'en';
  edition: Edition;
  title: string;
  subtitle: string;
  /** Lines of the title page under the title: cycle, date, edition. */
  facts: { label: string; value: string }[];
  /** What the edition leaves out or marks, printed on the title page. */
  notice: string;
  sections: Section[];
}
