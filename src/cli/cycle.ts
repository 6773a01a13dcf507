// `weerbaar cycle open|close|list|show|decide|compare`: the yearly planning cycle in Neo4j (docs/reports.md).
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { action, log } from './run.js';
import type { Viewer } from '../domain/viewer.js';
import type { Graph } from '../graph/graph.js';

/** The CLI talks to Neo4j directly: its user is the operator, recorded as such in the audit trail. */
const operator = (): Viewer => ({ role: 'admin', party: null, subject: `cli:${userInfo().username}`, admin: true });

async function withGraph<T>(work: (graph: Graph) => Promise<T>): Promise<T> {
  const { openGraph } = await import('../graph/connect.js');
  const graph = await openGraph({ log });
  try {
    return await work(graph);
  } finally {
    await graph.close();
  }
}

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
const repo = () => import('../graph/cycle-repository.js');

export function registerCycle(program: Command): void {
  const cycle = program
    .command('cycle')
    .description('the planning cycle: open, record decisions, close (freeze), list, compare');
  cycle
    .command('open')
    .description('open a cycle (e.g. 2008); decisions are recorded in it until it is closed')
    .argument('<id>', 'cycle id, e.g. 2008')
    .option('--note <text>', 'what the cycle is for')
    .action(
      action(async (id: string, opts: { note?: string }) =>
        withGraph(async (g) => {
          const c = await (await repo()).openCycle(g, operator(), id, opts.note ?? null);
          log(`opened cycle ${c.id}`);
        }),
      ),
    );
  cycle
    .command('close')
    .description(
      'freeze the model, its risk assessment, gap analysis and newest runs in the cycle; it never changes again',
    )
    .argument('<id>', 'cycle id')
    .action(
      action(async (id: string) =>
        withGraph(async (g) => {
          const c = await (await repo()).closeCycle(g, operator(), id);
          log(
            `closed cycle ${c.id} (model checksum ${c.checksum?.slice(0, 12)}…, ${c.runs.length} ` +
              `runs, ${c.decisions.length} decisions)`,
          );
        }),
      ),
    );
  cycle
    .command('list')
    .description('the cycles, oldest first')
    .action(action(async () => withGraph(async (g) => print(await (await repo()).listCycles(g)))));
  cycle
    .command('show')
    .description('one cycle with its decisions')
    .argument('<id>', 'cycle id')
    .action(action(async (id: string) => withGraph(async (g) => print(await (await repo()).getCycle(g, id)))));
  cycle
    .command('decide')
    .description(
      "record a decision in an open cycle: a scenario given priority, a measure decided, or a measure's new status",
    )
    .argument('<id>', 'cycle id')
    .requiredOption('--kind <kind>', 'priority | measure | status')
    .requiredOption('--target <id>', 'the scenario (priority) or the measure (measure, status)')
    .option(
      '--status <status>',
      "the measure's new status (kind status): proposed, decided, in-progress, done, dropped",
    )
    .option('--owner <party>', 'the party that carries the decision out')
    .option('--date <yyyy-mm-dd>', 'the day of the decision (default: today)')
    .option('--note <text>', 'why')
    .action(
      action(
        async (
          id: string,
          o: { kind: string; target: string; status?: string; owner?: string; date?: string; note?: string },
        ) =>
          withGraph(async (g) => {
            const c = await (await repo()).recordDecision(g, operator(), { cycle: id, ...o });
            log(`recorded decision ${c.decisions.length} in cycle ${c.id}`);
          }),
      ),
    );
  cycle
    .command('compare')
    .description('what moved between two cycles: risks, gaps closed and opened, measures progressed or overdue')
    .argument('<from>', 'the earlier cycle')
    .argument('<to>', 'the later cycle')
    .action(
      action(async (from: string, to: string) =>
        withGraph(async (g) => print(await (await repo()).compareCycleIds(g, from, to))),
      ),
    );
}
