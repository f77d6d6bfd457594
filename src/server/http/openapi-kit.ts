/** The pieces of an OpenAPI operation's description that route modules share with openapi.ts. */
export type Json = Record<string, unknown>;

/** none: open to anyone; read: a session or token; write: that, and a CSRF token for a cookie session. */
export type Auth = 'none' | 'read' | 'write';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: `{id}`, not `:id`. */
  path: string;
  operationId: string;
  /** The group it is listed under in the docs (会话, 评价, …). */
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  parameters?: Json[];
  requestBody?: Json;
  ok: { status: number; description: string; content?: Json; headers?: Json };
  /** Error statuses it answers with (400, 401, 403, 404, 409, 413, 415, 422 …). */
  errors: number[];
}

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Json): Json => ({ 'application/json': { schema } });

/** A path parameter that is a positive integer (as idParam and the like read it). */
export const pathParam = (name: string, description: string): Json => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', pattern: '^\\d{1,9}$' },
});

export const ID_PARAM: Json = pathParam('id', '评价编号（正整数）');

/** A query parameter; `required` only when it is. */
export const queryParam = (name: string, description: string, schema: Json, required = false): Json => ({
  name,
  in: 'query',
  ...(required ? { required } : {}),
  description,
  schema,
});

/** A required JSON request body. */
export const jsonBody = (schema: Json): Json => ({ required: true, content: json(schema) });

/** Response content of files of the given media types. */
export const binary = (...types: string[]): Json =>
  Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]));
