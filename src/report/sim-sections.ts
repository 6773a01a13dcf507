// The report sections built on simulations and measures: simulated consequences in the risk profile, simulated
// shortfalls and the recommended portfolio in the capability analysis, and a party's measures. Pure: the runs and the
// computed figures come in through the report options (simulated.ts computes them).
import type { Model } from '../model/schema.js';
import { IMPACT_CLASSES } from '../analysis/impact.js';
import { addMonths, measureStatuses } from '../analysis/cycle.js';
import { WEIGHT_PROFILES } from '../analysis/profiles.js';
import { portfolioProblem, staticValue } from '../analysis/portfolio.js';
import type { Block, Cell, Section } from './document.js';
import type { Namer, ReportOptions } from './content.js';
import type { PlanningFigures, ReportRun, Skipped } from './simulated.js';
import { cascadeHeatmap, impactClassHistogram, shortfallProbabilityBars } from './sim-charts.js';

const num = (text: string): Cell => ({ text, numeric: true });
/** A percentage that does not break between number and sign in a narrow column. */
const pct = (w: ReportOptions['words'], v: number, digits?: number): string =>
  w.pct(v, digits).replace(' %', '\u00a0%');
/** Services whose mean inoperability never reaches this are left out of the heat map (its table says so). */
const HEAT_MIN_Q = 0.01;
/** At most this many hour columns in a heat map (the recorded points are thinned evenly, the last kept). */
const HEAT_COLUMNS = 42;

function skippedText(o: ReportOptions, s: Skipped, iterations: number): string {
  const w = o.words;
  const values =
    s.reason === 'too-large'
      ? { iterations: w.num(iterations, 0), work: w.num(s.work, 0), limit: w.num(s.limit, 0) }
      : s.reason === 'timed-out'
        ? { seconds: s.seconds }
        : {};
  return w.t(`sim.skipped.${s.reason}`, values);
}

/* ---------- risk profile: stored runs ---------- */

/** Sections on the stored runs of the ranked scenarios (in rank order); a paragraph when there are none. */
export function simulatedRiskSection(o: ReportOptions, n: Namer, rankOrder: readonly string[]): Section {
  const { t } = o.words;
  const runs = new Map((o.runs ?? []).map((r) => [r.scenario, r]));
  const withRun = rankOrder.filter((s) => runs.has(s));
  const blocks: Block[] = [];
  if (o.runs == null) blocks.push({ kind: 'paragraph', text: t('sim.risk.noSource') });
  else if (!withRun.length) blocks.push({ kind: 'paragraph', text: t('sim.risk.none') });
  else {
    blocks.push({
      kind: 'paragraph',
      text: t('sim.risk.text', {
        withRun: withRun.length,
        total: rankOrder.length,
        source: t(o.runsFromCycle ? 'sim.risk.sourceCycle' : 'sim.risk.sourceGraph'),
      }),
    });
    const missing = rankOrder.filter((s) => !runs.has(s));
    if (missing.length)
      blocks.push({
        kind: 'paragraph',
        text: t('sim.risk.missing', { names: missing.map((s) => n.name(s)).join(', ') }),
      });
    blocks.push({ kind: 'paragraph', text: t('sim.risk.histNote') });
  }
  if (o.runsRecomputed) {
    blocks.push({ kind: 'paragraph', text: t('sim.risk.recomputed') });
    for (const x of o.runsRecomputed.skipped)
      blocks.push({ kind: 'paragraph', text: `${n.name(x.scenario)}: ${skippedText(o, x.skipped, x.iterations)}` });
  }
  return {
    id: 'simulated',
    title: t('sim.risk.title'),
    blocks,
    sections: withRun.map((s) => runSection(o, n, runs.get(s)!)),
  };
}

function runSection(o: ReportOptions, n: Namer, run: ReportRun): Section {
  const { t } = o.words;
  const w = o.words;
  const r = run.result;
  const scenario = n.name(run.scenario);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: t('sim.risk.run', {
        id: run.id,
        iterations: w.num(r.meta.iterations, 0),
        seed: r.meta.seed,
        horizon: w.num(r.meta.horizonHours, 0),
        mean: w.num(r.totalImpact.mean),
        p90: w.num(r.totalImpact.p90),
      }),
    },
    ...histogramBlocks(o, n, run, scenario),
    ...heatmapBlocks(o, n, r, scenario),
  ];
  return { id: `simulated-${run.scenario}`, title: scenario, blocks };
}

function histogramBlocks(o: ReportOptions, n: Namer, run: ReportRun, scenario: string): Block[] {
  const { t } = o.words;
  const w = o.words;
  const criteria = o.model.impactCriteria.filter((c) => run.result.criteria.some((x) => x.id === c.id));
  if (!criteria.length) return [];
  const bins = [t('sim.bins.below'), ...IMPACT_CLASSES];
  const expert = new Map(
    o.model.scores
      .filter((s) => s.scenario === run.scenario)
      .map((s) => {
        const c = o.model.impactCriteria.find((x) => x.id === s.criterion);
        let cls = s.class ?? null;
        if (!cls && s.value != null && c) {
          cls = null;
          for (let k = 4; k >= 0; k--)
            if (s.value >= c.thresholds[k]!) {
              cls = IMPACT_CLASSES[k]!;
              break;
            }
        }
        return [s.criterion, cls ?? '–'] as const;
      }),
  );
  const label = (id: string) => o.model.impactCriteria.find((c) => c.id === id)?.code ?? n.name(id);
  const dist = criteria.map((c) => {
    const stats = run.result.criteria.find((x) => x.id === c.id)!;
    const p = IMPACT_CLASSES.map((k) => stats.classProbabilities[k] ?? 0);
    const below = Math.max(0, 1 - p.reduce((a, b) => a + b, 0));
    return { c, stats, shares: [below, ...p] };
  });
  return [
    {
      kind: 'chart',
      caption: t('sim.risk.histCaption', { scenario }),
      description: t('sim.risk.histDescription'),
      spec: impactClassHistogram(
        dist.flatMap(({ c, shares }) =>
          shares.map((probability, order) => ({ criterion: label(c.id), bin: bins[order]!, order, probability })),
        ),
        dist.map(({ c }) => label(c.id)),
        bins,
        { x: t('sim.col.share'), y: t('sim.col.criterion'), colour: t('sim.col.klass') },
      ),
    },
    {
      kind: 'table',
      caption: t('sim.risk.histTable', { scenario }),
      columns: [t('col.criterion'), t('sim.col.expert'), ...bins, t('sim.col.mean'), t('sim.col.p90'), t('col.unit')],
      numeric: [false, false, ...bins.map(() => true), true, true, false],
      rows: dist.map(({ c, stats, shares }) => [
        n.cell(c.id),
        expert.get(c.id) ?? '–',
        ...shares.map((p) => num(pct(w, p))),
        num(w.num(stats.mean)),
        num(w.num(stats.p90)),
        c.unit,
      ]),
    },
  ];
}

function heatmapBlocks(o: ReportOptions, n: Namer, r: ReportRun['result'], scenario: string): Block[] {
  const { t } = o.words;
  const w = o.words;
  const tl = r.timeline;
  if (!tl) return [{ kind: 'paragraph', text: t('sim.risk.noTimeline') }];
  const rows = tl.services
    .map((s) => {
      let peak = 0;
      let peakAt = 0;
      let first = Infinity;
      s.meanInoperability.forEach((q, i) => {
        if (q > peak) [peak, peakAt] = [q, i];
        if (q >= HEAT_MIN_Q && first === Infinity) first = i;
      });
      return { s, peak, peakHour: tl.hours[peakAt] ?? 0, first, final: s.meanInoperability.at(-1) ?? 0 };
    })
    .filter((x) => x.peak >= HEAT_MIN_Q)
    // In the order the cascade reaches them, then by name: the heat map reads as the cascade's course.
    .sort((a, b) => a.first - b.first || b.peak - a.peak || (n.name(a.s.id) < n.name(b.s.id) ? -1 : 1));
  if (!rows.length) return [{ kind: 'paragraph', text: t('sim.risk.heatNone') }];
  const stride = Math.max(1, Math.ceil(tl.hours.length / HEAT_COLUMNS));
  const points = tl.hours.map((_, i) => i).filter((i) => i % stride === 0 || i === tl.hours.length - 1);
  const cells = rows.flatMap((x) =>
    points.map((i) => ({ service: n.name(x.s.id), hour: tl.hours[i]!, q: x.s.meanInoperability[i] ?? 0 })),
  );
  return [
    {
      kind: 'chart',
      caption: t('sim.risk.heatCaption', { scenario }),
      description: t('sim.risk.heatDescription'),
      spec: cascadeHeatmap(
        cells,
        rows.map((x) => n.name(x.s.id)),
        { x: t('sim.col.hour'), y: t('sim.col.service'), colour: t('sim.col.inoperability') },
      ),
    },
    {
      kind: 'table',
      caption: t('sim.risk.heatTable', { scenario }),
      columns: [t('sim.col.service'), t('sim.col.peak'), t('sim.col.peakHour'), t('sim.col.final')],
      numeric: [false, true, true, true],
      rows: rows.map((x) => [
        n.cell(x.s.id),
        num(pct(w, x.peak, 1)),
        num(w.num(x.peakHour, 1)),
        num(pct(w, x.final, 1)),
      ]),
    },
  ];
}

/* ---------- capability analysis: simulated shortfalls and the portfolio ---------- */

export function planningSections(o: ReportOptions, n: Namer): Section[] {
  const p = o.planning;
  if (!p) return [];
  return [shortfallSection(o, n, p), portfolioSection(o, n, p)];
}

function shortfallSection(o: ReportOptions, n: Namer, p: PlanningFigures): Section {
  const { t } = o.words;
  const w = o.words;
  const title = t('sim.cap.title');
  const s = p.shortfalls;
  if ('reason' in s)
    return { id: 'simulated-gaps', title, blocks: [{ kind: 'paragraph', text: skippedText(o, s, p.iterations) }] };
  const intro: Block = {
    kind: 'paragraph',
    text: t('sim.cap.text', { iterations: w.num(p.iterations, 0), seed: p.seed }),
  };
  if (!s.rows.length)
    return { id: 'simulated-gaps', title, blocks: [intro, { kind: 'paragraph', text: t('sim.cap.none') }] };
  // One row per capability (the chart's data): the largest probability and its scenario, the number of scenarios
  // that run short, and the value of closing the gap weighted by likelihood over the scenarios (as the portfolio).
  const likelihood = new Map(o.model.scenarios.map((x) => [x.id, x.likelihood ?? 1]));
  const byCapability = new Map<string, { worst: (typeof s.rows)[number]; scenarios: number; value: number | null }>();
  for (const r of s.rows) {
    const a = byCapability.get(r.capability);
    const v = r.avoidedImpact == null ? null : likelihood.get(r.scenario)! * r.avoidedImpact;
    if (!a) byCapability.set(r.capability, { worst: r, scenarios: 1, value: v });
    else {
      a.scenarios++;
      a.value = a.value == null || v == null ? null : a.value + v;
      if (r.probability > a.worst.probability) a.worst = r;
    }
  }
  const rows = [...byCapability.entries()].sort(
    ([a, x], [b, y]) =>
      (y.value ?? 0) - (x.value ?? 0) || y.worst.probability - x.worst.probability || (a < b ? -1 : a > b ? 1 : 0),
  );
  return {
    id: 'simulated-gaps',
    title,
    blocks: [
      intro,
      {
        kind: 'chart',
        caption: t('sim.cap.chartCaption'),
        description: t('sim.cap.chartDescription'),
        spec: shortfallProbabilityBars(
          rows.map(([c, a]) => ({ capability: n.name(c), probability: a.worst.probability })),
          t('sim.col.probability'),
        ),
      },
      {
        kind: 'table',
        caption: t('sim.cap.caption'),
        columns: [
          t('col.capability'),
          t('sim.col.probability'),
          t('sim.col.worstScenario'),
          t('sim.col.shortfallMean'),
          t('sim.col.scenarios'),
          t('sim.col.avoidedImpact'),
        ],
        numeric: [false, true, false, true, true, true],
        rows: rows.map(([c, a]) => [
          n.cell(c),
          num(pct(w, a.worst.probability, 1)),
          n.cell(a.worst.scenario),
          num(w.num(a.worst.shortfallMean)),
          num(String(a.scenarios)),
          num(a.value == null ? '–' : w.num(a.value, 4)),
        ]),
      },
    ],
  };
}

function portfolioSection(o: ReportOptions, n: Namer, p: PlanningFigures): Section {
  const { t } = o.words;
  const w = o.words;
  const title = t('sim.portfolio.title');
  const pf = p.portfolio;
  if ('reason' in pf) {
    const blocks: Block[] = [{ kind: 'paragraph', text: skippedText(o, pf, p.iterations) }];
    if (pf.reason === 'no-budget') {
      const problem = portfolioProblem(o.model, { years: p.years });
      const lead = new Map((o.model.measures ?? []).map((m) => [m.id, m.lead]));
      blocks.push({
        kind: 'table',
        caption: t('sim.portfolio.caption'),
        columns: [t('col.measure'), t('col.lead'), t('sim.col.cost'), t('sim.col.valueAlone')],
        numeric: [false, false, true, true],
        rows: problem.measures.map((m) => [
          n.cell(m.id),
          lead.get(m.id) ? n.name(lead.get(m.id)!) : '–',
          num(w.euros(m.cost)),
          num(w.num(staticValue(problem, [m.id]), 6)),
        ]),
      });
    }
    return { id: 'portfolio', title, blocks };
  }
  const r = pf.result;
  const lead = new Map((o.model.measures ?? []).map((m) => [m.id, m.lead]));
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: r.chosen.length
        ? t('sim.portfolio.text', {
            budget: w.euros(r.budget),
            years: w.num(r.years),
            count: r.chosen.length,
            cost: w.euros(r.cost),
            value: w.num(r.value, 6),
          })
        : t('sim.portfolio.none', { budget: w.euros(r.budget), years: w.num(r.years) }),
    },
    {
      kind: 'paragraph',
      text: t('sim.portfolio.robustness', {
        profiles: WEIGHT_PROFILES.length,
        samples: r.robustness.samples,
        seed: r.robustness.seed,
      }),
    },
  ];
  if (pf.simulated) {
    const s = pf.simulated;
    blocks.push({
      kind: 'paragraph',
      text: t('sim.portfolio.simulated', {
        iterations: w.num(p.iterations, 0),
        seed: p.seed,
        value: w.num(s.value.mean, 6),
        half: s.value.halfWidth95 == null ? '–' : w.num(s.value.halfWidth95, 6),
        avoided: w.num(s.avoidedImpact.mean, 4),
        halfAvoided: s.avoidedImpact.halfWidth95 == null ? '–' : w.num(s.avoidedImpact.halfWidth95, 4),
      }),
    });
  } else if (pf.unsimulated) blocks.push({ kind: 'paragraph', text: skippedText(o, pf.unsimulated, p.iterations) });
  const measures = [...r.measures].sort(
    (a, b) =>
      Number(b.chosen) - Number(a.chosen) || b.coreIndex - a.coreIndex || b.value - a.value || (a.id < b.id ? -1 : 1),
  );
  blocks.push({
    kind: 'table',
    caption: t('sim.portfolio.caption'),
    columns: [
      t('col.measure'),
      t('col.lead'),
      t('sim.col.cost'),
      t('sim.col.valueAlone'),
      t('sim.col.chosen'),
      t('sim.col.coreIndex'),
      t('sim.col.robustness'),
    ],
    numeric: [false, false, true, true, false, true, false],
    rows: measures.map((m) => {
      const l = lead.get(m.id);
      return [
        n.cell(m.id),
        l ? n.name(l) : '–',
        num(w.euros(m.cost)),
        num(w.num(m.value, 6)),
        t(m.chosen ? 'sim.yes' : 'sim.no'),
        num(w.num(m.coreIndex)),
        t(`sim.portfolio.labels.${m.label}`),
      ];
    }),
  });
  blocks.push({
    kind: 'table',
    caption: t('sim.portfolio.profilesCaption'),
    columns: [t('sim.col.profile'), t('sim.col.measures'), t('sim.col.cost')],
    numeric: [false, false, true],
    rows: r.robustness.profiles.map((x) => [
      x.id,
      x.chosen.map((id) => n.name(id)).join(', ') || '–',
      num(w.euros(x.cost)),
    ]),
  });
  return { id: 'portfolio', title, blocks };
}

/* ---------- a party's measures ---------- */

export function partyMeasuresSection(o: ReportOptions, n: Namer): Section {
  const { t } = o.words;
  const w = o.words;
  const id = o.party!;
  const m: Model = o.model;
  const mine = (m.measures ?? []).filter((x) => x.lead === id || x.owner === id);
  const title = t('sim.measures.title');
  if (!mine.length)
    return { id: 'party-measures', title, blocks: [{ kind: 'paragraph', text: t('sim.measures.none') }] };
  const statuses = measureStatuses({ model: m, decisions: o.cycle?.decisions ?? [] });
  const rows = mine.map((x) => {
    const s = statuses.get(x.id) ?? { status: x.status ?? 'proposed', decidedOn: null };
    const due = s.decidedOn ? addMonths(s.decidedOn, x.leadTimeMonths ?? 0) : null;
    const overdue = !!due && due < o.date && s.status !== 'done' && s.status !== 'dropped';
    return { x, s, due, overdue };
  });
  const roles = (x: (typeof mine)[number]) =>
    [x.lead === id ? t('sim.measures.roleLead') : '', x.owner === id ? t('sim.measures.roleOwner') : '']
      .filter(Boolean)
      .join(', ');
  return {
    id: 'party-measures',
    title,
    blocks: [
      { kind: 'paragraph', text: t('sim.measures.text', { date: w.date(o.date) }) },
      {
        kind: 'table',
        caption: t('sim.measures.caption'),
        columns: [
          t('col.measure'),
          t('sim.col.role'),
          t('sim.col.instrument'),
          t('col.status'),
          t('sim.col.costOneOff'),
          t('sim.col.costPerYear'),
          t('sim.col.leadTime'),
          t('sim.col.decidedOn'),
          t('sim.col.dueOn'),
          t('sim.col.overdue'),
        ],
        numeric: [false, false, false, false, true, true, true, false, false, false],
        rows: rows.map(({ x, s, due, overdue }) => [
          n.cell(x.id),
          roles(x),
          t(`sim.instrument.${x.instrument}`),
          t(`status.${s.status}`),
          num(w.euros(x.costOneOff ?? 0)),
          num(w.euros(x.costPerYear ?? 0)),
          num(w.num(x.leadTimeMonths ?? 0)),
          s.decidedOn ? w.date(s.decidedOn) : '–',
          due ? w.date(due) : '–',
          overdue ? t('sim.measures.overdue') : t('sim.measures.onTime'),
        ]),
      },
      { kind: 'paragraph', text: t('sim.measures.overdueCount', { count: rows.filter((r) => r.overdue).length }) },
    ],
  };
}
