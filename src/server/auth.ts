// Bearer tokens: HS256 JWTs carrying a role and optionally a party; no token = anonymous (public items, read only).
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { GraphQLError } from 'graphql';
import { ANONYMOUS, type Role, type Viewer } from '../domain/viewer.js';
import { UserError } from '../domain/errors.js';

export const ROLES: readonly Role[] = ['viewer', 'planner', 'analyst', 'admin'];
const ISSUER = 'weerbaar';

export function secretFromEnv(): Uint8Array | undefined {
  const raw = process.env.WEERBAAR_JWT_SECRET;
  if (!raw) return undefined;
  if (raw.length < 32) throw new UserError('WEERBAAR_JWT_SECRET: must be at least 32 characters', 'ENVIRONMENT');
  return new TextEncoder().encode(raw);
}

/** Mints a token; used by `weerbaar token` and by tests. */
export async function issueToken(
  secret: Uint8Array,
  claims: { subject: string; role: Role; party?: string | null; expiresIn?: string },
): Promise<string> {
  if (!ROLES.includes(claims.role))
    throw new UserError(`--role: must be one of ${ROLES.join(', ')}, got "${claims.role}"`, 'BAD_USER_INPUT');
  const jwt = new SignJWT({ role: claims.role, ...(claims.party ? { party: claims.party } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.subject)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h');
  return jwt.sign(secret);
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Reads the Authorization header; a missing header is anonymous, a bad token is refused with 401. */
export function authenticator(secret: Uint8Array): (request: Request) => Promise<Viewer> {
  return async (request) => {
    const header = request.headers.get('authorization');
    if (!header) return ANONYMOUS;
    const m = /^Bearer\s+([A-Za-z0-9._-]+)$/.exec(header.trim());
    if (!m) throw unauthenticated('Authorization: expected "Bearer <token>"');
    try {
      const { payload } = await jwtVerify(m[1]!, secret, { issuer: ISSUER, algorithms: ['HS256'] });
      const role = payload.role as Role;
      if (!ROLES.includes(role)) throw unauthenticated(`token: unknown role "${String(payload.role)}"`);
      const party = typeof payload.party === 'string' ? payload.party : null;
      return { role, party, subject: payload.sub ?? 'unknown', admin: role === 'admin' };
    } catch (e) {
      if (e instanceof GraphQLError) throw e;
      if (e instanceof joseErrors.JWTExpired) throw unauthenticated('token: expired');
      throw unauthenticated('token: invalid');
    }
  };
}
