/**
 * 报告检查 over a real HTTP port on loopback (`POST /api/check`, src/server/http/check.ts): a
 * published report as text and a Word report the service itself renders are checked; a PDF, a
 * missing name, an empty file, a file over 20 MB, the wrong content type, no session and no CSRF
 * token are refused in Chinese, in the service's error shape; nothing is stored. The route does not
 * touch the database, so the embedded one is enough.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument,
   @typescript-eslint/no-explicit-any --
   response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { CheckReport } from '../../src/checker/check.ts';
import { type Database, openEmbedded } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { CHECK_BODY_LIMIT } from '../../src/server/http/check.ts';
import { buildApp } from '../../src/server/http/app.ts';
import { ensureAdmin, seedIfEmpty } from '../../src/server/seed.ts';
import { createUser } from '../../src/server/store/accounts.ts';
import type { CheckReport as WebCheckReport } from '../../web/src/api.ts';
import { type Client, httpClient } from '../support/http.ts';

const PASSWORD = 'Check-Passw0rd!';
const FIXTURE = new URL('../fixtures/reports/000_f8c035b985fd6359.txt', import.meta.url);
const OCTET = 'application/octet-stream';

describe('报告检查 (POST /api/check)', () => {
  let db: Database;
  let app: FastifyInstance;
  let base = '';

  const http = httpClient(() => base);
  const call = http.call;
  const logIn = (username: string): Promise<Client> => http.logIn(username, PASSWORD);

  /** A file sent to be checked, as the web page sends it. */
  const check = (client: Client | undefined, name: string | undefined, body: Uint8Array | string) =>
    call(`/api/check${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`, {
      method: 'POST',
      ...(client === undefined ? {} : { client }),
      raw: body,
      headers: { 'content-type': OCTET },
    });

  /** A refusal in the service's error shape, with a Chinese message. */
  const refused = (r: { status: number; json: any }, status: number, message?: RegExp): void => {
    assert.equal(r.status, status, JSON.stringify(r.json));
    assert.equal(r.json.error.status, status);
    assert.equal(typeof r.json.error.code, 'string');
    assert.match(r.json.error.message, /[\u4e00-\u9fff]/);
    if (message) assert.match(r.json.error.message, message);
  };

  const stored = async (): Promise<number[]> =>
    Promise.all(
      ['evaluations', 'evaluation_versions', 'change_log'].map(
        async (t) => (await db.query<{ n: number }>(`select count(*)::int as n from ${t}`)).rows[0]?.n ?? -1,
      ),
    );

  before(async () => {
    db = await openEmbedded();
    await migrate(db);
    await seedIfEmpty(db);
    await ensureAdmin(db, { JIXIAO_ADMIN_PASSWORD: PASSWORD });
    const unit = (
      await db.query<{ id: number }>("select id from organisations where name = '南昌市工人文化宫'")
    ).rows[0]?.id;
    await createUser(db, {
      username: 'wenhuagong',
      displayName: '文化宫填报员',
      role: 'unit',
      organisationId: unit ?? null,
      password: PASSWORD,
    });
    app = buildApp({ db });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  after(async () => {
    await app.close();
    await db.close();
  });

  it('checks a published report as text: the report with its counts; nothing stored', async () => {
    const c = await logIn('wenhuagong');
    const before = await stored();
    const name = '南昌市 某单位 2023年度绩效自评报告.txt';
    const r = await check(c, name, new Uint8Array(readFileSync(FIXTURE)));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    // typed as the checker gives it, read as the web page's copy of the type: tsc checks they agree
    const report: WebCheckReport = r.json as CheckReport;
    assert.equal(report.file, name, 'the name echoed, decoded');
    assert.equal(report.format, 'txt');
    for (const s of ['error', 'warning', 'info'] as const) assert.ok(Number.isInteger(report.counts[s]), s);
    assert.ok(Array.isArray(report.units));
    assert.ok(Array.isArray(report.findings));
    assert.ok(Array.isArray(report.unextracted));
    assert.equal(
      report.counts.error + report.counts.warning + report.counts.info,
      report.findings.length,
      'the counts are the findings',
    );
    for (const u of report.units) {
      assert.equal(typeof u.unit, 'string');
      assert.equal(typeof u.evaluation, 'object');
    }
    assert.equal(typeof report.ms, 'number');
    assert.deepEqual(await stored(), before, 'no evaluation, version or log entry written');
  });

  it('checks a Word report (one the service renders) and takes a file over the usual 5 MB', async () => {
    const c = await logIn('admin');
    const id = (await db.query<{ id: number }>('select id from evaluations order by id limit 1')).rows[0]?.id;
    const docx = await call(`/api/evaluations/${String(id)}/report?type=department&format=docx`, {
      client: c,
    });
    assert.equal(docx.status, 200);
    const word = await check(c, '报告.docx', docx.bytes);
    assert.equal(word.status, 200, JSON.stringify(word.json));
    assert.equal(word.json.format, 'docx');
    assert.equal(word.json.file, '报告.docx');
    // 6 MB of text: over the service's 5 MB body limit, within this route's 20 MB
    const big = `${readFileSync(FIXTURE, 'utf8')}\n${'附'.repeat(2 * 1024 * 1024)}\n`;
    assert.ok(Buffer.byteLength(big) > 5 * 1024 * 1024);
    const large = await check(c, '大报告.txt', big);
    assert.equal(large.status, 200, JSON.stringify(large.json)?.slice(0, 300));
    assert.equal(large.json.file, '大报告.txt');
  });

  it('a PDF, an old .doc and an empty file are refused (400), saying what to do', async () => {
    const c = await logIn('wenhuagong');
    refused(
      await check(c, '报告.pdf', '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
      400,
      /PDF/,
    );
    refused(
      await check(c, '报告.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
      400,
      /\.docx/,
    );
    refused(await check(c, '空.txt', new Uint8Array(0)), 400, /空文件/);
  });

  it('the file name is required (400 naming the field), and bounded', async () => {
    const c = await logIn('wenhuagong');
    for (const name of [undefined, '', '   ']) {
      const r = await check(c, name, 'text');
      refused(r, 400, /name/);
      assert.deepEqual(r.json.error.issues, [{ path: 'name', message: '必填' }], String(name));
    }
    refused(await check(c, `${'长'.repeat(256)}.txt`, 'text'), 400, /name/);
    refused(await check(c, 'a\u0000b.txt', 'text'), 400, /name/);
  });

  it('a file over 20 MB is refused (413) in the error shape, told or not told the length', async () => {
    const c = await logIn('wenhuagong');
    const over = new Uint8Array(CHECK_BODY_LIMIT + 1).fill(0x61);
    refused(await check(c, '过大.txt', over), 413, /20 MB/);
    // streamed without a content-length: stopped while reading
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    const streamed = await fetch(`${base}/api/check?name=${encodeURIComponent('过大.txt')}`, {
      method: 'POST',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': OCTET },
      duplex: 'half',
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i <= CHECK_BODY_LIMIT / chunk.length; i++) controller.enqueue(chunk);
          controller.close();
        },
      }),
    });
    refused({ status: streamed.status, json: await streamed.json() }, 413, /20 MB/);
    // the other routes keep their 5 MB
    refused(
      await call('/api/preview', {
        method: 'POST',
        client: c,
        raw: `{"document":"${'a'.repeat(6 * 1024 * 1024)}"}`,
        headers: { 'content-type': 'application/json' },
      }),
      413,
      /5 MB/,
    );
  });

  it('only application/octet-stream (415); the other routes do not take it', async () => {
    const c = await logIn('wenhuagong');
    for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x'])
      refused(
        await call('/api/check?name=a.txt', {
          method: 'POST',
          client: c,
          raw: '{"a":1}',
          headers: { 'content-type': type },
        }),
        415,
        /application\/octet-stream/,
      );
    refused(
      await call('/api/evaluations', {
        method: 'POST',
        client: c,
        raw: '{}',
        headers: { 'content-type': OCTET },
      }),
      415,
    );
  });

  it('no session: 401; a cookie session without the CSRF token: 403; a bearer token needs none', async () => {
    refused(await check(undefined, 'a.txt', readFileSync(FIXTURE)), 401, /登录/);
    const c = await logIn('wenhuagong');
    refused(
      await call('/api/check?name=a.txt', {
        method: 'POST',
        client: c,
        csrf: false,
        raw: 'text',
        headers: { 'content-type': OCTET },
      }),
      403,
      /CSRF/,
    );
    const token = await http.token('wenhuagong', PASSWORD);
    const ok = await call('/api/check?name=a.txt', {
      method: 'POST',
      raw: readFileSync(FIXTURE),
      headers: { 'content-type': OCTET, authorization: `Bearer ${token}` },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.json));
    assert.equal(ok.json.file, 'a.txt');
  });
});
