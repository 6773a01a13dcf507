// The explorer's only way to the server: GraphQL at the relative URL /graphql, queries and mutations over fetch,
// subscriptions over server-sent events (graphql-yoga answers `Accept: text/event-stream` with an event stream).
// The operations themselves are in queries.ts.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly codes: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const ENDPOINT = 'graphql';

// ---- Sign-in: a bearer token kept for this browser session only ----------------------------------------------------

const TOKEN_KEY = 'weerbaar.token';

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(accept: string): Record<string, string> {
  const token = getToken();
  return { 'content-type': 'application/json', accept, ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

function failure<T>(body: GraphQLResponse<T>): ApiError {
  return new ApiError(
    body.errors!.map((e) => e.message).join('; '),
    body.errors!.map((e) => e.extensions?.code ?? ''),
  );
}

/** Runs one operation; throws ApiError with the server's messages when the response carries errors. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: headers('application/graphql-response+json, application/json'),
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(`/graphql: ${(e as Error).message}`, ['NETWORK']);
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`/graphql: HTTP ${response.status} ${response.statusText}`, ['HTTP']);
  }
  if (body.errors?.length) throw failure(body);
  if (!response.ok || body.data == null) throw new ApiError(`/graphql: HTTP ${response.status}`, ['HTTP']);
  return body.data;
}

/**
 * Runs a subscription over server-sent events and calls `onNext` with each event's data until the server completes
 * the stream, `signal` aborts it, or an error arrives (thrown as ApiError). Resolves when the stream ends.
 */
export async function subscribe<T>(
  query: string,
  variables: Record<string, unknown>,
  onNext: (data: T) => void,
  signal?: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: headers('text/event-stream'),
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    throw new ApiError(`/graphql: ${(e as Error).message}`, ['NETWORK']);
  }
  if (!response.body || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    let body: GraphQLResponse<T> | null = null;
    try {
      body = (await response.json()) as GraphQLResponse<T>;
    } catch {
      /* not JSON: reported below */
    }
    if (body?.errors?.length) throw failure(body);
    throw new ApiError(`/graphql: HTTP ${response.status} without an event stream`, ['HTTP']);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      // Events are separated by a blank line; a line `event: complete` ends the stream.
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, cut).split('\n');
        buffer = buffer.slice(cut + 2);
        const event =
          lines
            .find((l) => l.startsWith('event:'))
            ?.slice(6)
            .trim() ?? 'message';
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (event === 'complete') return;
        if (!data) continue; // a keep-alive comment
        const body = JSON.parse(data) as GraphQLResponse<T>;
        if (body.errors?.length) throw failure(body);
        if (body.data) onNext(body.data);
      }
    }
  } catch (e) {
    if ((e as Error).name === 'AbortError') return;
    throw e;
  } finally {
    reader.releaseLock();
    void response.body.cancel().catch(() => {});
  }
}
