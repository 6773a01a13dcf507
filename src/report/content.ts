// What each report says: the analyses of a (visibility-filtered) model turned into sections, tables and charts.
// Pure and deterministic: the same model and options give the same document. Report kinds: docs/reports.md.
import type { Model } from '../model/schema.js';
import { HORIZONS, PHASES } from '../model/schema.js';
import { assessRisks, rankSensitivity, resolveWeights, RISK_METHODS, type ScenarioRisk } from '../analysis/risk.js';
import { DEFAULT_PROFILE, findProfile, WEIGHT_PROFILES } from '../analysis/profiles.js';
import { gapReport, leadParties, type CapabilityBalance } from '../analysis/balance.js';
import { planningInput, riskInput, nodeIndex } from '../analysis/inputs.js';
import { isClassified } from './visibility.js';
import type { Words } from './i18n.js';
import type { Block, Cell, Edition, ReportDocument, ReportKind, Section } from './document.js';
import { gapBars, riskDiagram, sensitivityHeatmap } from './charts.js';
import type { CycleComparison, Decision } from '../analysis/cycle.js';
import { threatPictureSections } from './threat-picture.js';
import type { PlanningFigures, ReportRun, Skipped } from './simulated.js';
import { partyMeasuresSection, planningSections, simulatedRiskSection } from './sim-sections.js';

export interface CycleInfo {
  id: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  /** Scenarios the cabinet gave priority in the cycle. */
  priorities: string[];
  decisions?: readonly (Decision & { id?: string })[];
}

export interface ReportOptions {
  kind: ReportKind;
  edition: Edition;
  /** The model as the reader of this edition may see it. */
  model: Model;
  words: Words;
  /** The date printed on the title page (ISO). */
  date: string;
  cycle?: CycleInfo | null;
  /** `party` report: the party. */
  party?: string | null;
  /** `progress` report: the earlier cycle and what moved since. */
  previous?: { cycle: CycleInfo } | null;
  comparison?: CycleComparison | null;
  /** `threat-picture`: its start, and the model of the previous picture (the previous cycle) when there is one. */
  since?: string;
  previousModel?: Model | null;
  /** `risk-profile`: the stored runs the reader may see (null: none can exist, e.g. a model file); from the cycle? */
  runs?: readonly ReportRun[] | null;
  runsFromCycle?: boolean;
  /** Set when the runs were simulated again on the public model (public edition), with those that were not. */
  runsRecomputed?: { skipped: { scenario: string; iterations: number; skipped: Skipped }[] } | null;
  /** `capabilities`: the simulated shortfalls and the portfolio (simulated.ts). */
  planning?: PlanningFigures | null;
}

type Named = { id: string; name?: string; classification?: string };

/** Names and marks of the model's nodes for one report. */
export class Namer {
  private readonly index: ReturnType<typeof nodeIndex>;
  constructor(
    model: Model,
    private readonly w: Words,
    private readonly marks: boolean,
  ) {
    this.index = nodeIndex(model);
  }
  name(id: string): string {
    return (this.index.get(id)?.node.name as string | undefined) ?? id;
  }
  /** The node's name as a cell, marked "restricted"/"confidential" in a full edition. */
  cell(id: string): Cell {
    const n = this.index.get(id)?.node as Named | undefined;
    if (!n) return id;
    return this.marks && isClassified(n)
      ? { text: this.name(id), mark: this.w.t(`class.${n.classification}`) }
      : this.name(id);
  }
}

const num = (text: string): Cell => ({ text, numeric: true });

export function buildReport(o: ReportOptions): ReportDocument {
  const { t } = o.words;
  const namer = new Namer(o.model, o.words, o.edition === 'full');
  const sections =
    o.kind === 'risk-profile'
      ? riskProfile(o, namer)
      : o.kind === 'capabilities'
        ? capabilities(o, namer)
        : o.kind === 'party'
          ? partyReport(o, namer)
          : o.kind === 'threat-picture'
            ? threatPictureSections(
                {
                  model: o.model,
                  words: o.words,
                  date: o.date,
                  since: o.since ?? o.date,
                  previous: o.previous && o.previousModel ? { id: o.previous.cycle.id, model: o.previousModel } : null,
                },
                namer,
              )
            : progress(o, namer);
  const facts = [
    {
      label: t('title.cycle'),
      value: o.cycle ? `${o.cycle.id} (${t(`cycleStatus.${o.cycle.status}`)})` : t('title.noCycle'),
    },
    { label: t('title.date'), value: o.words.date(o.date) },
    { label: t('title.edition'), value: t(`edition.${o.edition}`) },
  ];
  if (o.kind === 'party' && o.party) facts.unshift({ label: t('title.party'), value: namer.name(o.party) });
  if (o.kind === 'threat-picture') facts.unshift({ label: t('title.since'), value: o.words.date(o.since ?? o.date) });
  if (o.kind === 'progress' && o.previous) facts.unshift({ label: t('title.since'), value: o.previous.cycle.id });
  return {
    kind: o.kind,
    lang: o.words.lang,
    edition: o.edition,
    title: t(`kind.${o.kind}.title`),
    subtitle: t(`kind.${o.kind}.subtitle`),
    facts,
    notice: t(`edition.${o.edition}Notice`),
    sections,
  };
}

/* ---------- risk profile (Risicobeeld) ---------- */

function ranking(model: Model, method: (typeof RISK_METHODS)[number] = 'WEIGHTED_SUM'): ScenarioRisk[] {
  const input = riskInput(model);
  return assessRisks(input, method, resolveWeights(model.impactCriteria, findProfile(DEFAULT_PROFILE)!));
}

/** Scenarios grouped by the threat (theme) of their incident category; scenarios without one under "other". */
function themes(model: Model): { threat: string | null; scenarios: string[] }[] {
  const threatsOf = new Map(model.incidentCategories.map((c) => [c.id, c.threats]));
  const groups = new Map<string | null, string[]>();
  for (const s of model.scenarios) {
    const ts = (s.incidentCategory && threatsOf.get(s.incidentCategory)) || [];
    const key = ts[0] ?? null;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(s.id);
  }
  const order = model.threats.map((x) => x.id);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : order.indexOf(a) - order.indexOf(b)))
    .map(([threat, scenarios]) => ({ threat, scenarios }));
}

function riskProfile(o: ReportOptions, n: Namer): Section[] {
  const { t } = o.words;
  const m = o.model;
  const w = o.words;
  const rows = ranking(m);
  const byScenario = new Map(rows.map((r) => [r.scenario, r]));
  const assumptions = m.scenarios.filter((s) => s.assumption).length;
  const method: Section = {
    id: 'method',
    title: t('risk.method.title'),
    blocks: [
      {
        kind: 'paragraph',
        text: t('risk.method.text', { scenarios: m.scenarios.length, criteria: m.impactCriteria.length }),
      },
      { kind: 'paragraph', text: t('risk.method.sources', { assumptions, total: m.scenarios.length }) },
      {
        kind: 'table',
        caption: t('risk.method.criteriaCaption'),
        columns: [t('col.code'), t('col.criterion'), t('col.unit'), t('col.weight'), t('col.thresholds')],
        numeric: [false, false, false, true, false],
        rows: m.impactCriteria.map((c) => [
          c.code ?? '',
          n.cell(c.id),
          c.unit,
          num(w.num(c.weight)),
          c.thresholds.map((x) => w.num(x)).join(' · '),
        ]),
      },
    ],
  };
  const byTheme: Section = {
    id: 'themes',
    title: t('risk.themes.title'),
    blocks: [{ kind: 'paragraph', text: t('risk.themes.text') }],
    sections: themes(m).map(({ threat, scenarios }) => ({
      id: `theme-${threat ?? 'other'}`,
      title: threat ? n.name(threat) : t('risk.themes.other'),
      blocks: [
        {
          kind: 'table',
          caption: t('risk.themes.caption', { theme: threat ? n.name(threat) : t('risk.themes.other') }),
          columns: [t('col.scenario'), t('col.horizon'), t('col.likelihood'), t('col.impactClass'), t('col.rank')],
          numeric: [false, false, false, false, true],
          rows: scenarios.map((id) => {
            const s = m.scenarios.find((x) => x.id === id)!;
            const r = byScenario.get(id);
            return [
              n.cell(id),
              s.horizon ? t(`horizon.${s.horizon}`) : '–',
              r?.likelihoodClass ?? '–',
              r?.impactClass ?? '–',
              num(r ? String(r.rank) : '–'),
            ];
          }),
        },
      ],
    })),
  };
  const criteria = m.impactCriteria;
  const table: Section = {
    id: 'scores',
    title: t('risk.scores.title'),
    blocks: [
      { kind: 'paragraph', text: t('risk.scores.text') },
      {
        kind: 'table',
        caption: t('risk.scores.caption'),
        columns: [
          t('col.rank'),
          t('col.scenario'),
          t('col.likelihood'),
          t('col.impactScore'),
          t('col.impactClass'),
          t('col.risk'),
        ],
        numeric: [true, false, false, true, false, true],
        rows: rows.map((r) => [
          num(String(r.rank)),
          n.cell(r.scenario),
          r.likelihoodClass ?? '–',
          num(w.num(r.impactScore)),
          r.impactClass ?? '–',
          num(w.num(r.riskScore)),
        ]),
      },
      {
        kind: 'table',
        caption: t('risk.scores.perCriterion'),
        columns: [t('col.scenario'), ...criteria.map((c) => c.code ?? c.id)],
        rows: rows.map((r) => [
          n.cell(r.scenario),
          ...criteria.map((c) => r.impacts.find((i) => i.criterion === c.id)?.class ?? '–'),
        ]),
      },
    ],
  };
  const horizonLabel = (h: string | null | undefined) => (h ? t(`horizon.${h}`) : '–');
  const points = rows.map((r) => ({
    scenario: n.name(r.scenario),
    likelihood: r.likelihoodScore,
    impact: r.impactScore,
    risk: r.riskScore,
    rank: r.rank,
    horizon: horizonLabel(m.scenarios.find((s) => s.id === r.scenario)?.horizon),
  }));
  const diagram: Section = {
    id: 'diagram',
    title: t('risk.diagram.title'),
    blocks: [
      {
        kind: 'chart',
        caption: t('risk.diagram.caption'),
        description: t('risk.diagram.description'),
        spec: riskDiagram(points, { x: t('col.likelihoodScore'), y: t('col.impactScore'), horizon: t('col.horizon') }, [
          ...HORIZONS.map((h) => horizonLabel(h)),
          '–',
        ]),
      },
    ],
  };
  const profiles = WEIGHT_PROFILES;
  const sens = rankSensitivity(riskInput(m), 'WEIGHTED_SUM', profiles);
  const medal = new Map(ranking(m, 'MEDAL').map((r) => [r.scenario, r.rank]));
  const sensRows = [...sens].sort(
    (a, b) => (byScenario.get(a.scenario)?.rank ?? 0) - (byScenario.get(b.scenario)?.rank ?? 0),
  );
  const cells = sensRows.flatMap((s) => [
    ...s.ranks.map((r) => ({ scenario: n.name(s.scenario), view: r.profile, rank: r.rank })),
    { scenario: n.name(s.scenario), view: 'MEDAL', rank: medal.get(s.scenario) ?? 0 },
  ]);
  const sensitivity: Section = {
    id: 'sensitivity',
    title: t('risk.sensitivity.title'),
    blocks: [
      { kind: 'paragraph', text: t('risk.sensitivity.text', { profiles: profiles.length }) },
      {
        kind: 'chart',
        caption: t('risk.sensitivity.chartCaption'),
        description: t('risk.sensitivity.description'),
        spec: sensitivityHeatmap(cells, [...profiles.map((p) => p.id), 'MEDAL'], {
          x: t('col.view'),
          y: t('col.scenario'),
        }),
      },
      {
        kind: 'table',
        caption: t('risk.sensitivity.caption'),
        columns: [t('col.scenario'), ...profiles.map((p) => p.id), 'MEDAL', t('col.spread')],
        numeric: [false, ...profiles.map(() => true), true, true],
        rows: sensRows.map((s) => [
          n.cell(s.scenario),
          ...s.ranks.map((r) => num(String(r.rank))),
          num(String(medal.get(s.scenario) ?? '–')),
          num(String(s.maxRank - s.minRank)),
        ]),
      },
    ],
  };
  const findings: Cell[] = [];
  const top = rows.slice(0, 3).map((r) => n.name(r.scenario));
  if (top.length) findings.push(t('risk.findings.top', { names: top.join(', ') }));
  const moved = sens.filter((s) => s.maxRank - s.minRank >= 3).map((s) => n.name(s.scenario));
  findings.push(moved.length ? t('risk.findings.sensitive', { names: moved.join(', ') }) : t('risk.findings.robust'));
  const unknown = rows.filter((r) => r.likelihoodClass === null).map((r) => n.name(r.scenario));
  if (unknown.length) findings.push(t('risk.findings.noLikelihood', { names: unknown.join(', ') }));
  if (o.cycle?.priorities.length) {
    findings.push(t('risk.findings.priorities', { names: o.cycle.priorities.map((id) => n.name(id)).join(', ') }));
  }
  return [
    method,
    byTheme,
    table,
    diagram,
    sensitivity,
    simulatedRiskSection(
      o,
      n,
      rows.map((r) => r.scenario),
    ),
    { id: 'findings', title: t('risk.findings.title'), blocks: [{ kind: 'list', items: findings }] },
  ];
}

/* ---------- capability analysis ---------- */

function balanceRows(rows: readonly CapabilityBalance[], n: Namer, w: Words): Cell[][] {
  return rows.map((b) => [
    n.cell(b.capability),
    num(w.num(b.required)),
    num(w.num(b.available)),
    num(w.num(b.availableNational)),
    num(w.num(b.shortfall)),
    num(w.num(b.surplus)),
    b.leads.map((l) => n.name(l)).join(', ') || '–',
  ]);
}

function capabilities(o: ReportOptions, n: Namer): Section[] {
  const { t } = o.words;
  const w = o.words;
  const m = o.model;
  const input = planningInput(m);
  const all = gapReport(input);
  const cols = [
    t('col.capability'),
    t('col.required'),
    t('col.available'),
    t('col.national'),
    t('col.shortfall'),
    t('col.surplus'),
    t('col.lead'),
  ];
  const numeric = [false, true, true, true, true, true, false];
  const relevant = all.balance.filter((b) => b.required > 0 || b.available > 0);
  const international = all.balance.filter(
    (b) => b.required > 0 && b.availableNational < b.required && b.available >= b.required,
  );
  const summary: Section = {
    id: 'summary',
    title: t('cap.summary.title'),
    blocks: [
      {
        kind: 'paragraph',
        text: t('cap.summary.text', {
          scenarios: m.scenarios.length,
          capabilities: m.capabilities.length,
          gaps: all.gaps.length,
          duplicates: all.duplicates.length,
          international: international.length,
        }),
      },
      { kind: 'table', caption: t('cap.summary.caption'), columns: cols, numeric, rows: balanceRows(relevant, n, w) },
    ],
  };
  const gaps: Section = {
    id: 'gaps',
    title: t('cap.gaps.title'),
    blocks: all.gaps.length
      ? [
          {
            kind: 'chart',
            caption: t('cap.gaps.chartCaption'),
            description: t('cap.gaps.description'),
            spec: gapBars(
              all.gaps.map((g) => ({ capability: n.name(g.capability), shortfall: g.shortfall })),
              t('col.shortfall'),
            ),
          },
          {
            kind: 'table',
            caption: t('cap.gaps.caption'),
            columns: [...cols, t('col.drivingScenario')],
            numeric: [...numeric, false],
            rows: balanceRows(all.gaps, n, w).map((r, i) => [
              ...r,
              all.gaps[i]!.drivingScenario ? n.cell(all.gaps[i]!.drivingScenario!) : '–',
            ]),
          },
        ]
      : [{ kind: 'paragraph', text: t('cap.gaps.none') }],
  };
  const perTheme: Section = {
    id: 'themes',
    title: t('cap.themes.title'),
    blocks: [{ kind: 'paragraph', text: t('cap.themes.text') }],
    sections: themes(m).map(({ threat, scenarios }) => {
      const r = gapReport(input, { scenarios });
      const theme = threat ? n.name(threat) : t('risk.themes.other');
      return {
        id: `cap-theme-${threat ?? 'other'}`,
        title: theme,
        blocks: [
          r.gaps.length
            ? {
                kind: 'table',
                caption: t('cap.themes.caption', { theme }),
                columns: cols,
                numeric,
                rows: balanceRows(r.gaps, n, w),
              }
            : { kind: 'paragraph', text: t('cap.themes.none', { theme }) },
        ] as Block[],
      };
    }),
  };
  const perPhase: Section = {
    id: 'phases',
    title: t('cap.phases.title'),
    blocks: [
      {
        kind: 'table',
        caption: t('cap.phases.caption'),
        columns: [t('col.phase'), t('col.gaps'), t('col.capabilities')],
        numeric: [false, true, false],
        rows: PHASES.map((p) => {
          const r = gapReport(input, { phases: [p] });
          return [
            t(`phase.${p}`),
            num(String(r.gaps.length)),
            r.gaps.map((g) => n.name(g.capability)).join(', ') || '–',
          ];
        }),
      },
    ],
  };
  const duplicates: Section = {
    id: 'duplicates',
    title: t('cap.duplicates.title'),
    blocks: all.duplicates.length
      ? [
          {
            kind: 'table',
            caption: t('cap.duplicates.caption'),
            columns: [...cols, t('col.holders')],
            numeric: [...numeric, true],
            rows: balanceRows(all.duplicates, n, w).map((r, i) => [
              ...r,
              num(String(all.duplicates[i]!.holders.length)),
            ]),
          },
        ]
      : [{ kind: 'paragraph', text: t('cap.duplicates.none') }],
  };
  const intl: Section = {
    id: 'international',
    title: t('cap.international.title'),
    blocks: international.length
      ? [
          {
            kind: 'table',
            caption: t('cap.international.caption'),
            columns: cols,
            numeric,
            rows: balanceRows(international, n, w),
          },
        ]
      : [{ kind: 'paragraph', text: t('cap.international.none') }],
  };
  const leads: Section = {
    id: 'leads',
    title: t('cap.leads.title'),
    blocks: [
      all.multipleLeads.length
        ? {
            kind: 'table',
            caption: t('cap.leads.conflicts'),
            columns: [t('col.target'), t('col.leads')],
            rows: all.multipleLeads.map((c) => [n.cell(c.target), c.leads.map((l) => n.name(l)).join(', ')]),
          }
        : { kind: 'paragraph', text: t('cap.leads.noConflicts') },
      all.targetsWithoutLead.length
        ? {
            kind: 'table',
            caption: t('cap.leads.missing'),
            columns: [t('col.kind'), t('col.target')],
            rows: all.targetsWithoutLead.map((x) => [t(`label.${x.kind}`), n.cell(x.id)]),
          }
        : { kind: 'paragraph', text: t('cap.leads.noMissing') },
    ],
  };
  return [summary, gaps, ...planningSections(o, n), perTheme, perPhase, duplicates, intl, leads];
}

/* ---------- one party ---------- */

function partyReport(o: ReportOptions, n: Namer): Section[] {
  const { t } = o.words;
  const w = o.words;
  const m = o.model;
  const id = o.party!;
  const resp = m.responsibilities.filter((r) => r.party === id);
  const holdings = m.holdings.filter((h) => h.party === id);
  const operated = m.operations.filter((x) => x.party === id);
  const leadsOf = leadParties(planningInput(m));
  const led = new Set([...leadsOf.entries()].filter(([, l]) => l.includes(id)).map(([target]) => target));
  const held = new Set(holdings.map((h) => h.capability));
  const report = gapReport(planningInput(m));
  const mine = (b: CapabilityBalance) => held.has(b.capability) || led.has(b.capability);
  const why = (b: CapabilityBalance) =>
    [held.has(b.capability) ? t('party.holds') : '', led.has(b.capability) ? t('party.leads') : '']
      .filter(Boolean)
      .join(', ');
  const index = nodeIndex(m);
  const sections: Section[] = [
    {
      id: 'responsibilities',
      title: t('party.responsibilities.title'),
      blocks: resp.length
        ? [
            {
              kind: 'table',
              caption: t('party.responsibilities.caption'),
              columns: [t('col.role'), t('col.kind'), t('col.target')],
              rows: resp.map((r) => [
                t(`role.${r.role}`),
                t(`list.${index.get(r.target)?.list ?? 'unknown'}`),
                n.cell(r.target),
              ]),
            },
          ]
        : [{ kind: 'paragraph', text: t('party.none') }],
    },
    {
      id: 'holdings',
      title: t('party.holdings.title'),
      blocks: holdings.length
        ? [
            {
              kind: 'table',
              caption: t('party.holdings.caption'),
              columns: [t('col.capability'), t('col.capacity'), t('col.readiness'), t('col.mobilisation')],
              numeric: [false, true, true, true],
              rows: holdings.map((h) => [
                n.cell(h.capability),
                num(w.num(h.capacity)),
                num(w.pct(h.readiness)),
                num(w.num(h.mobilisationHours)),
              ]),
            },
          ]
        : [{ kind: 'paragraph', text: t('party.none') }],
    },
    {
      id: 'services',
      title: t('party.services.title'),
      blocks: operated.length
        ? [{ kind: 'list', items: operated.map((x) => n.cell(x.service)) }]
        : [{ kind: 'paragraph', text: t('party.none') }],
    },
    {
      id: 'party-gaps',
      title: t('party.gaps.title'),
      blocks: [
        report.gaps.filter(mine).length
          ? {
              kind: 'table',
              caption: t('party.gaps.caption'),
              columns: [t('col.capability'), t('col.required'), t('col.available'), t('col.shortfall'), t('col.why')],
              numeric: [false, true, true, true, false],
              rows: report.gaps
                .filter(mine)
                .map((b) => [
                  n.cell(b.capability),
                  num(w.num(b.required)),
                  num(w.num(b.available)),
                  num(w.num(b.shortfall)),
                  why(b),
                ]),
            }
          : { kind: 'paragraph', text: t('party.gaps.none') },
        report.duplicates.filter(mine).length
          ? {
              kind: 'table',
              caption: t('party.duplicates.caption'),
              columns: [t('col.capability'), t('col.required'), t('col.available'), t('col.surplus'), t('col.why')],
              numeric: [false, true, true, true, false],
              rows: report.duplicates
                .filter(mine)
                .map((b) => [
                  n.cell(b.capability),
                  num(w.num(b.required)),
                  num(w.num(b.available)),
                  num(w.num(b.surplus)),
                  why(b),
                ]),
            }
          : { kind: 'paragraph', text: t('party.duplicates.none') },
      ],
    },
  ];
  sections.push(partyMeasuresSection(o, n));
  return sections;
}

/* ---------- progress between two cycles ---------- */

function progress(o: ReportOptions, n: Namer): Section[] {
  const { t } = o.words;
  const w = o.words;
  const c = o.comparison!;
  const decisions = o.cycle?.decisions ?? [];
  const measureName = (id: string) => n.cell(id);
  return [
    {
      id: 'risks-moved',
      title: t('progress.moved.title'),
      blocks: c.moved.length
        ? [
            {
              kind: 'table',
              caption: t('progress.moved.caption'),
              columns: [
                t('col.scenario'),
                t('col.rankBefore'),
                t('col.rankAfter'),
                t('col.classBefore'),
                t('col.classAfter'),
              ],
              numeric: [false, true, true, false, false],
              rows: c.moved.map((r) => [
                n.cell(r.scenario),
                num(r.rankBefore == null ? '–' : String(r.rankBefore)),
                num(r.rankAfter == null ? '–' : String(r.rankAfter)),
                r.classBefore ?? '–',
                r.classAfter ?? '–',
              ]),
            },
          ]
        : [{ kind: 'paragraph', text: t('progress.moved.none') }],
    },
    {
      id: 'gaps-changed',
      title: t('progress.gaps.title'),
      blocks: [
        {
          kind: 'paragraph',
          text: t('progress.gaps.text', { closed: c.gapsClosed.length, opened: c.gapsOpened.length }),
        },
        ...(c.gapsClosed.length + c.gapsOpened.length
          ? [
              {
                kind: 'table',
                caption: t('progress.gaps.caption'),
                columns: [t('col.capability'), t('col.change')],
                rows: [
                  ...c.gapsClosed.map((x) => [n.cell(x), t('progress.gaps.closed')]),
                  ...c.gapsOpened.map((x) => [n.cell(x), t('progress.gaps.opened')]),
                ],
              } as Block,
            ]
          : []),
      ],
    },
    {
      id: 'decisions',
      title: t('progress.decisions.title'),
      blocks: decisions.length
        ? [
            {
              kind: 'table',
              caption: t('progress.decisions.caption'),
              columns: [
                t('col.date'),
                t('col.decision'),
                t('col.target'),
                t('col.status'),
                t('col.owner'),
                t('col.note'),
              ],
              rows: decisions.map((d) => [
                w.date(d.date),
                t(`decision.${d.kind}`),
                n.cell(d.target),
                d.status ? t(`status.${d.status}`) : '–',
                d.owner ? n.name(d.owner) : '–',
                d.note ?? '',
              ]),
            },
          ]
        : [{ kind: 'paragraph', text: t('progress.decisions.none') }],
    },
    {
      id: 'measures',
      title: t('progress.measures.title'),
      blocks: [
        c.progressed.length
          ? {
              kind: 'table',
              caption: t('progress.measures.progressed'),
              columns: [t('col.measure'), t('col.before'), t('col.after')],
              rows: c.progressed.map((p) => [
                measureName(p.measure),
                p.before ? t(`status.${p.before}`) : '–',
                t(`status.${p.after}`),
              ]),
            }
          : { kind: 'paragraph', text: t('progress.measures.noneProgressed') },
        c.overdue.length
          ? {
              kind: 'table',
              caption: t('progress.measures.overdue'),
              columns: [t('col.measure'), t('col.decidedOn'), t('col.dueOn'), t('col.status')],
              rows: c.overdue.map((x) => [
                measureName(x.measure),
                w.date(x.decidedOn),
                w.date(x.dueOn),
                t(`status.${x.status}`),
              ]),
            }
          : { kind: 'paragraph', text: t('progress.measures.noneOverdue') },
      ],
    },
  ];
}
