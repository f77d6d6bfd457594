/**
 * Requests to a test server on loopback, as the server suites make them: a path fetched with a
 * cookie session and its CSRF token (or any headers, such as a bearer token), the reply read as
 * bytes and, where it is JSON, parsed.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-explicit-any -- response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';

/** A cookie session: the cookie and the CSRF token the login gave. */
export interface Client {
  cookie: string;
  csrf: string;
}

/** A reply: `json` is the parsed body where it is JSON, else undefined. */
export interface Reply {
  status: number;
  json: any;
  headers: Headers;
  bytes: Uint8Array;
}

export interface CallOptions {
  method?: string;
  /** Sends the session's cookie and, unless `csrf` is false, its CSRF token. */
  client?: Client;
  /** Sent as JSON, with content-type application/json unless `headers` give one. */
  body?: unknown;
  /** Sent as it is (ignored where `body` is given). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  csrf?: boolean;
}

/** Reads a response whole: its bytes, and its body parsed where it is JSON. */
export async function readReply(res: Response): Promise<Reply> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  let json: any;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    json = undefined;
  }
  return { status: res.status, json, headers: res.headers, bytes };
}

/** Requests to the server at `base()` (read at each request, as it is known only once listening). */
export function httpClient(base: () => string) {
  async function call(path: string, opts: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.client) {
      headers['cookie'] = opts.client.cookie;
      if (opts.csrf !== false) headers['x-csrf-token'] = opts.client.csrf;
    }
    let body: string | Uint8Array | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(base() + path, {
      method: opts.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
    });
    return readReply(res);
  }

  /** Logs in with a cookie session (asserting a 200). */
  async function logIn(username: string, password: string): Promise<Client> {
    const r = await call('/api/login', { method: 'POST', body: { username, password } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { cookie, csrf: r.json.csrfToken };
  }

  /** Logs in for a bearer token. */
  async function token(username: string, password: string): Promise<string> {
    const r = await call('/api/login', { method: 'POST', body: { username, password, bearer: true } });
    return (r.json as { token: string }).token;
  }

  return { call, logIn, token };
}
