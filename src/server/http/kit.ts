/**
 * What every route module shares: reading ids, integers and JSON bodies with Chinese messages that
 * name the field, and the shape of a feature module (its routes and their OpenAPI descriptions), so
 * that a capability lives in its own file and app.ts and openapi.ts only list it (features.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { badInput } from '../errors.ts';
import type { Actor } from '../store/scope.ts';
import type { Operation } from './openapi-kit.ts';

export function idParam(req: FastifyRequest): number {
  const raw = (req.params as { id?: string }).id ?? '';
  if (!/^\d{1,9}$/.test(raw))
    throw badInput(`编号“${raw.slice(0, 40)}”无效`, [{ path: 'id', message: '应为正整数' }]);
  return Number(raw);
}

export function intField(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  throw badInput(`${path} 应为整数`, [{ path, message: '应为整数' }]);
}

/** The query string's values, as fastify parsed them. */
export const queryOf = (req: FastifyRequest): Record<string, string | undefined> =>
  req.query as Record<string, string | undefined>;

/**
 * A file sent as an attachment: `ascii` is the plain file name for old clients, `name` the real
 * one (UTF-8, RFC 6266 `filename*`).
 */
export function sendFile(
  reply: FastifyReply,
  bytes: Uint8Array,
  type: string,
  name: string,
  ascii: string,
): FastifyReply {
  return reply
    .header('content-type', type)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export function objectBody(req: FastifyRequest): Record<string, unknown> {
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badInput('请求体应为 JSON 对象');
  return body as Record<string, unknown>;
}

/** What a feature's routes are given: the database, and the app's authentication. */
export interface FeatureContext {
  db: Database;
  /**
   * The session or bearer token of the request (and its CSRF token for a cookie session on a
   * state-changing request); throws the service's 401/403 otherwise.
   */
  authenticate: (req: FastifyRequest) => Promise<{ actor: Actor }>;
}

/** A capability's routes and their descriptions (openapi.test.ts checks every route has one). */
export interface Feature {
  register(app: FastifyInstance, ctx: FeatureContext): void;
  operations(): Operation[];
}
