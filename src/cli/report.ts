// `weerbaar report <kind>`: the cycle's documents (Risicobeeld, capability analysis, progress, party) as PDF or HTML.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { action, log } from './run.js';
import { readModelFile } from '../model/validate.js';
import { REPORT_KINDS } from '../report/document.js';
import type { Reader } from '../report/visibility.js';
import type { Model } from '../model/schema.js';
import type { CycleInfo } from '../report/content.js';
import { UserError } from '../domain/errors.js';

interface ReportOpts {
  model?: string;
  cycle?: string;
  format: string;
  lang: string;
  edition: string;
  out?: string;
  party?: string;
  token?: string;
  since?: string;
  date?: string;
  iterations?: string;
  seed?: string;
  budget?: string;
  years?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'write a report: risk-profile (Risicobeeld), capabilities, progress, party or threat-picture ' +
        '(Dreigingsbeeld), as PDF or HTML',
    )
    .argument('<kind>', REPORT_KINDS.join(' | '))
    .option(
      '--model <file>',
      "report on this model file (the file's reader sees all of it); default: the model in Neo4j",
    )
    .option('--cycle <id>', 'report on a cycle frozen in Neo4j instead of the current model')
    .option('--format <format>', 'pdf | html', 'pdf')
    .option('--lang <lang>', 'nl | en', 'nl')
    .option('--edition <edition>', 'public (public items only) | full (what the reader may see, marked)', 'public')
    .option('--party <id>', 'the party of a party report')
    .option(
      '--since <date>',
      'threat-picture: signals observed from this day (YYYY-MM-DD); default the previous ' +
        "cycle's close with --cycle, else six months before the report's date",
    )
    .option('--iterations <n>', "capabilities: iterations per scenario of the report's own simulations (default 100)")
    .option(
      '--seed <s>',
      "capabilities: seed of the report's simulations (default the cycle's id, else weerbaar-report)",
    )
    .option('--budget <euros>', 'capabilities: budget of the recommended portfolio (without it none is chosen)')
    .option('--years <n>', 'capabilities: years of running costs counted in the portfolio (default 4)')
    .option('--date <date>', "the report's date (YYYY-MM-DD); default the cycle's date, else today")
    .option(
      '--token <jwt>',
      'read Neo4j as the viewer of this API token (default: as the operator, who sees everything)',
    )
    .option('--out <file>', 'write here (default: a file named after the report in the current folder)')
    .action(
      action(async (kind: string, opts: ReportOpts) => {
        const { reportChoices, renderReport } = await import('../report/index.js');
        reportChoices({ kind, format: opts.format, lang: opts.lang, edition: opts.edition });
        let model: Model;
        let reader: Reader = { admin: true, party: null };
        let cycle: CycleInfo | null = null;
        let previous: { cycle: CycleInfo; model: Model } | null = null;
        let runs: { id: string; scenario: string; result: string | null }[] | null = null;
        let runsFromCycle = false;
        let frozenRuns: string[] | null = null;
        if (opts.model && opts.cycle)
          throw new (await import('../domain/errors.js')).UserError(
            '--model and --cycle exclude each other: a cycle is frozen in Neo4j',
            'BAD_USER_INPUT',
          );
        if (opts.model) {
          model = await readModelFile(opts.model);
        } else {
          const { openGraph } = await import('../graph/connect.js');
          const graph = await openGraph({ log });
          try {
            if (opts.token) reader = await readerOfToken(opts.token);
            if (opts.cycle) {
              const { getCycleSnapshot, previousCycleSnapshot } = await import('../graph/cycle-repository.js');
              const snap = await getCycleSnapshot(graph, opts.cycle);
              ({ model, cycle } = snap);
              previous = await previousCycleSnapshot(graph, opts.cycle);
              runsFromCycle = snap.cycle.status === 'closed';
              if (runsFromCycle) frozenRuns = snap.cycle.runs;
            } else {
              model = await (await import('../graph/model-repository.js')).exportModel(graph);
            }
            if (kind === 'risk-profile') {
              const { reportRuns } = await import('../graph/run-repository.js');
              runs = await reportRuns(
                graph,
                frozenRuns,
                model.scenarios.map((s) => s.id),
              );
            }
          } finally {
            await graph.close();
          }
        }
        const out = await renderReport({
          kind,
          format: opts.format,
          lang: opts.lang,
          edition: opts.edition,
          model,
          reader,
          cycle,
          party: opts.party ?? null,
          previous,
          since: opts.since,
          runs,
          runsFromCycle,
          simulation: {
            iterations: numberOption('--iterations', opts.iterations),
            seed: opts.seed,
            budget: numberOption('--budget', opts.budget),
            years: numberOption('--years', opts.years),
          },
          date: opts.date ?? (cycle ? (cycle.closedAt ?? cycle.openedAt).slice(0, 10) : undefined),
        });
        const path = opts.out ?? out.fileName;
        await writeFile(path, out.body);
        log(`wrote ${path} (${out.format}, ${(out.body.length / 1024).toFixed(0)} KiB)`);
      }),
    );
}

function numberOption(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = /^\s*\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(v)) throw new UserError(`${flag}: must be a number ≥ 0, got "${raw}"`, 'BAD_USER_INPUT');
  return v;
}

async function readerOfToken(token: string): Promise<Reader> {
  const { authenticator, secretFromEnv } = await import('../server/auth.js');
  const secret = secretFromEnv();
  if (!secret)
    throw new (await import('../domain/errors.js')).UserError(
      '--token: set WEERBAAR_JWT_SECRET to check the token',
      'ENVIRONMENT',
    );
  try {
    const viewer = await authenticator(secret)(
      new Request('http://weerbaar/', { headers: { authorization: `Bearer ${token}` } }),
    );
    return { admin: viewer.admin, party: viewer.party };
  } catch (e) {
    throw new (await import('../domain/errors.js')).UserError(
      `--token: ${(e as Error).message.replace(/^token: /, '')}`,
      'UNAUTHENTICATED',
    );
  }
}
