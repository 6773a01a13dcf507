// The weerbaar command line: one sub-command per file; every failure goes through run.ts (usage 2, user error 1).
import { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { action, fail, log, usageErrors } from './run.js';
import type { Graph } from '../graph/graph.js';

const program = usageErrors(new Command('weerbaar'))
  .description(
    'Capability-based planning and cascade simulation for national security (Strategie Nationale Veiligheid)',
  )
  .version(
    (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version,
  )
  .showHelpAfterError('(run with --help for usage)');

let graph: Graph | undefined;
const graphOnce = async () => (graph ??= await (await import('../graph/connect.js')).openGraph({ log }));

// Each command's module is loaded only when that command runs (or for help), so `simulate` starts without the server's
// code.
const COMMANDS: Record<string, () => Promise<void>> = {
  db: async () => (await import('./db.js')).registerDb(program),
  validate: async () => (await import('./model.js')).registerModelCommands(program),
  start: async () => (await import('./serve.js')).registerServe(program),
  token: async () => (await import('./token.js')).registerToken(program),
  backup: async () => (await import('./backup.js')).registerBackup(program),
  report: async () => (await import('./report.js')).registerReport(program),
  cycle: async () => (await import('./cycle.js')).registerCycle(program),
  worker: async () => (await import('./worker.js')).registerWorker(program),
  simulate: async () => {
    (await import('./simulate.js')).registerSimulate(program, {
      loadModelFromGraph: async () => (await import('../graph/model-repository.js')).exportModel(await graphOnce()),
      saveRun: async (record) => {
        const { saveFinishedRun } = await import('../graph/run-repository.js');
        return saveFinishedRun(await graphOnce(), record as Parameters<typeof saveFinishedRun>[1]);
      },
    });
  },
  portfolio: async () => {
    (await import('./portfolio.js')).registerPortfolio(program, {
      loadModelFromGraph: async () => (await import('../graph/model-repository.js')).exportModel(await graphOnce()),
    });
  },
};
const ALIASES: Record<string, string> = { load: 'validate', export: 'validate', serve: 'start', restore: 'backup' };
const asked = process.argv[2] ?? '';
const only = COMMANDS[asked] ? asked : ALIASES[asked];
for (const name of only ? [only] : Object.keys(COMMANDS)) await COMMANDS[name]!();

program
  .command('schema')
  .description('print the GraphQL schema (SDL), or with --model the JSON Schema of the model format')
  .option('--out <file>', 'write to this file instead of stdout')
  .option('--model', 'the JSON Schema of the interchange format instead of the GraphQL SDL', false)
  .action(
    action(async (opts: { out?: string; model: boolean }) => {
      const text = opts.model
        ? (await import('../model/json-schema.js')).printModelJsonSchema()
        : (await import('../schema/index.js')).printSdl();
      if (opts.out) await writeFile(opts.out, text);
      else process.stdout.write(text);
    }),
  );

program.hook('postAction', async () => {
  if (graph) await graph.close();
});

// Every command fails the same way: `weerbaar: …`, exit 2 for usage (run.ts).
for (const cmd of [...program.commands, ...program.commands.flatMap((c) => c.commands)]) usageErrors(cmd);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  fail(e);
}
