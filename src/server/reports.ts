// GET /reports/<kind>: the reports of docs/reports.md over HTTP, under the API's access rule (the full edition for
// signed-in users, the public edition for everyone).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Graph } from '../graph/graph.js';
import type { Viewer } from '../domain/viewer.js';
import { UserError, type ErrorCode } from '../domain/errors.js';
import { exportModel } from '../graph/model-repository.js';
import { getCycleSnapshot, previousCycleSnapshot } from '../graph/cycle-repository.js';
import { assertModelComplete } from '../graph/load-state.js';
import { reportRuns } from '../graph/run-repository.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  GRAPH_UNAVAILABLE: 503,
  MODEL_INCOMPLETE: 503,
  INTEGRITY: 500,
};

function answer(res: ServerResponse, status: number, message: string, code: string): void {
  if (res.headersSent) return void res.end();
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify({ error: { message, code } }));
}

/**
 * The handler: the viewer from the Authorization header (as for GraphQL). A `full` edition shows what that viewer may
 * see and needs a signed-in viewer; a `public` one shows public items only, also to anonymous callers.
 */
export function reportHandler(
  graph: Graph,
  authenticate: (request: Request) => Promise<Viewer> | Viewer,
  maxConcurrent = reportConcurrency(),
  /** Worker threads of a report's own simulations: at least 2, so that they run beside the server's thread. */
  options: { workers?: number } = {},
) {
  // Reports being made now: each PDF takes a Chromium page and seconds of CPU, so beyond `maxConcurrent` a request is
  // answered 503 at once (with Retry-After) instead of queueing without bound (docs/reports.md).
  let rendering = 0;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (rendering >= maxConcurrent) {
      res.setHeader('retry-after', '5');
      return answer(
        res,
        503,
        `reports: ${rendering} report${rendering === 1 ? ' is' : 's are'} being made; try again in a few seconds`,
        'UNAVAILABLE',
      );
    }
    rendering++;
    try {
      await handle(req, res);
    } finally {
      rendering--;
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://weerbaar');
    try {
      if (req.method !== 'GET') return answer(res, 405, 'reports: use GET', 'BAD_USER_INPUT');
      const headers = new Headers();
      if (req.headers.authorization) headers.set('authorization', req.headers.authorization);
      let viewer: Viewer;
      try {
        viewer = await authenticate(new Request(url, { headers }));
      } catch (e) {
        return answer(res, 401, e instanceof GraphQLError ? e.message : 'token: invalid', 'UNAUTHENTICATED');
      }
      // The public edition is what an anonymous reader may see anyway; the full edition needs a signed-in reader.
      if (viewer.subject === 'anonymous' && (url.searchParams.get('edition') ?? 'public') !== 'public') {
        return answer(
          res,
          401,
          'reports: sign in (Authorization: Bearer <token>) to download the full edition',
          'UNAUTHENTICATED',
        );
      }
      const kind = decodeURIComponent(url.pathname.slice('/reports/'.length));
      const q = (name: string) => url.searchParams.get(name) ?? undefined;
      const { renderReport, reportChoices } = await import('../report/index.js');
      reportChoices({ kind, format: q('format'), lang: q('lang'), edition: q('edition') });
      const cycleId = q('cycle');
      let model;
      let cycle = null;
      let previous = null;
      let runsFromCycle = false;
      if (cycleId) {
        const snap = await getCycleSnapshot(graph, cycleId);
        ({ model, cycle } = snap);
        previous = await previousCycleSnapshot(graph, cycleId);
        runsFromCycle = snap.cycle.status === 'closed';
      } else {
        await assertModelComplete(graph);
        model = await exportModel(graph);
      }
      const runs =
        kind === 'risk-profile'
          ? await reportRuns(
              graph,
              runsFromCycle ? cycle!.runs : null,
              model.scenarios.map((s) => s.id),
            )
          : null;
      const number = (name: string) => {
        const raw = q(name);
        if (raw === undefined) return undefined;
        const v = /^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : NaN;
        if (!Number.isFinite(v)) throw new UserError(`${name}: must be a number ≥ 0, got "${raw}"`, 'BAD_USER_INPUT');
        return v;
      };
      const out = await renderReport({
        kind,
        format: q('format'),
        lang: q('lang'),
        edition: q('edition'),
        model,
        reader: viewer,
        cycle,
        party: q('party') ?? null,
        previous,
        since: q('since'),
        runs,
        runsFromCycle,
        simulation: {
          iterations: number('iterations'),
          seed: q('seed'),
          budget: number('budget'),
          years: number('years'),
          workers: options.workers ?? 2,
        },
        date: q('date') ?? (cycle ? (cycle.closedAt ?? cycle.openedAt).slice(0, 10) : undefined),
      });
      res
        .writeHead(200, {
          'content-type': out.contentType,
          'content-length': out.body.length,
          'content-disposition': `attachment; filename="${out.fileName}"`,
          'cache-control': 'no-store',
        })
        .end(out.body);
    } catch (e) {
      if (e instanceof UserError) return answer(res, STATUS[e.code] ?? 400, e.message, e.code);
      console.error(e);
      answer(res, 500, 'internal error', 'INTERNAL_SERVER_ERROR');
    }
  }
}

/** Reports made at once by one server: WEERBAAR_REPORT_CONCURRENCY (a whole number ≥ 1), default 2. */
export function reportConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WEERBAAR_REPORT_CONCURRENCY;
  if (raw === undefined || raw === '') return 2;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`WEERBAAR_REPORT_CONCURRENCY: expected a whole number ≥ 1, got "${raw}"`, 'BAD_USER_INPUT');
  return n;
}
