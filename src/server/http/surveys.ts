/**
 * 问卷调查 (公众评判法): questionnaires of an evaluation — built, published as invitation links,
 * answered without an account at `/api/s/{token}`, completed by paper counts, analysed, applied to
 * the evaluation's indicators and written up as the 调查问卷分析报告 annex (.docx). The managing
 * routes need a session and the evaluation in the actor's scope; the two respondent routes need only
 * the invitation token, and show nothing about other respondents.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REPORT_MIME } from '../../reports/types.ts';
import { surveyAnnex } from '../../reports/word/survey-annex.ts';
import { badInput } from '../errors.ts';
import {
  applySurvey,
  createInvitations,
  createSurvey,
  getSurvey,
  listSurveys,
  publicSurvey,
  setPaperCounts,
  submitResponse,
  surveyForAnnex,
} from '../store/surveys.ts';
import {
  type Feature,
  type FeatureContext,
  idParam,
  intField,
  objectBody,
  queryOf,
  sendFile,
} from './kit.ts';
import { ID_PARAM, type Json, type Operation, json, jsonBody, queryParam } from './openapi-kit.ts';

const DOCX = REPORT_MIME.docx;
const TAG = '问卷调查';

const tokenParam = (req: FastifyRequest): string => (req.params as { token?: string }).token ?? '';

function register(app: FastifyInstance, { db, authenticate }: FeatureContext): void {
  app.get('/api/surveys', async (req) => {
    const { actor } = await authenticate(req);
    const raw = queryOf(req)['evaluationId'];
    return listSurveys(db, actor, raw === undefined ? undefined : intField(raw, 'evaluationId'));
  });
  app.post('/api/surveys', async (req, reply) => {
    const { actor } = await authenticate(req);
    return reply.status(201).send({ survey: await createSurvey(db, actor, objectBody(req)) });
  });
  app.get('/api/surveys/:id', async (req) => {
    const { actor } = await authenticate(req);
    return { survey: await getSurvey(db, actor, idParam(req)) };
  });
  app.post('/api/surveys/:id/invitations', async (req, reply) => {
    const { actor } = await authenticate(req);
    const invitations = await createInvitations(db, actor, idParam(req), objectBody(req));
    return reply.status(201).header('cache-control', 'no-store').send({ invitations });
  });
  app.put('/api/surveys/:id/paper', async (req) => {
    const { actor } = await authenticate(req);
    return { survey: await setPaperCounts(db, actor, idParam(req), objectBody(req)) };
  });
  app.post('/api/surveys/:id/apply', async (req) => {
    const { actor } = await authenticate(req);
    return applySurvey(db, actor, idParam(req));
  });
  app.get('/api/surveys/:id/annex', async (req, reply) => {
    const { actor } = await authenticate(req);
    const s = await surveyForAnnex(db, actor, idParam(req));
    const bytes = await surveyAnnex(s);
    return sendFile(reply, bytes, DOCX, `${s.def.name}-调查问卷分析报告.docx`, 'survey.docx');
  });
  // the respondent's routes: the token is the only credential; no session, no CSRF (no cookie is read)
  app.get('/api/s/:token', async (req, reply) =>
    reply.header('cache-control', 'no-store').send({ survey: await publicSurvey(db, tokenParam(req)) }),
  );
  app.post('/api/s/:token', async (req, reply) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null) throw badInput('请求体应为 JSON 对象');
    await submitResponse(db, tokenParam(req), body);
    return reply.status(201).header('cache-control', 'no-store').send({ ok: true });
  });
}

const TOKEN_PARAM: Json = {
  name: 'token',
  in: 'path',
  required: true,
  description: '问卷邀请链接中的令牌（43 个字符）',
  schema: { type: 'string' },
};
const SURVEY_ID: Json = { ...ID_PARAM, description: '问卷编号（正整数）' };
const survey: Json = {
  type: 'object',
  description: '问卷：定义、关联指标、邀请及进度、统计结果（占比、得分率、总体满意度）',
};

function operations(): Operation[] {
  return [
    {
      method: 'get',
      path: '/api/surveys',
      operationId: 'listSurveys',
      tag: TAG,
      summary: '问卷列表',
      description:
        '当前用户数据权限内的问卷及其进度；给出 evaluationId 时只列该评价的问卷，并列出可由问卷计分的末级指标（likert、tiers）。',
      auth: 'read',
      parameters: [queryParam('evaluationId', '评价编号', { type: 'integer' })],
      ok: { status: 200, description: '问卷列表', content: json({ type: 'object' }) },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: '/api/surveys',
      operationId: 'createSurvey',
      tag: TAG,
      summary: '新建问卷',
      description:
        '在可编辑的评价上新建问卷：名称、说明、答案等级及权重（默认 非常满意 1、满意 0.5、一般 0.25、不满意 0）、题目，以及要计分的指标（指标编码，可指定题目）。',
      auth: 'write',
      requestBody: jsonBody({
        type: 'object',
        required: ['evaluationId', 'name', 'questions'],
        properties: {
          evaluationId: { type: 'integer' },
          name: { type: 'string' },
          intro: { type: 'string' },
          levels: {
            type: 'array',
            items: { type: 'object', properties: { label: { type: 'string' }, weight: { type: 'string' } } },
          },
          questions: { type: 'array', items: { type: 'string' } },
          indicators: {
            type: 'array',
            items: { type: 'object', properties: { code: { type: 'string' }, question: { type: 'string' } } },
          },
        },
      }),
      ok: {
        status: 201,
        description: '新建的问卷',
        content: json({ type: 'object', properties: { survey } }),
      },
      errors: [400, 401, 403, 404, 413, 415],
    },
    {
      method: 'get',
      path: '/api/surveys/{id}',
      operationId: 'getSurvey',
      tag: TAG,
      summary: '问卷详情与统计结果',
      description:
        '各题各等级份数（网络与纸质）、占比、得分率（Σ 占比 × 等级权重）和总体满意度，百分比四舍五入保留两位小数。',
      auth: 'read',
      parameters: [SURVEY_ID],
      ok: { status: 200, description: '问卷', content: json({ type: 'object', properties: { survey } }) },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: '/api/surveys/{id}/invitations',
      operationId: 'createSurveyInvitations',
      tag: TAG,
      summary: '生成问卷邀请链接',
      description:
        '每位答卷人一个链接（无需账号）；令牌只在此返回一次，服务器只保存其哈希。评价已定稿或归档时问卷已截止，返回 409。',
      auth: 'write',
      parameters: [SURVEY_ID],
      requestBody: jsonBody({
        type: 'object',
        properties: {
          count: { type: 'integer', minimum: 1, maximum: 1000 },
          labels: { type: 'array', items: { type: 'string' } },
        },
      }),
      ok: { status: 201, description: '新的邀请及其令牌', content: json({ type: 'object' }) },
      errors: [400, 401, 403, 404, 409, 413, 415],
    },
    {
      method: 'put',
      path: '/api/surveys/{id}/paper',
      operationId: 'setSurveyPaperCounts',
      tag: TAG,
      summary: '录入纸质问卷',
      description:
        '纸质问卷按题按等级录入份数（替换此前录入的），与网络问卷合并统计；sheets 为纸质问卷份数。评价已定稿或归档时问卷已截止，返回 409。',
      auth: 'write',
      parameters: [SURVEY_ID],
      requestBody: jsonBody({
        type: 'object',
        required: ['counts'],
        properties: { counts: { type: 'object' }, sheets: { type: 'integer' } },
      }),
      ok: { status: 200, description: '问卷', content: json({ type: 'object', properties: { survey } }) },
      errors: [400, 401, 403, 404, 409, 413, 415],
    },
    {
      method: 'post',
      path: '/api/surveys/{id}/apply',
      operationId: 'applySurvey',
      tag: TAG,
      summary: '将问卷结果应用到评价',
      description:
        '把问卷（各题各等级份数）写入评价文件的 surveys，并让关联指标按问卷计分：likert 指标引用该问卷，tiers 指标以总体满意度为完成值；保存为评价的新版本。',
      auth: 'write',
      parameters: [SURVEY_ID],
      ok: { status: 200, description: '保存后的评价和已计分的指标', content: json({ type: 'object' }) },
      errors: [400, 401, 403, 404, 409],
    },
    {
      method: 'get',
      path: '/api/surveys/{id}/annex',
      operationId: 'downloadSurveyAnnex',
      tag: TAG,
      summary: '下载调查问卷分析报告',
      description: '调查问卷分析报告（Word）：调查概况、各题统计表（份数、占比、得分率）和总体满意度。',
      auth: 'read',
      parameters: [SURVEY_ID],
      ok: { status: 200, description: 'Word 文件（附件）', content: { [DOCX]: {} } },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'get',
      path: '/api/s/{token}',
      operationId: 'openSurveyInvitation',
      tag: TAG,
      summary: '打开问卷（答卷人，无需登录）',
      description:
        '答卷人凭邀请链接查看问卷题目和答案等级，以及本链接是否已提交；不含其他答卷人的任何信息。评价已定稿或归档后，未答的链接返回 409（问卷已截止）。',
      auth: 'none',
      parameters: [TOKEN_PARAM],
      ok: { status: 200, description: '问卷', content: json({ type: 'object' }) },
      errors: [404, 409],
    },
    {
      method: 'post',
      path: '/api/s/{token}',
      operationId: 'submitSurveyResponse',
      tag: TAG,
      summary: '提交答卷（答卷人，无需登录）',
      description: '每题选择一个答案等级；每个链接只能提交一次，再次提交返回 409。',
      auth: 'none',
      parameters: [TOKEN_PARAM],
      requestBody: jsonBody({
        type: 'object',
        required: ['answers'],
        properties: { answers: { type: 'object' } },
      }),
      ok: { status: 201, description: '已提交', content: json({ type: 'object' }) },
      errors: [400, 404, 409, 413, 415],
    },
  ];
}

export const surveysFeature: Feature = { register, operations };
