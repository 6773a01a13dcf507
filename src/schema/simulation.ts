// Simulation runs over GraphQL: start a job, read its status and result, cancel it, follow its progress over SSE.
import { builder } from './builder.js';
import { viewerParam } from '../domain/viewer.js';
import { NodeRefs } from './entities.js';
import { requireRole } from './auth.js';
import type { Context } from './context.js';
import { getRun, isTerminal, listRuns, type RunKind, type RunRecord } from '../graph/run-repository.js';
import type { MeasureEvaluationInput, SimulationJobs, ProgressEvent } from '../graph/simulation-jobs.js';
import type { PairedResult } from '../simulation/paired.js';
import { portfolioModel } from './portfolio.js';
import { selectScenarios } from './risk.js';
import { assertModelComplete } from '../graph/load-state.js';
import { OPTION_FIELDS, OPTION_NAMES, type SimulationOptions } from '../simulation/options.js';
import { BadInputError, NotFoundError, UnavailableError } from '../domain/errors.js';
import { CounterfactualEnum, RunStatusEnum } from './enums.js';

function jobs(ctx: Context): SimulationJobs {
  const j = ctx.jobs;
  if (!j) throw new UnavailableError('simulation jobs are not available on this server');
  return j;
}

/** A run is seen by whoever may see its scenario, or all of its scenarios for a measure evaluation (admins: all). */
async function visible(ctx: Context, run: RunRecord): Promise<boolean> {
  if (ctx.viewer.admin) return true;
  const ids = run.scenarios?.length ? run.scenarios : [run.scenario];
  const nodes = await ctx.loaders.node.loadMany(ids);
  return nodes.every((n) => n && !(n instanceof Error));
}

/** A stored run the viewer may see, with the live progress of a job this server is running. */
async function loadRun(ctx: Context, id: string): Promise<RunRecord | null> {
  const run = await getRun(ctx.graph, id);
  if (!run || !(await visible(ctx, run))) return null;
  const live = ctx.jobs?.live(id);
  if (!live || isTerminal(run.status)) return run;
  // The job finished after the read: its stored record now has the result.
  if (isTerminal(live.status)) return (await getRun(ctx.graph, id)) ?? run;
  return { ...run, status: live.status, progress: live.progress, iterationsDone: live.iterationsDone };
}

const parseJson = (s: string | null) => (s ? (JSON.parse(s) as unknown) : null);

type Rows = { id: string }[] | undefined;
interface ResultLists {
  services?: Rows;
  sectors?: Rows;
  capabilities?: Rows;
  criteria?: Rows;
  escalations?: Rows;
  timeline?: { services?: Rows; sectors?: Rows } | null;
}

/**
 * The result as the viewer may see it: per-item rows (services, sectors, capabilities, criteria, escalations,
 * timeline series) whose id names a node the viewer may not see are left out. Totals and meta stay: they are
 * aggregates over the whole model, which the run was made on (docs/security.md).
 */
async function resultFor(ctx: Context, raw: string | null, kind: RunKind = 'simulation'): Promise<unknown> {
  if (kind === 'measure-evaluation') return evaluationFor(ctx, raw);
  const result = parseJson(raw) as ResultLists | null;
  if (!result || ctx.viewer.admin) return result;
  const lists = [
    result.services,
    result.sectors,
    result.capabilities,
    result.criteria,
    result.escalations,
    result.timeline?.services,
    result.timeline?.sectors,
  ];
  const ids = [...new Set(lists.flatMap((l) => (Array.isArray(l) ? l.map((r) => String(r.id)) : [])))];
  const seen = new Set(
    (await ctx.loaders.node.loadMany(ids)).flatMap((n) => (n && !(n instanceof Error) ? [n.id] : [])),
  );
  const keep = (l: Rows) => (Array.isArray(l) ? l.filter((r) => seen.has(String(r.id))) : l);
  return {
    ...result,
    services: keep(result.services),
    sectors: keep(result.sectors),
    capabilities: keep(result.capabilities),
    criteria: keep(result.criteria),
    ...(result.escalations ? { escalations: keep(result.escalations) } : {}),
    ...(result.timeline
      ? {
          timeline: {
            ...result.timeline,
            services: keep(result.timeline.services),
            sectors: keep(result.timeline.sectors),
          },
        }
      : {}),
  };
}

/**
 * A measure evaluation as the viewer may see it: sets with a measure the viewer may not see, and criterion rows about
 * criteria it may not see, are left out (its scenarios are all seen, or the run is not).
 */
async function evaluationFor(ctx: Context, raw: string | null): Promise<unknown> {
  const result = parseJson(raw) as PairedResult | null;
  if (!result || ctx.viewer.admin) return result;
  const ids = [...new Set(result.sets.flatMap((s) => [...s.measures, ...s.criteria.map((c) => c.id)]))];
  const nodes = await ctx.loaders.node.loadMany(ids);
  const seen = new Set(nodes.flatMap((n) => (n && !(n instanceof Error) ? [n.id] : [])));
  const rows = <T extends { id: string }>(l: T[]) => l.filter((c) => seen.has(c.id));
  return {
    ...result,
    sets: result.sets
      .filter((s) => s.measures.every((m) => seen.has(m)))
      .map((s) => ({
        ...s,
        criteria: rows(s.criteria),
        scenarios: s.scenarios.map((r) => ({ ...r, criteria: rows(r.criteria) })),
      })),
  };
}

export const SimulationRunRef = builder.objectRef<RunRecord>('SimulationRun').implement({
  description:
    'One Monte Carlo run stored in the graph: a simulation of a scenario, or a paired evaluation of ' +
    'measures over several scenarios (kind measure-evaluation).',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.string({
      description: 'simulation, or measure-evaluation (result: the paired evaluation, docs/portfolio.md).',
      resolve: (r) => r.kind ?? 'simulation',
    }),
    scenarioIds: t.stringList({
      description: 'Every scenario the run covers (one for a simulation).',
      resolve: (r) => (r.scenarios?.length ? r.scenarios : [r.scenario]),
    }),
    scenario: t.field({
      type: NodeRefs.scenarios!,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.loaders.node.load(r.scenario),
    }),
    scenarioId: t.exposeString('scenario'),
    status: t.field({ type: RunStatusEnum, resolve: (r) => r.status }),
    progress: t.float({ description: 'Share of the planned iterations done, 0–1.', resolve: (r) => r.progress ?? 0 }),
    iterationsDone: t.int({ resolve: (r) => r.iterationsDone ?? 0 }),
    parameters: t.field({ type: 'JSON', resolve: (r) => parseJson(r.parameters) }),
    seed: t.exposeString('seed'),
    codeVersion: t.exposeString('codeVersion'),
    createdAt: t.string({ resolve: (r) => r.createdAt }),
    startedAt: t.string({ nullable: true, resolve: (r) => r.startedAt ?? null }),
    finishedAt: t.string({ nullable: true, resolve: (r) => r.finishedAt ?? null }),
    createdBy: t.string({
      nullable: true,
      description: 'Who started the run; shown to admins and to that caller only.',
      resolve: (r, _a, ctx) => (ctx.viewer.admin || r.createdBy === ctx.viewer.subject ? (r.createdBy ?? null) : null),
    }),
    error: t.string({ nullable: true, resolve: (r) => r.error ?? null }),
    totalImpactMean: t.float({ nullable: true, resolve: (r) => r.totalImpactMean ?? null }),
    result: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The result, the same content as the CLI’s JSON; rows about items the viewer may not ' +
        'see are left out (admins see all).',
      resolve: (r, _a, ctx) => resultFor(ctx, r.result, r.kind),
    }),
  }),
});

const ProgressRef = builder.objectRef<ProgressEvent>('SimulationProgress').implement({
  fields: (t) => ({
    runId: t.exposeID('runId'),
    status: t.field({ type: RunStatusEnum, resolve: (e) => e.status }),
    progress: t.exposeFloat('progress'),
    iterationsDone: t.exposeInt('iterationsDone'),
    error: t.string({ nullable: true, resolve: (e) => e.error }),
  }),
});

/** The GraphQL enum of each enum option. */
const OPTION_ENUMS: Partial<Record<string, typeof CounterfactualEnum>> = { counterfactual: CounterfactualEnum };

/** The run's options, one field per option of the schema in simulation/options.ts. */
const SimulationInput = builder.inputType('SimulationInput', {
  fields: (t) =>
    Object.fromEntries(
      OPTION_FIELDS.map((f) => {
        const byDefault = f.defaultHelp ?? (f.defaultValue === undefined ? undefined : String(f.defaultValue));
        const options = { required: f.required, description: byDefault ? `${f.help} (default ${byDefault})` : f.help };
        switch (f.type) {
          case 'ID':
            return [f.name, t.id(options)];
          case 'Int':
            return [f.name, t.int(options)];
          case 'Float':
            return [f.name, t.float(options)];
          case 'Boolean':
            return [f.name, t.boolean(options)];
          case 'Enum': {
            const type = OPTION_ENUMS[f.name];
            if (!type) throw new Error(`internal: option ${f.name} has no GraphQL enum`);
            return [f.name, t.field({ type, ...options })];
          }
          default:
            return [f.name, t.string(options)];
        }
      }),
    ),
});

/** Most measures one evaluation takes (each is a paired run per scenario). */
const MAX_EVALUATED_MEASURES = 50;

/**
 * Checks a measure evaluation's ids against what the viewer may see: an unknown or unseen measure or scenario is
 * named with its argument, as is an empty list. Without scenario ids: every scenario the viewer may see.
 */
async function evaluationInput(
  ctx: Context,
  field: string,
  args: Omit<MeasureEvaluationInput, 'scenarioIds'> & { scenarioIds?: string[] | null },
): Promise<MeasureEvaluationInput> {
  const { model, scenarios } = await portfolioModel(ctx);
  const measureIds = [...new Set(args.measureIds)];
  if (measureIds.length === 0) throw new BadInputError(`${field}: measureIds: give at least one measure`);
  if (measureIds.length > MAX_EVALUATED_MEASURES) {
    throw new BadInputError(
      `${field}: measureIds: at most ${MAX_EVALUATED_MEASURES} measures, got ${measureIds.length}`,
    );
  }
  const seen = new Set(model.measures.map((m) => m.id));
  const unknown = measureIds.find((m) => !seen.has(m));
  if (unknown !== undefined) throw new BadInputError(`${field}: measureIds: unknown measure "${unknown}"`);
  const selected = selectScenarios(field, args.scenarioIds ?? null, scenarios);
  if (selected.length === 0) throw new BadInputError(`${field}: scenarioIds: no scenario to simulate`);
  return { measureIds, scenarioIds: selected.map((s) => s.id), iterations: args.iterations, seed: args.seed };
}

builder.queryFields((t) => ({
  simulationRun: t.field({
    type: SimulationRunRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_r, args, ctx) => loadRun(ctx, String(args.id)),
  }),
  simulationRuns: t.field({
    type: [SimulationRunRef],
    description: 'Runs, newest first, without their results (ask simulationRun for one).',
    args: { scenarioId: t.arg.id(), limit: t.arg.int({ defaultValue: 50 }) },
    resolve: async (_r, args, ctx) => {
      const runs = await listRuns(
        ctx.graph,
        args.scenarioId ? String(args.scenarioId) : null,
        Math.max(1, Math.min(args.limit ?? 50, 500)),
        viewerParam(ctx.viewer),
      );
      const seen = await Promise.all(runs.map((r) => visible(ctx, r)));
      return runs.filter((_, i) => seen[i]);
    },
  }),
}));

builder.mutationFields((t) => ({
  runSimulation: t.field({
    type: SimulationRunRef,
    description:
      'Starts a simulation job and returns the queued run at once; follow it with simulationRun or simulationProgress.',
    args: { input: t.arg({ type: SimulationInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      requireRole(ctx, ['analyst'], 'starting a simulation');
      // Fields left out arrive as null; the options' schema checks the rest (jobs.start).
      const given = Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v != null));
      const options = { ...given, scenario: String(given.scenario) } as SimulationOptions;
      await assertModelComplete(ctx.graph); // an unfinished load: say so, rather than "unknown scenario"
      const scenario = await ctx.loaders.node.load(options.scenario);
      if (!scenario || scenario.__label !== 'Scenario') {
        throw new BadInputError(`runSimulation: input.scenario: unknown scenario "${options.scenario}"`);
      }
      const id = await jobs(ctx).start(options, ctx.viewer, ctx.requestId);
      return (await loadRun(ctx, id))!;
    },
  }),
  rerunSimulation: t.field({
    type: SimulationRunRef,
    description:
      'Starts a new run from the stored definition of an earlier one (e.g. one that failed when the server ' +
      'stopped) and returns the queued run at once.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => {
      requireRole(ctx, ['analyst'], 'starting a simulation');
      const run = await loadRun(ctx, String(args.id));
      if (!run) throw new NotFoundError('simulation run', String(args.id));
      const stored = JSON.parse(run.parameters) as Record<string, unknown>;
      if (run.kind === 'measure-evaluation') {
        await assertModelComplete(ctx.graph);
        const input = await evaluationInput(ctx, 'rerunSimulation', stored as unknown as MeasureEvaluationInput);
        const id = await jobs(ctx).startMeasureEvaluation(input, ctx.viewer, ctx.requestId);
        return (await loadRun(ctx, id))!;
      }
      const options = Object.fromEntries(OPTION_NAMES.filter((k) => stored[k] != null).map((k) => [k, stored[k]]));
      await assertModelComplete(ctx.graph);
      const id = await jobs(ctx).start(options as unknown as SimulationOptions, ctx.viewer, ctx.requestId);
      return (await loadRun(ctx, id))!;
    },
  }),
  measureEvaluation: t.field({
    type: SimulationRunRef,
    description:
      'Starts a paired Monte Carlo evaluation of measures as a simulation job (kind measure-evaluation): ' +
      'each measure alone and, with more than one, all together (set "all"), with the same random numbers as the ' +
      'run without measures. Returns the queued run at once; follow it with simulationRun or simulationProgress.',
    args: {
      measureIds: t.arg.idList({ required: true }),
      scenarioIds: t.arg.idList({ description: 'Default: every scenario the viewer may see.' }),
      iterations: t.arg.int({ required: true }),
      seed: t.arg.string({ required: true }),
    },
    resolve: async (_r, args, ctx) => {
      requireRole(ctx, ['analyst'], 'starting a measure evaluation');
      await assertModelComplete(ctx.graph);
      const input = await evaluationInput(ctx, 'measureEvaluation', {
        measureIds: args.measureIds.map(String),
        scenarioIds: args.scenarioIds ? args.scenarioIds.map(String) : null,
        iterations: args.iterations,
        seed: args.seed,
      });
      const id = await jobs(ctx).startMeasureEvaluation(input, ctx.viewer, ctx.requestId);
      return (await loadRun(ctx, id))!;
    },
  }),
  cancelSimulation: t.field({
    type: SimulationRunRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => {
      requireRole(ctx, ['analyst'], 'cancelling a simulation');
      if (!(await loadRun(ctx, String(args.id)))) throw new NotFoundError('simulation run', String(args.id));
      await jobs(ctx).cancel(String(args.id), ctx.viewer, ctx.requestId);
      return (await loadRun(ctx, String(args.id)))!;
    },
  }),
}));

builder.subscriptionType({ description: 'Live updates, over server-sent events.' });
builder.subscriptionField('simulationProgress', (t) =>
  t.field({
    type: ProgressRef,
    description: 'Progress of a run until it is done, failed or cancelled.',
    args: { runId: t.arg.id({ required: true }) },
    subscribe: async function* (_r, args, ctx) {
      const id = String(args.runId);
      const run = await loadRun(ctx, id);
      if (!run) throw new NotFoundError('simulation run', id);
      const first: ProgressEvent = {
        runId: id,
        status: run.status,
        progress: run.progress ?? 0,
        iterationsDone: run.iterationsDone ?? 0,
        error: run.error ?? null,
      };
      yield first;
      if (isTerminal(first.status)) return;
      // Events come from the job; a slow re-check closes the gap between reading the run and subscribing.
      const iterator = jobs(ctx).subscribe(id)[Symbol.asyncIterator]();
      let last = first;
      let pending = iterator.next();
      try {
        for (;;) {
          const next = await Promise.race([pending, new Promise<'tick'>((r) => setTimeout(() => r('tick'), 1000))]);
          let event: ProgressEvent | undefined;
          if (next === 'tick') {
            const now = await loadRun(ctx, id);
            if (now && (now.status !== last.status || (now.progress ?? 0) !== last.progress)) {
              event = {
                runId: id,
                status: now.status,
                progress: now.progress ?? 0,
                iterationsDone: now.iterationsDone ?? 0,
                error: now.error ?? null,
              };
            }
          } else if (next.done) return;
          else {
            event = next.value;
            pending = iterator.next();
          }
          if (!event) continue;
          last = event;
          yield event;
          if (isTerminal(event.status)) return;
        }
      } finally {
        await iterator.return?.();
      }
    },
    resolve: (event) => event,
  }),
);
