// Renders one report: the reader's view of the model, the edition's filter, the document, then HTML or PDF.
import type { Model } from '../model/schema.js';
import { UserError } from '../domain/errors.js';
import { buildReport, type CycleInfo } from './content.js';
import { compareCycles, freezeAssessment } from '../analysis/cycle.js';
import { planningInput } from '../analysis/inputs.js';
import { EDITIONS, REPORT_KINDS, type Edition, type ReportKind } from './document.js';
import { renderHtml } from './html.js';
import { REPORT_LANGUAGES, words, type ReportLanguage } from './i18n.js';
import { PUBLIC_READER, visibleModel, type Reader } from './visibility.js';
import { defaultSince } from './threat-picture.js';
import {
  parseRuns,
  planningFigures,
  recomputeRuns,
  resolveChoices,
  somethingHidden,
  visibleRuns,
  type SimulationChoices,
} from './simulated.js';

export const REPORT_FORMATS = ['pdf', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportRequest {
  kind: string;
  format?: string;
  lang?: string;
  edition?: string;
  /** The whole model the request starts from; it is filtered for the reader and the edition here. */
  model: Model;
  reader: Reader;
  cycle?: CycleInfo | null;
  party?: string | null;
  previous?: { cycle: CycleInfo; model: Model } | null;
  /** Date on the title page (ISO); today when absent. */
  date?: string;
  /** threat-picture: signals from this day (ISO); default the previous cycle's close, else six months back. */
  since?: string;
  /**
   * risk-profile: the stored runs to show, as read from Neo4j (the cycle's frozen runs, else the newest finished run
   * per scenario); null or absent when there can be none (a model file). Filtered for the reader here.
   */
  runs?: readonly { id: string; scenario: string; result: string | null }[] | null;
  /** The runs are the ones frozen with the cycle. */
  runsFromCycle?: boolean;
  /** capabilities: iterations, seed, budget and bounds of the report's own simulations (simulated.ts). */
  simulation?: SimulationChoices;
}

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  format: ReportFormat;
  fileName: string;
}

function oneOf<T extends string>(field: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v))
    throw new UserError(`${field}: unknown value "${v}"; expected one of ${allowed.join(', ')}`, 'BAD_USER_INPUT');
  return v as T;
}

/** Checks the request's choices; every message names the option and the value. */
export function reportChoices(r: Pick<ReportRequest, 'kind' | 'format' | 'lang' | 'edition'>) {
  return {
    kind: oneOf<ReportKind>('kind', r.kind, REPORT_KINDS, 'risk-profile'),
    format: oneOf<ReportFormat>('format', r.format, REPORT_FORMATS, 'pdf'),
    lang: oneOf<ReportLanguage>('lang', r.lang, REPORT_LANGUAGES, 'nl'),
    edition: oneOf<Edition>('edition', r.edition, EDITIONS, 'public'),
  };
}

export async function renderReport(r: ReportRequest): Promise<RenderedReport> {
  const { kind, format, lang, edition } = reportChoices(r);
  const reader = edition === 'public' ? PUBLIC_READER : r.reader;
  const model = visibleModel(r.model, reader);
  if (kind === 'party') {
    if (!r.party) throw new UserError('party: the party report needs a party (--party <id>)', 'BAD_USER_INPUT');
    if (!model.parties.some((p) => p.id === r.party))
      throw new UserError(`party: unknown party "${r.party}"`, 'BAD_USER_INPUT');
  }
  if (kind === 'progress' && (!r.previous || !r.cycle)) {
    throw new UserError(
      'progress: the progress report compares two cycles; give --cycle of a cycle that has an earlier one',
      'BAD_USER_INPUT',
    );
  }
  const comparison =
    kind === 'progress' ? progressBetween(r.previous!, { cycle: r.cycle!, model: r.model }, reader) : null;
  const previous = r.previous ? { cycle: r.previous.cycle } : null;
  const w = await words(lang);
  const date = isoDay('date', r.date ?? new Date().toISOString().slice(0, 10));
  const since =
    kind === 'threat-picture'
      ? isoDay('since', r.since ?? r.previous?.cycle.closedAt?.slice(0, 10) ?? defaultSince(date))
      : undefined;
  const previousModel = kind === 'threat-picture' && r.previous ? visibleModel(r.previous.model, reader) : null;
  const cycle = r.cycle ? { ...r.cycle, decisions: visibleDecisions(r.cycle.decisions ?? [], model) } : null;
  const choices = resolveChoices(r.simulation, r.cycle?.id ?? null);
  let runs = kind === 'risk-profile' && r.runs ? visibleRuns(parseRuns(r.runs), model) : null;
  // A public edition shows no figure hidden items contributed to: stored runs are simulated again on its model.
  const recompute = !!runs?.length && edition === 'public' && somethingHidden(r.model, model);
  const recomputed = recompute ? await recomputeRuns(runs!, model, choices) : null;
  if (recomputed) runs = recomputed.runs;
  const planning = kind === 'capabilities' ? await planningFigures(model, choices) : null;
  const doc = buildReport({
    kind,
    edition,
    model,
    words: w,
    date,
    cycle,
    party: r.party ?? null,
    previous,
    comparison,
    since,
    previousModel,
    runs,
    runsFromCycle: !!r.runsFromCycle,
    runsRecomputed: recomputed ? { skipped: recomputed.skipped } : null,
    planning,
  });
  const html = await renderHtml(doc, w, new Date().toISOString());
  const base = ['weerbaar', kind, r.cycle?.id ?? date, ...(kind === 'party' ? [r.party!] : []), lang, edition].join(
    '-',
  );
  if (format === 'html')
    return { body: Buffer.from(html), contentType: 'text/html; charset=utf-8', format, fileName: `${base}.html` };
  const { htmlToPdf } = await import('./pdf.js');
  const pdf = await htmlToPdf(html, (page, total) => w.t('title.page', { page, total }));
  return { body: pdf, contentType: 'application/pdf', format, fileName: `${base}.pdf` };
}

type CycleModel = { cycle: CycleInfo; model: Model };

function isoDay(field: string, value: string): string {
  const exists = !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 10) === value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !exists) {
    throw new UserError(`${field}: must be a date YYYY-MM-DD, got "${value}"`, 'BAD_USER_INPUT');
  }
  return value;
}

/** Decisions about items the reader may not see are left out with the items. */
function visibleDecisions<D extends { target: string }>(decisions: readonly D[], model: Model): D[] {
  const ids = new Set([...model.scenarios.map((s) => s.id), ...measureIds(model)]);
  return decisions.filter((d) => ids.has(d.target));
}

const measureIds = (m: Model) => ((m as unknown as { measures?: { id: string }[] }).measures ?? []).map((x) => x.id);

/** The comparison of two cycles as the reader sees them (assessments recomputed from the visible models). */
function progressBetween(before: CycleModel, after: CycleModel, reader: Reader) {
  const state = (c: CycleModel) => {
    const model = visibleModel(c.model, reader);
    return {
      id: c.cycle.id,
      model,
      assessment: freezeAssessment(model, planningInput(model)),
      decisions: visibleDecisions(c.cycle.decisions ?? [], model),
      date: c.cycle.closedAt ?? new Date().toISOString(),
    };
  };
  return compareCycles(state(before), state(after));
}
