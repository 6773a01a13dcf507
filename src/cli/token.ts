// `weerbaar token`: mints a bearer token for the API from WEERBAAR_JWT_SECRET.
import type { Command } from 'commander';
import { issueToken, secretFromEnv } from '../server/auth.js';
import { action } from './run.js';
import { UserError } from '../domain/errors.js';
import type { Role } from '../domain/viewer.js';

export function registerToken(program: Command): void {
  program
    .command('token')
    .description('mint an API token (needs WEERBAAR_JWT_SECRET, the same as the server’s)')
    .requiredOption('--role <role>', 'viewer, planner, analyst or admin')
    .option('--party <id>', 'the party the holder speaks for (sees its restricted items)')
    .option('--subject <name>', 'who holds the token (recorded in the audit trail)', 'cli')
    .option('--expires <duration>', 'lifetime, e.g. 8h, 30d', '8h')
    .action(
      action(async (opts: { role: string; party?: string; subject: string; expires: string }) => {
        const secret = secretFromEnv();
        if (!secret) throw new UserError('WEERBAAR_JWT_SECRET is not set', 'ENVIRONMENT');
        if (!/^\d+\s*(s|m|h|d|w)$/.test(opts.expires))
          throw new UserError(
            `--expires: expected a duration such as 8h or 30d, got "${opts.expires}"`,
            'BAD_USER_INPUT',
          );
        const claims = {
          subject: opts.subject,
          role: opts.role as Role,
          party: opts.party ?? null,
          expiresIn: opts.expires,
        };
        process.stdout.write(`${await issueToken(secret, claims)}\n`);
      }),
    );
}
