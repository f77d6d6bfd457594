/**
 * The OpenAPI document against the routes fastify really has (so the description cannot drift
 * from app.ts), the two documentation routes, and the document's own consistency.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type Database, openEmbedded } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { SESSION_COOKIE, buildApp } from './app.ts';
import { adaptJsonSchema, docsHtml, openApiDocument } from './openapi.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown, what: string): Json => {
  assert.ok(isObject(v), `${what} should be an object`);
  return v;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/**
 * The routes in `app.printRoutes({ commonPrefix: false })`: a tree whose lines are
 * `│   └── /segment (GET, HEAD, POST)`, four characters per level, each segment continuing its parent.
 */
function registeredRoutes(app: FastifyInstance): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(path);
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()))
      if (method !== '' && method !== 'HEAD') out.add(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  }
  return out;
}

function documentedRoutes(doc: Json): Set<string> {
  const out = new Set<string>();
  for (const [path, item] of Object.entries(obj(doc['paths'], 'paths')))
    for (const method of Object.keys(obj(item, path)))
      if (METHODS.includes(method)) out.add(`${method.toUpperCase()} ${path}`);
  return out;
}

/** Every operation of the document, with its method and path. */
function operations(doc: Json): { method: string; path: string; op: Json }[] {
  const out: { method: string; path: string; op: Json }[] = [];
  for (const [path, item] of Object.entries(obj(doc['paths'], 'paths')))
    for (const [method, op] of Object.entries(obj(item, path)))
      if (METHODS.includes(method)) out.push({ method, path, op: obj(op, `${method} ${path}`) });
  return out;
}

/** Every `$ref` string anywhere in a value. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  return out;
}

function resolvePointer(doc: Json, pointer: string): unknown {
  let node: unknown = doc;
  for (const part of pointer.replace(/^#\//, '').split('/'))
    node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return node;
}

describe('openapi', () => {
  let db: Database;
  let app: FastifyInstance;
  const doc = openApiDocument() as Json;

  before(async () => {
    db = await openEmbedded();
    await migrate(db);
    app = buildApp({ db });
    await app.ready();
  });

  after(async () => {
    await app.close();
    await db.close();
  });

  it('documents every route fastify has, and nothing else', () => {
    const registered = registeredRoutes(app);
    const documented = documentedRoutes(doc);
    assert.ok(registered.size > 10, `too few routes parsed: ${[...registered].join(', ')}`);
    const missing = [...registered].filter((r) => !documented.has(r));
    const extra = [...documented].filter((r) => !registered.has(r));
    assert.deepEqual(missing, [], `routes not in the OpenAPI document (add them to openapi.ts)`);
    assert.deepEqual(extra, [], `operations in the OpenAPI document without a route`);
    // and fastify agrees, route by route
    for (const r of documented) {
      const [method, path] = r.split(' ') as [string, string];
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      assert.ok(app.hasRoute({ method, url }), r);
    }
  });

  it('serves the document at /api/openapi.json without logging in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = obj(res.json(), 'body');
    assert.equal(body['openapi'], '3.1.0');
    assert.deepEqual(body, doc);
  });

  it('serves a self-contained Chinese page at /api/docs listing every operation', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    const html = res.body;
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<html lang="zh-CN">/);
    assert.doesNotMatch(html, /<script|<link|src=["']?http|@import/i);
    for (const { method, path, op } of operations(doc)) {
      assert.ok(html.includes(path), `the page lacks ${path}`);
      assert.ok(html.includes(`id="op-${String(op['operationId'])}"`), `the page lacks ${method} ${path}`);
      assert.ok(html.includes(String(op['summary'])), `the page lacks the summary of ${method} ${path}`);
    }
    for (const tag of doc['tags'] as { name: string }[]) assert.ok(html.includes(tag.name), tag.name);
    assert.ok(html.includes('id="schema-EvaluationFile"'));
    assert.ok(html.includes('X-CSRF-Token'));
  });

  it('escapes what it renders', () => {
    const html = docsHtml({
      openapi: '3.1.0',
      info: { title: '<b>t</b>', version: '1' },
      paths: {
        '/x': {
          get: {
            summary: '<script>alert(1)</script>',
            operationId: 'x"y',
            responses: { '200': { description: 'a & b' } },
          },
        },
      },
    });
    assert.ok(!html.includes('<script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&lt;b&gt;t&lt;/b&gt;'));
    assert.ok(html.includes('id="op-x&quot;y"'));
    assert.ok(html.includes('a &amp; b'));
  });

  it('gives every operation a Chinese summary, responses, security and a unique operationId', () => {
    const ids = new Set<string>();
    for (const { method, path, op } of operations(doc)) {
      const where = `${method} ${path}`;
      assert.match(String(op['summary']), /\p{Script=Han}/u, `${where}: summary in Chinese`);
      const description = op['description'];
      if (description !== undefined)
        assert.ok(
          typeof description === 'string' && /\p{Script=Han}/u.test(description),
          `${where}: description in Chinese`,
        );
      const id = op['operationId'];
      assert.ok(typeof id === 'string' && /^[A-Za-z][A-Za-z0-9]*$/.test(id), `${where}: operationId`);
      assert.ok(!ids.has(id), `${where}: operationId ${id} repeated`);
      ids.add(id);
      const responses = obj(op['responses'], `${where} responses`);
      assert.ok(
        Object.keys(responses).some((s) => /^2\d\d$/.test(s)),
        `${where}: a success response`,
      );
      for (const status of Object.keys(responses)) assert.match(status, /^[1-5]\d\d$/, where);
      assert.ok(Array.isArray(op['security']), `${where}: security stated`);
      assert.ok(Array.isArray(op['tags']) && op['tags'].length === 1, `${where}: one tag`);
      // every {param} of the path is declared, and every path parameter is in the path
      const declared = ((op['parameters'] ?? []) as Json[])
        .filter((p) => p['in'] === 'path')
        .map((p) => String(p['name']))
        .sort();
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
      assert.deepEqual(declared, inPath, `${where}: path parameters`);
      for (const p of (op['parameters'] ?? []) as Json[])
        if (p['in'] === 'path') assert.equal(p['required'], true, `${where}: ${String(p['name'])} required`);
    }
  });

  it('states the errors each route can give, in the common error shape', () => {
    const components = obj(doc['components'], 'components');
    const open: string[] = [];
    const responses = obj(components['responses'], 'responses');
    for (const { method, path, op } of operations(doc)) {
      const rs = obj(op['responses'], 'responses');
      for (const [status, r] of Object.entries(rs)) {
        if (!status.startsWith('4') && !status.startsWith('5')) continue;
        const ref = String(obj(r, status)['$ref']);
        const target = obj(resolvePointer(doc, ref), ref);
        const error = obj(
          obj(
            obj(obj(obj(target['content'], 'content')['application/json'], 'json')['schema'], 's')[
              'properties'
            ],
            'p',
          )['error'],
          'error',
        );
        assert.deepEqual(error['required'], ['status', 'code', 'message'], `${method} ${path} ${status}`);
      }
      const mutating = method !== 'get';
      const security = op['security'] as Json[];
      // open to anyone: logging in, and a questionnaire's respondent (the link's token is the credential)
      if (mutating && security.length === 0) open.push(`${method} ${path}`);
      if (mutating && security.length > 0) {
        assert.ok(
          security.some((s) => 'csrfToken' in s && 'cookieSession' in s),
          `${method} ${path}: cookie + CSRF`,
        );
        assert.ok('403' in rs, `${method} ${path}: 403 for a missing CSRF token`);
      }
      if (security.length > 0) assert.ok('401' in rs, `${method} ${path}: 401`);
      if (op['requestBody'] !== undefined)
        for (const s of ['400', '413', '415']) assert.ok(s in rs, `${method} ${path}: ${s}`);
      if (path.includes('{id}')) assert.ok('404' in rs && '400' in rs, `${method} ${path}: 400, 404`);
    }
    assert.deepEqual(
      open.sort(),
      ['post /api/login', 'post /api/s/{token}'],
      'the only routes that change data without a session',
    );
    for (const status of ['400', '401', '403', '404', '409', '413', '415', '422', '423'])
      assert.ok(
        operations(doc).some(({ op }) => status in obj(op['responses'], 'r')),
        `some route gives ${status}`,
      );
    assert.ok(Object.keys(responses).length >= 10);
  });

  it('resolves every $ref and embeds the evaluation file schema', () => {
    for (const r of refs(doc)) {
      assert.ok(r.startsWith('#/'), r);
      assert.notEqual(resolvePointer(doc, r), undefined, `unresolved ${r}`);
    }
    const components = obj(doc['components'], 'components');
    const file = obj(obj(components['schemas'], 'schemas')['EvaluationFile'], 'EvaluationFile');
    assert.equal(file['$schema'], undefined);
    assert.equal(file['$id'], undefined);
    assert.equal(file['definitions'], undefined);
    assert.equal(file['type'], 'object');
    assert.ok(Array.isArray(file['required']) && file['required'].includes('indicators'));
    const schemes = obj(components['securitySchemes'], 'securitySchemes');
    assert.deepEqual(schemes['cookieSession'], {
      ...obj(schemes['cookieSession'], 'cookie'),
      type: 'apiKey',
      in: 'cookie',
      name: SESSION_COOKIE,
    });
    assert.equal(obj(schemes['csrfToken'], 'csrf')['name'], 'X-CSRF-Token');
    assert.equal(obj(schemes['bearerToken'], 'bearer')['scheme'], 'bearer');
  });

  it('adapts a draft-07 schema: definitions, refs, tuples; property names untouched', () => {
    const adapted = adaptJsonSchema(
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: 'https://example/x.json',
        properties: {
          items: { $ref: '#/definitions/a' },
          definitions: { type: 'string' },
          pair: { type: 'array', items: [{ type: 'string' }, { $ref: '#' }], additionalItems: false },
        },
        definitions: { a: { type: 'object', properties: { self: { $ref: '#/definitions/a' } } } },
      },
      true,
    );
    assert.deepEqual(adapted, {
      properties: {
        items: { $ref: '#/components/schemas/EvaluationFile/$defs/a' },
        definitions: { type: 'string' },
        pair: {
          type: 'array',
          prefixItems: [{ type: 'string' }, { $ref: '#/components/schemas/EvaluationFile' }],
          items: false,
        },
      },
      $defs: {
        a: { type: 'object', properties: { self: { $ref: '#/components/schemas/EvaluationFile/$defs/a' } } },
      },
    });
  });
});
