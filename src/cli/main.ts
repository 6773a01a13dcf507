// The weerbaar command line: one sub-command per file, usage errors exit 2, user errors exit 1.
import { Command, CommanderError } from 'commander';
import { writeFile } from 'node:fs/promises';
import { registerDb } from './db.js';
import { registerModelCommands } from './model.js';
import { registerServe } from './serve.js';
import { registerSimulate } from './simulate.js';
import { registerToken } from './token.js';
import { action, fail, log } from './run.js';
import { openGraph } from '../graph/connect.js';
import { exportModel } from '../graph/model-repository.js';
import { saveFinishedRun, codeVersion } from '../graph/run-repository.js';
import type { Graph } from '../graph/graph.js';

const program = new Command('weerbaar')
  .description('Capability-based planning and cascade simulation for national security (Strategie Nationale Veiligheid)')
  .version(codeVersion())
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerDb(program);
registerModelCommands(program);
registerServe(program);
registerToken(program);

let graph: Graph | undefined;
const graphOnce = async () => (graph ??= await openGraph({ log }));
registerSimulate(program, {
  loadModelFromGraph: async () => exportModel(await graphOnce()),
  saveRun: async (record) => saveFinishedRun(await graphOnce(), record as Parameters<typeof saveFinishedRun>[1]),
});

program.command('schema')
  .description('print the GraphQL schema (SDL), or with --model the JSON Schema of the model format')
  .option('--out <file>', 'write to this file instead of stdout')
  .option('--model', 'the JSON Schema of the interchange format instead of the GraphQL SDL', false)
  .action(action(async (opts: { out?: string; model: boolean }) => {
    const text = opts.model ? (await import('../model/json-schema.js')).printModelJsonSchema() : (await import('../schema/index.js')).printSdl();
    if (opts.out) await writeFile(opts.out, text);
    else process.stdout.write(text);
  }));

program.hook('postAction', async () => {
  if (graph) await graph.close();
});

for (const cmd of [program, ...program.commands, ...program.commands.flatMap((c) => c.commands)]) cmd.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    const ok = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' || e.exitCode === 0;
    process.exit(ok ? 0 : 2);
  }
  fail(e);
}
