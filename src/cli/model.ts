// `weerbaar validate`, `load` and `export`: the interchange format in and out of Neo4j.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readModelFile } from '../model/validate.js';
import { openGraph, defaultModelPath } from '../graph/connect.js';
import { exportModel, loadModel } from '../graph/model-repository.js';
import { action, log } from './run.js';
import { writeAutomaticBackup } from '../graph/backup.js';
import { startLoadPrelude } from '../graph/load-prelude.js';
import type { Model } from '../model/schema.js';
import { crashPoint } from './crash-point.js';
import { timing } from '../simulation/timing.js';

export function registerModelCommands(program: Command): void {
  program
    .command('validate')
    .description('check a model file against the interchange format; lists every problem by item and field')
    .argument('<file>', 'model JSON file')
    .action(
      action(async (file: string) => {
        const model = await readModelFile(file);
        const counts = ['scenarios', 'services', 'dependencies', 'tasks', 'capabilities', 'parties'] as const;
        process.stdout.write(`${file}: valid (${counts.map((k) => `${model[k].length} ${k}`).join(', ')})\n`);
      }),
    );
  program
    .command('load')
    .description('load a model into Neo4j (the default Dutch model when no file is given)')
    .option('--model <file>', 'model JSON file')
    .option('--reset', 'delete the model in the graph first', false)
    .action(
      action(async (opts: { model?: string; reset: boolean }) => {
        const path = opts.model ?? defaultModelPath();
        timing('load: command started');
        // The graph is made ready in a worker thread while this one reads and validates the file (load-prelude.ts);
        // an invalid file stops it before anything is written.
        const prelude = startLoadPrelude({ reset: opts.reset, log });
        let model: Model;
        try {
          model = await readModelFile(path);
        } catch (e) {
          await prelude.cancel();
          throw e;
        }
        timing('load: file read and validated');
        const { backup } = await prelude.result;
        timing('load: connected');
        // The worker has started the server and applied the schema: this connection only opens the driver.
        const graph = await openGraph({ startLocalServer: false, applySchema: false });
        try {
          if (backup) await writeAutomaticBackup(graph, backup, 'load-reset', log);
          timing('load: backup checked');
          const started = Date.now();
          const { nodes, relationships } = await loadModel(graph, model, {
            reset: opts.reset,
            source: path,
            command: opts.reset ? 'load --reset' : 'load',
            onProgress: (p) => {
              crashPoint(p.step);
              if (!process.stderr.isTTY) return;
              process.stderr.write(`\r  ${p.step}: ${p.done}${p.total ? `/${p.total}` : ''}   `);
            },
          });
          if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
          process.stdout.write(
            `loaded ${path}: ${nodes} nodes, ${relationships} relationships in ` +
              `${((Date.now() - started) / 1000).toFixed(1)} ` +
              `s${opts.reset ? ' (after reset)' : ''}\n`,
          );
        } finally {
          await graph.close();
        }
      }),
    );
  program
    .command('export')
    .description('export the model in Neo4j as interchange JSON')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(
      action(async (opts: { out?: string }) => {
        const graph = await openGraph({ log });
        try {
          const model = await exportModel(graph);
          const text = `${JSON.stringify(model, null, 2)}\n`;
          if (opts.out) {
            await writeFile(opts.out, text);
            log(`exported to ${opts.out}`);
          } else process.stdout.write(text);
        } finally {
          await graph.close();
        }
      }),
    );
}
