// `weerbaar db start|stop|status`: the local embedded Neo4j, or which server is in use.
import type { Command } from 'commander';
import { graphConfig, localServerConfig } from '../graph/config.js';
import { localStatus, startLocal, stopLocal } from '../graph/local-server.js';
import { Graph } from '../graph/graph.js';
import { action, log } from './run.js';
import { UserError } from '../domain/errors.js';

export function registerDb(program: Command): void {
  const db = program.command('db').description('manage the local Neo4j (or show which server is in use)');
  db.command('start')
    .description('start the local Neo4j Community server and wait until Bolt answers')
    .action(
      action(async () => {
        const config = graphConfig();
        if (!config.local)
          throw new UserError(
            `NEO4J_URI is set (${config.uri}): weerbaar uses that server and starts none itself`,
            'ENVIRONMENT',
          );
        const cfg = localServerConfig();
        const { started, pid } = await startLocal(cfg, log);
        process.stdout.write(
          `${started ? 'started' : 'already running'}: bolt://${cfg.host}:${cfg.port} (pid ${pid}, data ${cfg.home})\n`,
        );
      }),
    );
  db.command('stop')
    .description('stop the local Neo4j cleanly')
    .action(
      action(async () => {
        const config = graphConfig();
        if (!config.local)
          throw new UserError(
            `NEO4J_URI is set (${config.uri}): weerbaar does not stop servers it did not start`,
            'ENVIRONMENT',
          );
        const stopped = await stopLocal(localServerConfig());
        process.stdout.write(stopped ? 'stopped\n' : 'not running\n');
      }),
    );
  db.command('status')
    .description('say which Neo4j is in use and whether it answers')
    .action(
      action(async () => {
        const config = graphConfig();
        if (config.local) {
          const status = await localStatus(localServerConfig());
          if (status.running)
            process.stdout.write(`local Neo4j running: ${status.uri} (pid ${status.pid}, data ${status.home})\n`);
          else if (status.foreign)
            process.stdout.write(`local Neo4j not running; another process answers on ${status.uri}\n`);
          else
            process.stdout.write(
              `local Neo4j not running (would use ${status.uri}, data ${status.home}); start it ` +
                `with: npx weerbaar db start\n`,
            );
          if (!status.running) process.exitCode = 3;
          return;
        }
        const graph = new Graph({ config });
        try {
          await graph.ping();
          process.stdout.write(`external Neo4j in use (NEO4J_URI): ${config.uri} — answering\n`);
        } catch (e) {
          process.stdout.write(
            `external Neo4j in use (NEO4J_URI): ${config.uri} — not answering: ${(e as Error).message}\n`,
          );
          process.exitCode = 3;
        } finally {
          await graph.close();
        }
      }),
    );
}
