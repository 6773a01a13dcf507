// Sign-in: the user pastes the bearer token that `weerbaar token` minted. The page keeps it for the browser session
// (sessionStorage), sends it with every request, and shows who it names. The server checks the token on every
// request; what the page reads from it here is for display only.
import { gql, getToken, setToken } from './api';
import { byId } from './dom';
import { t } from './i18n';
import { PING } from './queries';

export interface TokenClaims {
  sub?: string;
  role?: string;
  party?: string;
  exp?: number;
}

/** The claims of a JWT, unverified (display only), or null when the text is not a JWT. */
export function readClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]+$/.test(p))) return null;
  try {
    const json = atob(
      parts[1]!
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(parts[1]!.length / 4) * 4, '='),
    );
    const claims = JSON.parse(json) as unknown;
    return claims && typeof claims === 'object' ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

/** The signed-in user's claims (display and which buttons to offer; the server decides what is allowed). */
export function currentClaims(): TokenClaims | null {
  const token = getToken();
  return token ? readClaims(token) : null;
}

/** Whether the signed-in user may edit this party's holdings (planners of the party, admins). */
export function mayEditHoldings(party: string): boolean {
  const c = currentClaims();
  return !!c && (c.role === 'admin' || (c.role === 'planner' && c.party === party));
}

/** Wires the sign-in form and the "who" line; signing in or out reloads the page so that every view re-reads. */
export function setUpSignIn(): void {
  const toggle = byId<HTMLButtonElement>('signin-toggle');
  const panel = byId<HTMLFormElement>('signin-panel');
  const input = byId<HTMLInputElement>('signin-token');
  const error = byId('signin-error');
  const who = byId('who');
  const token = getToken();
  const claims = token ? readClaims(token) : null;
  if (token && claims) {
    const args = { subject: claims.sub ?? '?', role: claims.role ?? '?', party: claims.party ?? '' };
    who.textContent = t(claims.party ? 'auth.signedInParty' : 'auth.signedIn', args);
    toggle.textContent = t('auth.signOut');
    toggle.removeAttribute('aria-expanded');
    toggle.addEventListener('click', () => {
      setToken(null);
      location.reload();
    });
    return;
  }
  who.textContent = t('auth.anonymous');
  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) input.focus();
  });
  panel.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      const value = input.value.trim();
      error.hidden = true;
      if (!readClaims(value)) {
        error.textContent = t('auth.badToken');
        error.hidden = false;
        return;
      }
      setToken(value);
      try {
        await gql(PING);
      } catch (err) {
        setToken(null);
        error.textContent = t('auth.rejected', { message: (err as Error).message });
        error.hidden = false;
        return;
      }
      location.reload();
    })();
  });
}
