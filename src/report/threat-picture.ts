// The threat picture (Dreigingsbeeld): signals per threat since a date, the scenarios whose likelihood moved and
// why, and the scenarios no signal has named for more than a year (docs/reports.md). Pure, like content.ts.
import type { LikelihoodRevision, Model, Signal } from '../model/schema.js';
import { currentLikelihood, likelihoodClassOf } from '../analysis/risk.js';
import type { Words } from './i18n.js';
import type { Block, Cell, Section } from './document.js';

/** Names and marks of nodes (content.ts's Namer). */
export interface NodeNames {
  name(id: string): string;
  cell(id: string): Cell;
}

export interface ThreatPictureOptions {
  model: Model;
  words: Words;
  /** The day of the picture (ISO); signals and revisions after it do not count. */
  date: string;
  /** Signals observed on or after this day are the picture's news. */
  since: string;
  /** The model of the previous picture (a planning cycle), when there is one; else the revisions' dates tell. */
  previous?: { id: string; model: Model } | null;
}

export interface LikelihoodMove {
  scenario: string;
  before: { likelihoodClass: string | null; likelihood: number | null };
  after: { likelihoodClass: string | null; likelihood: number | null };
  revisions: LikelihoodRevision[];
}

export interface ThreatPicture {
  /** Signals since `since` per threat (model order; `null`: concerning no threat), newest first. */
  byThreat: { threat: string | null; signals: Signal[] }[];
  signals: Signal[];
  moved: LikelihoodMove[];
  /** Scenarios no signal has named in the year before the picture, with the last signal that did (or null). */
  review: { scenario: string; lastSignal: string | null }[];
}

const DAY = 86_400_000;
const minusDays = (iso: string, days: number) => new Date(Date.parse(iso) - days * DAY).toISOString().slice(0, 10);
/** The default start of a picture without a previous one: six months back (horizon scanning runs twice a year). */
export const defaultSince = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 6);
  return d.toISOString().slice(0, 10);
};

/** The threats a signal concerns: its own, else those of its incident categories and of its scenarios' categories. */
function threatsOf(s: Signal, model: Model): string[] {
  if (s.threats.length) return s.threats;
  const byCategory = new Map(model.incidentCategories.map((c) => [c.id, c.threats]));
  const categories = [
    ...s.incidentCategories,
    ...s.scenarios
      .map((id) => model.scenarios.find((x) => x.id === id)?.incidentCategory)
      .filter((c): c is string => !!c),
  ];
  return [...new Set(categories.flatMap((c) => byCategory.get(c) ?? []))];
}

const sameLikelihood = (a: LikelihoodMove['before'], b: LikelihoodMove['before']) =>
  a.likelihoodClass === b.likelihoodClass && a.likelihood === b.likelihood;

/** The likelihood of a scenario as it stood on `day` (revisions up to and including it). */
function likelihoodOn(model: Model, scenario: string, day: string, before = false) {
  const s = model.scenarios.find((x) => x.id === scenario)!;
  const revisions = model.likelihoodRevisions.filter(
    (r) => r.scenario === scenario && (before ? r.date < day : r.date <= day),
  );
  const r = currentLikelihood({ ...s, likelihoodRevisions: revisions });
  return { likelihoodClass: likelihoodClassOf({ id: s.id, ...r }), likelihood: r.likelihood };
}

export function threatPicture(o: Pick<ThreatPictureOptions, 'model' | 'date' | 'since' | 'previous'>): ThreatPicture {
  const m = o.model;
  const upToDate = m.signals.filter((s) => s.observedOn <= o.date);
  const signals = upToDate
    .filter((s) => s.observedOn >= o.since)
    .sort((a, b) => b.observedOn.localeCompare(a.observedOn) || a.id.localeCompare(b.id));
  const groups = new Map<string | null, Signal[]>();
  for (const s of signals) {
    const ts = threatsOf(s, m);
    for (const t of ts.length ? ts : [null]) groups.set(t, [...(groups.get(t) ?? []), s]);
  }
  const order = m.threats.map((t) => t.id);
  const byThreat = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : order.indexOf(a) - order.indexOf(b)))
    .map(([threat, list]) => ({ threat, signals: list }));

  const moved: LikelihoodMove[] = [];
  for (const s of m.scenarios) {
    const after = likelihoodOn(m, s.id, o.date);
    let before: LikelihoodMove['before'] | null;
    let revisions: LikelihoodRevision[];
    if (o.previous) {
      const prev = o.previous.model;
      const known = new Set(prev.likelihoodRevisions.map((r) => r.id));
      before = prev.scenarios.some((x) => x.id === s.id) ? likelihoodOn(prev, s.id, o.date) : null;
      revisions = m.likelihoodRevisions.filter((r) => r.scenario === s.id && !known.has(r.id) && r.date <= o.date);
    } else {
      before = likelihoodOn(m, s.id, o.since, true);
      revisions = m.likelihoodRevisions.filter((r) => r.scenario === s.id && r.date >= o.since && r.date <= o.date);
    }
    if (before && !sameLikelihood(before, after)) {
      moved.push({ scenario: s.id, before, after, revisions: revisions.sort((a, b) => a.date.localeCompare(b.date)) });
    }
  }

  const yearAgo = minusDays(o.date, 365);
  const review = m.scenarios.flatMap((s) => {
    const last =
      upToDate
        .filter((x) => x.scenarios.includes(s.id))
        .map((x) => x.observedOn)
        .sort()
        .at(-1) ?? null;
    return last !== null && last >= yearAgo ? [] : [{ scenario: s.id, lastSignal: last }];
  });
  return { byThreat, signals, moved, review };
}

const fmtLikelihood = (w: Words, l: LikelihoodMove['before']) =>
  `${l.likelihoodClass ?? '–'}${l.likelihood != null ? ` (${w.pct(l.likelihood, 2)})` : ''}`;

/** The sections of the Dreigingsbeeld. */
export function threatPictureSections(o: ThreatPictureOptions, n: NodeNames): Section[] {
  const w = o.words;
  const { t } = w;
  const p = threatPicture(o);
  const signalRow = (s: Signal): Cell[] => [
    w.date(s.observedOn),
    n.cell(s.id),
    t(`horizon.${s.horizon}`),
    t(`threat.direction.${s.direction}`),
    { text: String(s.strength), numeric: true },
    s.scenarios.map((x) => n.name(x)).join(', ') || '–',
    s.source,
  ];
  const columns = [
    t('col.date'),
    t('threat.col.signal'),
    t('col.horizon'),
    t('threat.col.direction'),
    t('threat.col.strength'),
    t('threat.col.scenarios'),
    t('threat.col.source'),
  ];
  const numeric = [false, false, false, false, true, false, false];
  const previous = o.previous
    ? t('threat.changes.sinceCycle', { cycle: o.previous.id })
    : t('threat.changes.sinceDate', { date: w.date(o.since) });
  const revisionText = (mv: LikelihoodMove) =>
    mv.revisions.map((r) => `${w.date(r.date)}: ${r.justification}`).join(' ') || '–';
  const revisionSignals = (mv: LikelihoodMove) =>
    [...new Set(mv.revisions.flatMap((r) => r.signals))].map((x) => n.name(x)).join(', ') || '–';
  return [
    {
      id: 'summary',
      title: t('threat.summary.title'),
      blocks: [
        {
          kind: 'paragraph',
          text: t('threat.summary.text', {
            since: w.date(o.since),
            date: w.date(o.date),
            signals: p.signals.length,
            threats: p.byThreat.filter((g) => g.threat).length,
            moved: p.moved.length,
            review: p.review.length,
          }),
        },
        { kind: 'paragraph', text: t('threat.summary.method') },
      ],
    },
    {
      id: 'signals',
      title: t('threat.signals.title'),
      blocks: p.byThreat.length ? [] : [{ kind: 'paragraph', text: t('threat.signals.none') }],
      sections: p.byThreat.map((g, i): Section => ({
        id: `signals-${i + 1}`,
        title: g.threat ? n.name(g.threat) : t('threat.signals.other'),
        blocks: [
          {
            kind: 'table',
            caption: t('threat.signals.caption', { threat: g.threat ? n.name(g.threat) : t('threat.signals.other') }),
            columns,
            numeric,
            rows: g.signals.map(signalRow),
          },
        ],
      })),
    },
    {
      id: 'changes',
      title: t('threat.changes.title'),
      blocks: [
        {
          kind: 'paragraph',
          text: `${previous} ${t('threat.changes.text', { signals: p.signals.length, moved: p.moved.length })}`,
        },
        p.moved.length
          ? ({
              kind: 'table',
              caption: t('threat.changes.caption'),
              columns: [
                t('col.scenario'),
                t('col.before'),
                t('col.after'),
                t('threat.col.why'),
                t('threat.col.basedOn'),
              ],
              rows: p.moved.map((mv) => [
                n.cell(mv.scenario),
                fmtLikelihood(w, mv.before),
                fmtLikelihood(w, mv.after),
                revisionText(mv),
                revisionSignals(mv),
              ]),
            } as Block)
          : { kind: 'paragraph', text: t('threat.changes.none') },
      ],
    },
    {
      id: 'review',
      title: t('threat.review.title'),
      blocks: [
        { kind: 'paragraph', text: t('threat.review.text', { since: w.date(minusDays(o.date, 365)) }) },
        p.review.length
          ? ({
              kind: 'table',
              caption: t('threat.review.caption'),
              columns: [t('col.scenario'), t('col.horizon'), t('threat.col.lastSignal')],
              rows: p.review.map((r) => {
                const s = o.model.scenarios.find((x) => x.id === r.scenario)!;
                return [
                  n.cell(r.scenario),
                  s.horizon ? t(`horizon.${s.horizon}`) : '–',
                  r.lastSignal ? w.date(r.lastSignal) : t('threat.review.never'),
                ];
              }),
            } as Block)
          : { kind: 'paragraph', text: t('threat.review.none') },
      ],
    },
  ];
}
