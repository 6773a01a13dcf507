// `weerbaar backup` and `weerbaar restore`: a way back from every destructive command (docs/reliability.md).
import type { Command } from 'commander';
import { openGraph } from '../graph/connect.js';
import { exportModel, loadModel } from '../graph/model-repository.js';
import {
  automaticBackup,
  backupDir,
  backupModel,
  latestAutomaticBackup,
  modelText,
  readBackupFile,
} from '../graph/backup.js';
import { UserError } from '../domain/errors.js';
import { action, log } from './run.js';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('write the model in the graph as interchange JSON with a SHA-256 checksum beside it (<file>.sha256)')
    .option('--out <file>', 'write to this file instead of the backup folder')
    .action(
      action(async (opts: { out?: string }) => {
        const graph = await openGraph({ log });
        try {
          const { path, checksum } = await backupModel(graph, { out: opts.out });
          process.stdout.write(`backup written: ${path} (sha256 ${checksum})\n`);
        } finally {
          await graph.close();
        }
      }),
    );
  program
    .command('restore')
    .description(
      'replace the model in the graph by a backup; without a file, the most recent automatic backup. ' +
        'Writes an automatic backup of the current model first',
    )
    .argument('[file]', 'backup file (interchange JSON; its .sha256 is checked when present)')
    .action(
      action(async (file: string | undefined) => {
        // Chosen before this command writes its own automatic backup: "the most recent one made before this command".
        const path = file ?? (await latestAutomaticBackup());
        if (!path) {
          const hint = 'name a backup file: weerbaar restore <file>';
          throw new UserError(`no automatic backup in ${backupDir()}; ${hint}`, 'BAD_USER_INPUT');
        }
        const backup = await readBackupFile(path);
        const graph = await openGraph({ log });
        try {
          await automaticBackup(graph, 'restore', log);
          const { nodes, relationships } = await loadModel(graph, backup.model, {
            reset: true,
            source: path,
            command: 'restore',
          });
          const same = modelText(await exportModel(graph)) === backup.text;
          process.stdout.write(
            `restored ${path}: ${nodes} nodes, ${relationships} relationships` +
              `${same ? '; the graph now exports exactly this backup' : ''}\n`,
          );
        } finally {
          await graph.close();
        }
      }),
    );
}
