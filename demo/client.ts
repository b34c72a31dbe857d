/** The little HTTP surface the demo needs: one request in, status and body out. */
export interface DemoRequest {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/v1/contributions/…/accountability`. */
  path: string;
  /** Bearer token, if any. */
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface DemoResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface DemoClient {
  send(request: DemoRequest): Promise<DemoResponse>;
}

/** A DemoClient over the global fetch (Node ≥ 20), for a service at `baseUrl`. */
export function fetchClient(baseUrl: string): DemoClient {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async send({ method, path, token, headers, body }) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          Accept: 'application/json, application/problem+json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      if (/json/.test(res.headers.get('content-type') ?? '') && text !== '') {
        try {
          parsed = JSON.parse(text);
        } catch {
          // Keep the raw text: the caller reports it.
        }
      }
      return { status: res.status, body: parsed, headers: Object.fromEntries(res.headers.entries()) };
    },
  };
}
