// `weerbaar start` (the main job) and `weerbaar serve`: Neo4j, schema, default model, GraphQL and the explorer.
import type { Command } from 'commander';
import { openGraph, loadDefaultIfEmpty } from '../graph/connect.js';
import { Graph } from '../graph/graph.js';
import { graphConfig } from '../graph/config.js';
import { explorerBuilt } from '../server/main.js';
import { action, log } from './run.js';
import { GraphUnavailableError, UserError } from '../domain/errors.js';
import { createWeerbaar } from '../server/app.js';
import { reportIncompleteModel } from '../graph/load-state.js';

function parsePort(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UserError(`--port: must be an integer between 0 and 65535, got "${raw}"`, 'BAD_USER_INPUT');
  return n;
}

interface ServeFlags {
  port: string;
  host: string;
  auth: boolean;
  redis?: string;
}

/** Schema, default model and run recovery, once Neo4j answers. */
async function prepare(graph: Graph, loadDefault: boolean, recover: () => Promise<number>): Promise<void> {
  await graph.ping();
  await graph.applySchema();
  if (loadDefault) await loadDefaultIfEmpty(graph, log);
  await reportIncompleteModel(graph, log);
  await recover();
}

/**
 * Opens the graph. An external Neo4j (NEO4J_URI) that does not answer yet does not stop the server: it serves with
 * readiness failing and prepares the graph in the background as soon as Neo4j answers.
 */
async function openOrWait(loadDefault: boolean): Promise<{ graph: Graph; pending: boolean }> {
  try {
    const graph = await openGraph({ log });
    if (loadDefault) await loadDefaultIfEmpty(graph, log);
    return { graph, pending: false };
  } catch (e) {
    const config = graphConfig();
    if (!(e instanceof GraphUnavailableError) || config.local) throw e;
    log(
      `Neo4j at ${config.uri} does not answer (${e.message}); serving anyway: /ready fails ` +
        `and requests get GRAPH_UNAVAILABLE until it does`,
    );
    return { graph: new Graph({ config }), pending: true };
  }
}

async function serve(flags: ServeFlags, loadDefault: boolean): Promise<void> {
  const port = parsePort(flags.port);
  const { graph, pending } = await openOrWait(loadDefault);
  let retry: NodeJS.Timeout | undefined;
  try {
    const redis = flags.redis ?? process.env.REDIS_URL;
    const weerbaar = await createWeerbaar({
      graph,
      auth: flags.auth,
      log,
      recover: !pending,
      ...(redis ? { redis } : {}),
    });
    if (pending) {
      const attempt = () => {
        prepare(graph, loadDefault, () => weerbaar.recover()).then(
          () =>
            log(
              `Neo4j at ${graph.config.uri} answers: schema ` +
                `applied${loadDefault ? ', default model present' : ''}; ready`,
            ),
          (e) => {
            if (!(e instanceof GraphUnavailableError)) log(`preparing the graph failed: ${(e as Error).message}`);
            retry = setTimeout(attempt, 5000);
          },
        );
      };
      retry = setTimeout(attempt, 5000);
    }
    if (!pending) await reportIncompleteModel(graph, log);
    const running = await weerbaar.listen(port, flags.host);
    log('');
    log(`  weerbaar is running`);
    log(`  GraphQL (GraphiQL):  ${running.url}/graphql`);
    log(`  Graph explorer:      ${running.url}/${explorerBuilt() ? '' : '   (not built: run npm run build)'}`);
    log(`  Readiness:           ${running.url}/ready`);
    const where = graph.config.local ? ' (local, embedded Community; stop with: npx weerbaar db stop)' : ' (NEO4J_URI)';
    log(`  Neo4j:               ${graph.config.uri}${where}`);
    log(`  Stop with Ctrl+C.`);
    log('');
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log(`${signal}: shutting down…`);
        running.close().then(resolve, (e) => {
          log(`shutdown: ${(e as Error).message}`);
          resolve();
        });
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
  } finally {
    if (retry) clearTimeout(retry);
    await graph.close();
  }
}

export function registerServe(program: Command): void {
  const common = (cmd: Command) =>
    cmd
      .option('--port <port>', 'HTTP port', process.env.PORT ?? '4000')
      .option('--host <host>', 'interface to listen on', process.env.WEERBAAR_HOST ?? '127.0.0.1')
      .option('--no-auth', 'local development only: serve without authentication (everyone is admin)')
      .option(
        '--redis <url>',
        'run simulations on `weerbaar worker` processes through this Redis (default: REDIS_URL)',
      );
  common(program.command('start'))
    .description(
      'the main job: start the local Neo4j, apply the schema, load the default model when ' +
        'the graph is empty, serve GraphQL and the explorer',
    )
    .action(action(async (flags: ServeFlags) => serve(flags, true)));
  common(program.command('serve'))
    .description('serve GraphQL and the explorer on the graph as it is')
    .action(action(async (flags: ServeFlags) => serve(flags, false)));
}
