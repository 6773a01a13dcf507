// What the server adds around the schema: authentication and long-running services (simulation jobs).
import type { Graph } from '../graph/graph.js';
import type { Viewer } from '../domain/viewer.js';
import { LOCAL_ADMIN } from '../domain/viewer.js';

export interface ServerExtras {
  authenticate: (request: Request) => Promise<Viewer> | Viewer;
  services: Record<string, unknown>;
  shutdown: () => Promise<void>;
}

export async function buildServerExtras(_graph: Graph, options: { auth: boolean; log: (s: string) => void }): Promise<ServerExtras> {
  if (options.auth) options.log('note: authentication is not configured yet; serving as local admin');
  else options.log('WARNING: authentication is OFF (--no-auth): every caller is an admin. Local development only.');
  return { authenticate: () => LOCAL_ADMIN, services: {}, shutdown: async () => {} };
}
