// Who is asking: decides which classified items a read returns.
export type Role = 'viewer' | 'planner' | 'analyst' | 'admin';

export interface Viewer {
  role: Role;
  /** The party (e.g. a ministry) the caller speaks for; sees that party's restricted items. */
  party: string | null;
  /** Subject of the token, for the audit trail. */
  subject: string;
  admin: boolean;
}

export const ANONYMOUS: Viewer = { role: 'viewer', party: null, subject: 'anonymous', admin: false };
/** The local-development viewer when authentication is switched off explicitly. */
export const LOCAL_ADMIN: Viewer = { role: 'admin', party: null, subject: 'local (auth disabled)', admin: true };

/** The parameter every read statement takes. */
export function viewerParam(v: Viewer): { admin: boolean; party: string | null } {
  return { admin: v.admin, party: v.party };
}

/**
 * The access rule for a node (the fragment `visible` of cypher/access.cypher, which every read applies in the graph):
 * public to all, everything to admins, a restricted item to the party that owns it.
 */
export function canSeeNode(
  v: Pick<Viewer, 'admin' | 'party'>,
  node: { classification?: unknown; owner?: unknown },
): boolean {
  const c = node.classification ?? 'public';
  return c === 'public' || v.admin || (c === 'restricted' && node.owner != null && node.owner === v.party);
}

/** The access rule for a relationship (fragment `visibleRelationship`): public, admins, or a party at either end. */
export function canSeeRelationship(
  v: Pick<Viewer, 'admin' | 'party'>,
  rel: { classification?: unknown },
  ends: readonly string[],
): boolean {
  return (rel.classification ?? 'public') === 'public' || v.admin || (v.party != null && ends.includes(v.party));
}
