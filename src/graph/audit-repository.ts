// Reads the audit trail.
import { int, type Graph } from './graph.js';

export interface AuditEntry {
  id: string;
  at: string;
  subject: string;
  role: string;
  party: string | null;
  action: string;
  target: string;
  details: string;
  requestId: string | null;
}

export async function listAudit(
  graph: Graph,
  filter: { target?: string | null; subject?: string | null; limit: number },
): Promise<AuditEntry[]> {
  const rows = await graph.read('audit', 'listAudit', {
    target: filter.target ?? null,
    subject: filter.subject ?? null,
    limit: int(filter.limit),
  });
  return rows.map((r) => r.entry as AuditEntry);
}
