/**
 * Questionnaires (公众评判法) over real HTTP on loopback: building one on an evaluation in scope,
 * invitation links kept hashed, respondents without an account, many concurrent submissions (one
 * response per link, every duplicate refused), paper counts, exact results, applying them to the
 * evaluation's tiers indicator, and the Word annex.
 */
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment,
   @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   response bodies are untyped JSON, checked field by field */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mammoth from 'mammoth';
import { backends, stopTestPostgres } from '../support/databases.ts';
import type { Client } from '../support/http.ts';
import { useService } from '../support/service.ts';

after(stopTestPostgres);

const LEVELS = ['非常满意', '满意', '一般', '不满意'];

for (const backend of backends()) {
  describe(`surveys on ${backend.name}`, { skip: backend.skip }, () => {
    const service = useService(backend, {
      users: [
        ['wenhuagong', 'unit', '南昌市工人文化宫'],
        ['xuanjiao', 'unit', '南昌市总工会宣教中心'],
      ],
    });
    const { call } = service.http;
    let unit: Client;
    let other: Client;
    let evaluationId = 0;
    let surveyId = 0;
    let tokens: string[] = [];

    before(async () => {
      unit = await service.logIn('wenhuagong');
      other = await service.logIn('xuanjiao');
      evaluationId = (
        await service.createEvaluation(unit, '南昌市工人文化宫', {
          templateId: 'nanchang-2023-department',
          fiscalYear: 2025,
        })
      ).id;
      assert.ok(Number.isInteger(evaluationId));
    });

    it('a unit builds a questionnaire on its evaluation, feeding the 满意度 tiers indicator', async () => {
      const listed = await call(`/api/surveys?evaluationId=${String(evaluationId)}`, { client: unit });
      assert.equal(listed.status, 200);
      assert.deepEqual(listed.json.indicators, [{ code: 'D4', name: '满意度指标', method: 'tiers' }]);
      const r = await call('/api/surveys', {
        method: 'POST',
        client: unit,
        body: {
          evaluationId,
          name: '服务对象满意度调查',
          intro: '请根据您的感受作答。',
          questions: ['服务态度', '活动组织'],
          indicators: [{ code: 'D4' }],
        },
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      surveyId = r.json.survey.id;
      assert.deepEqual(
        (r.json.survey.levels as { label: string; weight: string }[]).map((l) => `${l.label} ${l.weight}`),
        ['非常满意 1', '满意 0.5', '一般 0.25', '不满意 0'],
      );
      assert.equal(r.json.survey.results.overall, null);
    });

    it('bad input names the fields in Chinese; no CSRF token is 403; another unit sees nothing (404)', async () => {
      const bad = await call('/api/surveys', {
        method: 'POST',
        client: unit,
        body: { evaluationId, name: ' ', questions: [], indicators: [{ code: 'A1' }] },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        (bad.json.error.issues as { path: string }[]).map((i) => i.path),
        ['name', 'questions'],
      );
      assert.match(bad.json.error.message, /不能为空/);
      const badLink = await call('/api/surveys', {
        method: 'POST',
        client: unit,
        body: { evaluationId, name: '问卷', questions: ['一'], indicators: [{ code: 'A1' }] },
      });
      assert.equal(badLink.status, 400);
      assert.equal(badLink.json.error.issues[0].path, 'indicators[0]');
      const noCsrf = await call('/api/surveys', {
        method: 'POST',
        client: unit,
        csrf: false,
        body: { evaluationId, name: '问卷', questions: ['一'] },
      });
      assert.equal(noCsrf.status, 403);
      const seen = await call(`/api/surveys/${String(surveyId)}`, { client: other });
      assert.equal(seen.status, 404);
      const invite = await call(`/api/surveys/${String(surveyId)}/invitations`, {
        method: 'POST',
        client: other,
        body: { count: 1 },
      });
      assert.equal(invite.status, 404);
      const onOther = await call('/api/surveys', {
        method: 'POST',
        client: other,
        body: { evaluationId, name: '问卷', questions: ['一'] },
      });
      assert.equal(onOther.status, 404);
      const list = await call('/api/surveys', { client: other });
      assert.deepEqual(list.json.surveys, []);
    });

    it('invitation links: 200 random tokens, given once and stored only hashed', async () => {
      const r = await call(`/api/surveys/${String(surveyId)}/invitations`, {
        method: 'POST',
        client: unit,
        body: { count: 200 },
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      tokens = (r.json.invitations as { token: string }[]).map((i) => i.token);
      assert.equal(tokens.length, 200);
      assert.equal(new Set(tokens).size, 200);
      for (const t of tokens) assert.match(t, /^[A-Za-z0-9_-]{43}$/);
      const stored = await service.db.query<{ token_hash: string }>(
        'select token_hash from survey_invitations where survey_id = $1',
        [surveyId],
      );
      assert.equal(stored.rowCount, 200);
      const hashes = new Set(stored.rows.map((x) => x.token_hash));
      for (const t of tokens.slice(0, 5)) assert.ok(!hashes.has(t));
      for (const h of hashes) assert.match(h, /^[0-9a-f]{64}$/);
      const detail = await call(`/api/surveys/${String(surveyId)}`, { client: unit });
      assert.equal(detail.json.survey.invitationList.length, 200);
      assert.ok(!JSON.stringify(detail.json).includes(tokens[0]!));
    });

    it('a respondent opens the link without an account and sees only the questionnaire', async () => {
      const r = await call(`/api/s/${tokens[0]!}`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.survey, {
        name: '服务对象满意度调查',
        intro: '请根据您的感受作答。',
        levels: LEVELS,
        questions: [
          { id: 'q1', text: '服务态度' },
          { id: 'q2', text: '活动组织' },
        ],
        answered: false,
      });
      assert.equal((await call('/api/s/not-a-token')).status, 404);
      const unknown = await call(`/api/s/${'A'.repeat(43)}`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.error.message, '问卷链接无效或已失效');
      const incomplete = await call(`/api/s/${tokens[0]!}`, {
        method: 'POST',
        body: { answers: { q1: '满意', q2: '很好' } },
      });
      assert.equal(incomplete.status, 400);
      assert.equal(incomplete.json.error.issues[0].path, 'answers.q2');
    });

    it('300 concurrent submissions over 200 links: exactly 200 stored, every duplicate refused with 409, counts exact', async () => {
      // respondent i answers q1 with level i mod 4 and q2 with level (i mod 3); links 0–99 are submitted twice at once
      const answersOf = (i: number) => ({ q1: LEVELS[i % 4]!, q2: LEVELS[i % 3]! });
      const jobs = [...tokens.map((t, i) => ({ t, i })), ...tokens.slice(0, 100).map((t, i) => ({ t, i }))];
      const replies = await Promise.all(
        jobs.map(({ t, i }) => call(`/api/s/${t}`, { method: 'POST', body: { answers: answersOf(i) } })),
      );
      const statuses = replies.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 201).length, 200);
      assert.equal(statuses.filter((s) => s === 409).length, 100);
      for (const r of replies.filter((x) => x.status === 409))
        assert.equal(r.json.error.message, '该问卷链接已提交过答卷，每个链接只能提交一次');
      // every link ends with exactly one response
      const perLink = await service.db.query<{ n: number }>(
        `select count(r.id)::int as n from survey_invitations i left join survey_responses r on r.invitation_id = i.id
          where i.survey_id = $1 group by i.id`,
        [surveyId],
      );
      assert.equal(perLink.rowCount, 200);
      assert.ok(perLink.rows.every((x) => x.n === 1));
      const d = await call(`/api/surveys/${String(surveyId)}`, { client: unit });
      const res = d.json.survey.results;
      assert.equal(res.online, 200);
      assert.equal(d.json.survey.responses, 200);
      // q1: i mod 4 over 0..199 → 50 each; q2: i mod 3 → 67, 67, 66, 0
      assert.deepEqual(res.questions[0].counts, [50, 50, 50, 50]);
      assert.deepEqual(res.questions[1].counts, [67, 67, 66, 0]);
      assert.deepEqual(res.questions[0].shares, ['25.00%', '25.00%', '25.00%', '25.00%']);
      // q1: 0.25 × (1 + 0.5 + 0.25) = 43.75%; q2: (67 + 33.5 + 16.5) / 200 = 58.50%
      assert.equal(res.questions[0].rate, '43.75%');
      assert.equal(res.questions[1].rate, '58.50%');
      assert.equal(res.overall, '51.13%'); // (0.4375 + 0.585) / 2 = 0.51125 → half-up 51.13%
      assert.equal(res.overallExact, '0.51125');
      // and the respondent sees only that the link is used
      const again = await call(`/api/s/${tokens[5]!}`);
      assert.equal(again.json.survey.answered, true);
      assert.equal(JSON.stringify(again.json).includes('counts'), false);
    });

    it('paper questionnaires are added to the online ones', async () => {
      const bad = await call(`/api/surveys/${String(surveyId)}/paper`, {
        method: 'PUT',
        client: unit,
        body: { counts: { q1: { 非常满意: -1 } } },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        (bad.json.error.issues as { path: string }[]).map((i) => i.path),
        ['counts.q1.非常满意', 'counts.q2'],
      );
      const r = await call(`/api/surveys/${String(surveyId)}/paper`, {
        method: 'PUT',
        client: unit,
        body: { counts: { q1: { 非常满意: 100 }, q2: { 非常满意: 100 } }, sheets: 100 },
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const res = r.json.survey.results;
      assert.equal(res.respondents, 300);
      assert.deepEqual(res.questions[0].counts, [150, 50, 50, 50]);
      assert.deepEqual(res.questions[0].paper, [100, 0, 0, 0]);
      // q1: (150 + 25 + 12.5) / 300 = 62.50%; q2: (167 + 33.5 + 16.5) / 300 = 72.333…%
      assert.equal(res.questions[0].rate, '62.50%');
      assert.equal(res.questions[1].rate, '72.33%');
      // (0.625 + 217/300) / 2 = 404.5/600 = 0.674166… → 67.42%
      assert.equal(res.overall, '67.42%');
    });

    it('applying the results: the tiers indicator D4 takes the overall satisfaction as a new version of the evaluation', async () => {
      const before = await call(`/api/evaluations/${String(evaluationId)}`, { client: unit });
      const r = await call(`/api/surveys/${String(surveyId)}/apply`, { method: 'POST', client: unit });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.deepEqual(r.json.fed, [{ code: 'D4', name: '满意度指标', method: 'tiers', value: '67.42%' }]);
      assert.equal(r.json.evaluation.version, Number(before.json.evaluation.version) + 1);
      const after = await call(`/api/evaluations/${String(evaluationId)}`, { client: unit });
      const doc = after.json.evaluation.document;
      const survey = (doc.surveys as any[]).find((s) => s.id === `survey-${String(surveyId)}`);
      assert.equal(survey.respondents, 300);
      assert.deepEqual(survey.questions[0].counts, { 非常满意: 150, 满意: 50, 一般: 50, 不满意: 50 });
      const d4 = JSON.stringify(doc.indicators).includes('"actual":"67.42%"');
      assert.ok(d4);
    });

    it('the 调查问卷分析报告 annex downloads as Word with a table per question', async () => {
      const r = await call(`/api/surveys/${String(surveyId)}/annex`, { client: unit });
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /wordprocessingml/);
      assert.match(r.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
      const text = (await mammoth.extractRawText({ buffer: Buffer.from(r.bytes) })).value;
      assert.ok(text.includes('调查问卷分析报告'));
      assert.ok(text.includes('共收回有效问卷 300 份，其中网络问卷 200 份、纸质问卷 100 份'));
      assert.ok(text.includes('总体满意度为 67.42%'));
      assert.equal((await call(`/api/surveys/${String(surveyId)}/annex`, { client: other })).status, 404);
    });

    it('closes with its evaluation: once finalised, no links, paper counts or answers; the results stay', async () => {
      const made = await call(`/api/surveys/${String(surveyId)}/invitations`, {
        method: 'POST',
        client: unit,
        body: { count: 1 },
      });
      assert.equal(made.status, 201);
      const open = made.json.invitations[0].token as string;
      const before = (await call(`/api/surveys/${String(surveyId)}`, { client: unit })).json.survey.results;
      await service.db.query(`update evaluations set status = 'finalised' where id = $1`, [evaluationId]);
      try {
        const links = await call(`/api/surveys/${String(surveyId)}/invitations`, {
          method: 'POST',
          client: unit,
          body: { count: 1 },
        });
        assert.equal(links.status, 409);
        assert.match(links.json.error.message, /已截止/);
        const paper = await call(`/api/surveys/${String(surveyId)}/paper`, {
          method: 'PUT',
          client: unit,
          body: { counts: { q1: { 非常满意: 1 }, q2: { 非常满意: 1 } } },
        });
        assert.equal(paper.status, 409);
        const view = await call(`/api/s/${open}`);
        assert.equal(view.status, 409);
        assert.equal(view.json.error.message, '本问卷已截止（评价已定稿），不再接收答卷');
        const answer = await call(`/api/s/${open}`, {
          method: 'POST',
          body: { answers: { q1: LEVELS[0]!, q2: LEVELS[0]! } },
        });
        assert.equal(answer.status, 409);
        // an answered link still says so; the results are as they were
        assert.equal((await call(`/api/s/${tokens[0]!}`)).json.survey.answered, true);
        const after = (await call(`/api/surveys/${String(surveyId)}`, { client: unit })).json.survey.results;
        assert.deepEqual(after, before);
      } finally {
        await service.db.query(`update evaluations set status = 'draft' where id = $1`, [evaluationId]);
      }
    });
  });
}
