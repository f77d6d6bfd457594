/**
 * 第三方评价 over real HTTP on both databases: entrusting an evaluation, sending the draft for
 * comments, comments on an indicator, a section and the whole, the evaluator's replies (不采纳 needs
 * a reason), the 意见反馈表 and 采纳情况表 read back from Word, evidence files stored and returned
 * byte for byte (too large: 413 and nothing stored), the work plan (实施方案) uploaded, replaced and
 * returned byte for byte, the archive's files — the work plan and a questionnaire's 调查问卷分析报告
 * among them — and its list, and who may do what.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument --
   response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { parseEvaluation } from '../../src/core/normalize.ts';
import { ARCHIVE_LIST } from '../../src/reports/archive.ts';
import { ADOPTION_HEADER, FEEDBACK_HEADER } from '../../src/reports/word/feedback.ts';
import { EVIDENCE_MAX_BYTES, WORK_PLAN_MAX_BYTES } from '../../src/server/store/third-party.ts';
import { backends, stopTestPostgres } from '../support/databases.ts';
import type { Client } from '../support/http.ts';
import { useService } from '../support/service.ts';

after(stopTestPostgres);

const OCTET = 'application/octet-stream';

/** The tables of a .docx as rows of cell texts (mammoth's HTML). */
async function wordTables(bytes: Uint8Array): Promise<string[][][]> {
  const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  const strip = (s: string): string =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .trim();
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) =>
    [...(t[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => strip(c[1] ?? '')),
    ),
  );
}

for (const backend of backends()) {
  describe(`third-party evaluations on ${backend.name}`, { skip: backend.skip }, () => {
    const service = useService(backend, {
      evaluators: ['江西某会计师事务所', '另一评价机构'].map((name) => ({ name, region: '36' })),
      users: [
        ['wenhuagong', 'unit', '南昌市工人文化宫'],
        ['ncczj', 'finance', '南昌市财政局'],
        ['kuaiji', 'evaluator', '江西某会计师事务所'],
        ['lingwai', 'evaluator', '另一评价机构'],
      ],
    });
    const { call } = service.http;
    const logIn = (username: string): Promise<Client> => service.logIn(username);

    let unit: Client;
    let finance: Client;
    let evaluator: Client;
    let outsider: Client;
    let evaluationId = 0;
    let code = '';
    let draftId = 0;
    const commentIds: number[] = [];
    const pdf = new Uint8Array(3000);

    const upload = (client: Client, data: Uint8Array, name: string, indicator = code, type = OCTET) =>
      call(
        `/api/evaluations/${String(evaluationId)}/evidence?indicator=${encodeURIComponent(indicator)}&name=${encodeURIComponent(name)}`,
        { method: 'POST', client, raw: data, headers: { 'content-type': type } },
      );
    const path = (rest: string): string => `/api/evaluations/${String(evaluationId)}${rest}`;
    const uploadPlan = (client: Client, data: Uint8Array, name: string, type = OCTET) =>
      call(path(`/third-party/work-plan?name=${encodeURIComponent(name)}`), {
        method: 'POST',
        client,
        raw: data,
        headers: { 'content-type': type },
      });
    /** A .docx as far as its first bytes go (a zip), then bytes that cover every value. */
    const plan = new Uint8Array(5000);
    plan.set([0x50, 0x4b, 0x03, 0x04]);
    for (let i = 4; i < plan.length; i++) plan[i] = (i * 17 + 3) % 256;
    let revised = new Uint8Array(0);
    let surveyName = '';

    before(async () => {
      unit = await logIn('wenhuagong');
      finance = await logIn('ncczj');
      evaluator = await logIn('kuaiji');
      outsider = await logIn('lingwai');
      const created = await service.createEvaluation(unit, '南昌市工人文化宫', {
        templateId: 'nanchang-2023-department',
        fiscalYear: 2024,
      });
      evaluationId = created.id;
      const leaf = [...parseEvaluation(created.document).index.values()].find((n) => n.children.length === 0);
      code = leaf?.code ?? '';
      assert.notEqual(code, '');
      pdf.set(new TextEncoder().encode('%PDF-1.7\n'));
      for (let i = 9; i < pdf.length; i++) pdf[i] = (i * 31 + 7) % 256;
    });

    it('an evaluator sees nothing until the evaluation is entrusted to it, then lists it', async () => {
      assert.deepEqual(
        (await call('/api/third-party/assignments', { client: evaluator })).json.assignments,
        [],
      );
      assert.equal((await call(path('/third-party/drafts'), { client: evaluator })).status, 404);
      const assigned = await call(path('/assignments'), {
        method: 'POST',
        client: finance,
        body: { organisationId: service.orgs.get('江西某会计师事务所') },
      });
      assert.equal(assigned.status, 204);
      const mine = (await call('/api/third-party/assignments', { client: evaluator })).json.assignments;
      assert.equal(mine.length, 1);
      assert.equal(mine[0].evaluationId, evaluationId);
      assert.equal(mine[0].evaluatorName, '江西某会计师事务所');
      assert.equal(mine[0].organisationName, '南昌市工人文化宫');
      assert.deepEqual(
        (await call('/api/third-party/assignments', { client: outsider })).json.assignments,
        [],
      );
      // the finance bureau sees the assignment it made
      assert.equal(
        (await call('/api/third-party/assignments', { client: finance })).json.assignments.length,
        1,
      );
    });

    it('the evaluator sends the draft for comments: a snapshot of the version, to whom, by when', async () => {
      const refused = await call(path('/third-party/drafts'), {
        method: 'POST',
        client: unit,
        body: { recipient: '南昌市工人文化宫', deadline: '2099-12-31' },
      });
      assert.equal(refused.status, 403);
      const noDate = await call(path('/third-party/drafts'), {
        method: 'POST',
        client: evaluator,
        body: { recipient: '南昌市工人文化宫', deadline: '2099-02-30' },
      });
      assert.equal(noDate.status, 400);
      assert.equal(noDate.json.error.issues[0].path, 'deadline');
      const sent = await call(path('/third-party/drafts'), {
        method: 'POST',
        client: evaluator,
        body: { recipient: '南昌市工人文化宫', deadline: '2099-12-31', note: '请于截止日前书面反馈' },
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.json));
      draftId = sent.json.draft.id;
      assert.equal(sent.json.draft.version, 1);
      assert.equal(sent.json.draft.deadline, '2099-12-31');
      const one = await call(path(`/third-party/drafts/${String(draftId)}`), { client: unit });
      assert.equal(one.status, 200);
      assert.ok(parseEvaluation(one.json.draft.document).index.has(code));
    });

    it('the unit comments on an indicator, a section and the whole; wrong targets are 400', async () => {
      const comment = (body: unknown, client = unit) =>
        call(path(`/third-party/drafts/${String(draftId)}/comments`), { method: 'POST', client, body });
      const bad = await comment({ kind: 'indicator', target: 'Z99', text: '意见' });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.issues[0].path, 'target');
      assert.equal((await comment({ kind: 'page', text: '意见' })).json.error.issues[0].path, 'kind');
      assert.equal((await comment({ kind: 'whole', text: '  ' })).json.error.issues[0].path, 'text');
      for (const body of [
        { kind: 'indicator', target: code, text: '该指标完成值有误，应为 12 次' },
        { kind: 'section', target: '三、综合评价情况及评价结论', text: '结论表述过重' },
        { kind: 'whole', text: '建议补充年度重点工作情况' },
      ]) {
        const r = await comment(body);
        assert.equal(r.status, 201, JSON.stringify(r.json));
        assert.equal(r.json.comment.commenter, '南昌市工人文化宫');
        assert.equal(r.json.comment.decision, null);
        commentIds.push(r.json.comment.id);
      }
      // another evaluator does not see the evaluation at all
      assert.equal((await comment({ kind: 'whole', text: '无关意见' }, outsider)).status, 404);
    });

    it('the evaluator replies: 不采纳 without a reason is 400 naming reason; the unit may not reply', async () => {
      const reply = (id: number | undefined, body: unknown, client = evaluator) =>
        call(path(`/third-party/comments/${String(id)}/reply`), { method: 'PUT', client, body });
      assert.equal((await reply(commentIds[0], { decision: 'adopted' }, unit)).status, 403);
      const missing = await reply(commentIds[1], { decision: 'rejected', reason: ' ' });
      assert.equal(missing.status, 400);
      assert.deepEqual(missing.json.error.issues, [{ path: 'reason', message: '不采纳时必填' }]);
      assert.match(missing.json.error.message, /reason/);
      assert.equal((await reply(commentIds[1], { decision: 'maybe' })).json.error.issues[0].path, 'decision');
      const adopted = await reply(commentIds[0], { decision: 'adopted', reason: '已据实更正完成值' });
      assert.equal(adopted.status, 200);
      assert.equal(adopted.json.comment.decision, 'adopted');
      const rejected = await reply(commentIds[1], {
        decision: 'rejected',
        reason: '评分依据充分，结论与得分一致',
      });
      assert.equal(rejected.status, 200);
      assert.equal(rejected.json.comment.reason, '评分依据充分，结论与得分一致');
      assert.equal((await reply(commentIds[0], { decision: 'adopted' }, outsider)).status, 404);
      const drafts = (await call(path('/third-party/drafts'), { client: unit })).json.drafts as {
        comments: { decision: string | null }[];
      }[];
      assert.deepEqual(
        drafts[0]?.comments.map((c) => c.decision),
        ['adopted', 'rejected', null],
      );
    });

    it('the 意见反馈表 and 采纳情况表 are Word tables with Chinese headers, one row per comment', async () => {
      const table = async (name: string) => {
        const r = await call(path(`/third-party/drafts/${String(draftId)}/tables/${name}`), { client: unit });
        assert.equal(r.status, 200);
        assert.match(r.headers.get('content-type') ?? '', /wordprocessingml/);
        return (await wordTables(r.bytes))[0] ?? [];
      };
      const feedback = await table('feedback');
      assert.deepEqual(feedback[0], [...FEEDBACK_HEADER]);
      assert.equal(feedback.length, 4);
      assert.equal(feedback[1]?.[1]?.startsWith(`指标 ${code}`), true);
      assert.equal(feedback[1]?.[3], '该指标完成值有误，应为 12 次');
      assert.equal(feedback[2]?.[1], '章节：三、综合评价情况及评价结论');
      assert.equal(feedback[3]?.[1], '整体');
      const adoption = await table('adoption');
      assert.deepEqual(adoption[0], [...ADOPTION_HEADER]);
      assert.equal(adoption.length, 4);
      assert.deepEqual(adoption[1]?.slice(3), ['采纳', '已据实更正完成值']);
      assert.deepEqual(adoption[2]?.slice(3), ['不采纳', '不采纳，因为评分依据充分，结论与得分一致']);
      assert.deepEqual(adoption[3]?.slice(3), ['待回复', '']);
      assert.equal(
        (await call(path(`/third-party/drafts/${String(draftId)}/tables/other`), { client: unit })).status,
        400,
      );
    });

    it('evidence files come back byte for byte; too large is 413 and stores nothing; types are checked', async () => {
      const up = await upload(unit, pdf, '会议纪要.pdf');
      assert.equal(up.status, 201, JSON.stringify(up.json));
      assert.equal(up.json.file.size, pdf.length);
      const list = (await call(path('/evidence'), { client: evaluator })).json.files;
      assert.equal(list.length, 1);
      assert.equal(list[0].indicator, code);
      const back = await call(path(`/evidence/${String(list[0].id)}`), { client: evaluator });
      assert.equal(back.status, 200);
      assert.deepEqual(back.bytes, pdf);
      assert.match(back.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E4%BC%9A/);

      const over = new Uint8Array(EVIDENCE_MAX_BYTES + 1);
      over.set(pdf.subarray(0, 9));
      const big = await upload(unit, over, '过大.pdf');
      assert.equal(big.status, 413);
      assert.match(big.json.error.message, /10 MB/);
      assert.equal((await upload(unit, pdf, '程序.exe')).status, 415);
      assert.equal((await upload(unit, pdf, 'a.pdf', code, 'application/json')).status, 415);
      const mismatch = await upload(unit, pdf, '照片.png');
      assert.equal(mismatch.status, 400);
      assert.equal(mismatch.json.error.issues[0].path, 'body');
      assert.equal((await upload(unit, pdf, 'a.pdf', 'Z99')).json.error.issues[0].path, 'indicator');
      assert.equal((await upload(outsider, pdf, 'a.pdf')).status, 404);
      const stored = await service.db.query<{ n: number }>('select count(*)::int as n from evidence_files');
      assert.equal(stored.rows[0]?.n, 1);
      assert.equal((await call(path('/evidence'), { client: unit })).json.files.length, 1);
    });

    it('the work plan is uploaded, listed and comes back byte for byte; a new upload replaces it', async () => {
      assert.deepEqual((await call(path('/third-party/work-plan'), { client: unit })).json.files, []);
      const up = await uploadPlan(evaluator, plan, '绩效评价实施方案.docx');
      assert.equal(up.status, 201, JSON.stringify(up.json));
      assert.equal(up.json.file.size, plan.length);
      assert.equal(up.json.file.current, true);
      assert.equal(up.json.file.uploadedBy !== null, true);
      const first = up.json.file.id as number;
      const back = await call(path(`/third-party/work-plan/${String(first)}`), { client: unit });
      assert.equal(back.status, 200);
      assert.deepEqual(back.bytes, plan);
      assert.match(back.headers.get('content-type') ?? '', /wordprocessingml/);
      assert.match(back.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E7%BB%A9/);

      // replaced: the new one is current, the old one stays listed and downloadable
      revised = new Uint8Array(pdf);
      revised[revised.length - 1] = 0x2a;
      const again = await uploadPlan(finance, revised, '绩效评价实施方案（修订）.pdf');
      assert.equal(again.status, 201, JSON.stringify(again.json));
      const files = (await call(path('/third-party/work-plan'), { client: evaluator })).json.files as {
        id: number;
        name: string;
        current: boolean;
      }[];
      assert.deepEqual(
        files.map((f) => [f.name, f.current]),
        [
          ['绩效评价实施方案（修订）.pdf', true],
          ['绩效评价实施方案.docx', false],
        ],
      );
      const current = await call(path(`/third-party/work-plan/${String(files[0]?.id)}`), { client: unit });
      assert.deepEqual(current.bytes, revised);
      assert.deepEqual(
        (await call(path(`/third-party/work-plan/${String(first)}`), { client: unit })).bytes,
        plan,
      );
    });

    it('a work plan too large is 413 and stores nothing; wrong types, roles and outsiders are refused', async () => {
      const count = async (): Promise<number | undefined> =>
        (await service.db.query<{ n: number }>('select count(*)::int as n from work_plans')).rows[0]?.n;
      const over = new Uint8Array(WORK_PLAN_MAX_BYTES + 1);
      over.set(pdf.subarray(0, 9));
      const big = await uploadPlan(evaluator, over, '过大.pdf');
      assert.equal(big.status, 413);
      assert.match(big.json.error.message, /10 MB/);
      assert.equal(await count(), 2);
      assert.equal((await uploadPlan(evaluator, pdf, '方案.xlsx')).status, 415);
      assert.equal((await uploadPlan(evaluator, pdf, '方案.pdf', 'application/json')).status, 415);
      const mismatch = await uploadPlan(evaluator, pdf, '方案.docx');
      assert.equal(mismatch.status, 400);
      assert.equal(mismatch.json.error.issues[0].path, 'body');
      assert.equal((await uploadPlan(evaluator, new Uint8Array(0), '方案.pdf')).status, 400);
      assert.equal((await call(path('/third-party/work-plan'), { client: unit })).status, 200);
      assert.equal((await uploadPlan(unit, pdf, '方案.pdf')).status, 403);
      // another evaluator does not see the evaluation: not its work plan either
      assert.equal((await uploadPlan(outsider, pdf, '方案.pdf')).status, 404);
      assert.equal((await call(path('/third-party/work-plan'), { client: outsider })).status, 404);
      const id = (await call(path('/third-party/work-plan'), { client: unit })).json.files[0].id as number;
      assert.equal(
        (await call(path(`/third-party/work-plan/${String(id)}`), { client: outsider })).status,
        404,
      );
      assert.equal((await call(path('/third-party/work-plan/999999'), { client: unit })).status, 404);
      assert.equal(await count(), 2);
    });

    it('a questionnaire is run in the system: created, answered on paper', async () => {
      surveyName = '职工满意度调查';
      const made = await call('/api/surveys', {
        method: 'POST',
        client: evaluator,
        body: { evaluationId, name: surveyName, questions: ['服务态度', '活动组织'] },
      });
      assert.equal(made.status, 201, JSON.stringify(made.json));
      const survey = made.json.survey;
      const levels = (survey.levels as { label: string }[]).map((l) => l.label);
      const counts = Object.fromEntries(
        (survey.questionList as { id: string }[]).map((q, i) => [
          q.id,
          Object.fromEntries(levels.map((l, j) => [l, j === 0 ? 8 + i : 1])),
        ]),
      );
      const paper = await call(`/api/surveys/${String(survey.id)}/paper`, {
        method: 'PUT',
        client: evaluator,
        body: { counts, sheets: 12 },
      });
      assert.equal(paper.status, 200, JSON.stringify(paper.json));
    });

    it('the archive holds the work plan, the papers, the questionnaires, the report, the feedback tables, the evidence and a list of them all', async () => {
      const r = await call(path('/third-party/archive'), { client: evaluator });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/zip');
      const files = unzipSync(r.bytes);
      const names = Object.keys(files).sort();
      const reportName = names.find((n) => n.startsWith('04-评价报告/') && n.endsWith('.docx'));
      assert.ok(reportName, names.join('\n'));
      for (const expected of [
        ARCHIVE_LIST,
        '02-工作底稿/评价文件.json',
        '02-工作底稿/评分结果.json',
        '02-工作底稿/审核结果.json',
        '05-征求意见/第1版征求意见稿-意见反馈表.docx',
        '05-征求意见/第1版征求意见稿-意见采纳情况表.docx',
        `06-佐证资料/${code}/会议纪要.pdf`,
      ])
        assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
      assert.deepEqual(files[`06-佐证资料/${code}/会议纪要.pdf`], pdf);
      const score = JSON.parse(strFromU8(files['02-工作底稿/评分结果.json'] ?? new Uint8Array()));
      assert.equal(typeof score.total, 'string');
      const list = strFromU8(files[ARCHIVE_LIST] ?? new Uint8Array());
      for (const n of names) if (n !== ARCHIVE_LIST) assert.ok(list.includes(n), `${n} listed`);
      // the current work plan, byte for byte; the list no longer says there is none
      assert.deepEqual(
        names.filter((n) => n.startsWith('01-实施方案/')),
        ['01-实施方案/绩效评价实施方案（修订）.pdf'],
      );
      assert.deepEqual(files['01-实施方案/绩效评价实施方案（修订）.pdf'], revised);
      assert.doesNotMatch(list, /没有实施方案/);
      assert.match(list, /01-实施方案\/绩效评价实施方案（修订）\.pdf（\d+ 字节，SHA-256 [0-9a-f]{64}）/);
      // the questionnaire run in the system: listed, its 调查问卷分析报告 and its results table
      const annex = `03-调查问卷/${surveyName}-调查问卷分析报告.docx`;
      const results = `03-调查问卷/${surveyName}-答卷统计.csv`;
      for (const n of [annex, results, '03-调查问卷/问卷清单.csv', '03-调查问卷/问卷数据.json'])
        assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
      assert.match(list, new RegExp(`${surveyName}-调查问卷分析报告\\.docx（\\d+ 字节`));
      assert.doesNotMatch(list, /该评价没有问卷/);
      const annexText = (
        await mammoth.extractRawText({ buffer: Buffer.from(files[annex] ?? new Uint8Array()) })
      ).value;
      assert.match(annexText, /调查问卷分析报告/);
      assert.match(annexText, /共收回有效问卷 12 份，其中网络问卷 0 份、纸质问卷 12 份/);
      const table = strFromU8(files[results] ?? new Uint8Array());
      // with a BOM, so Excel reads the Chinese (the decoder drops it)
      assert.deepEqual([...(files[results] ?? new Uint8Array()).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.match(table, /^题号,题目,/);
      assert.match(table, /\r\n1,服务态度,8,/);
      assert.match(table, /\r\n2,活动组织,9,/);
      assert.match(table, /\r\n总体满意度,/);
      assert.match(
        strFromU8(files['03-调查问卷/问卷清单.csv'] ?? new Uint8Array()),
        /1,职工满意度调查,12,2,问卷调查/,
      );
      const data = JSON.parse(strFromU8(files['03-调查问卷/问卷数据.json'] ?? new Uint8Array()));
      assert.equal(data.surveys[0].name, surveyName);
      assert.equal(data.surveys[0].results.respondents, 12);
      const adoption = await wordTables(
        files['05-征求意见/第1版征求意见稿-意见采纳情况表.docx'] ?? new Uint8Array(),
      );
      assert.equal(adoption[0]?.length, 4);
      assert.equal((await call(path('/third-party/archive'), { client: outsider })).status, 404);
    });
  });
}
