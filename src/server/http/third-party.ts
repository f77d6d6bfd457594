/**
 * 第三方评价 routes: the evaluations entrusted to an evaluator organisation, the draft sent for
 * comments (征求意见稿) and the comments with their replies, the 意见反馈表 and 采纳情况表 as Word,
 * the evidence files (佐证资料) of indicators, the work plan (实施方案), and the archive package
 * (.zip). Assigning an evaluation stays `POST /api/evaluations/{id}/assignments` (app.ts).
 *
 * The uploads (evidence, work plan) live in their own fastify context so that its body parser (raw
 * bytes, up to EVIDENCE_MAX_BYTES) applies to them alone; who is asking and the file name (and the
 * indicator) are checked before the body is read, and the file is stored in one statement once it
 * is whole.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { auditEvaluation } from '../../core/audit/index.ts';
import { scoreEvaluation } from '../../core/engine.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import { auditToJson, scoreToJson } from '../../core/output.ts';
import { type ArchiveQuestionnaire, buildArchive } from '../../reports/archive.ts';
import { REPORT_MIME, REPORT_NAMES, renderReport } from '../../reports/index.ts';
import { type FeedbackInput, renderAdoptionTable, renderFeedbackTable } from '../../reports/word/feedback.ts';
import { SURVEY_ANNEX_TITLE, surveyAnnex } from '../../reports/word/survey-annex.ts';
import type { Database } from '../db/database.ts';
import { ServiceError, badInput, forbidden } from '../errors.ts';
import { getEvaluation } from '../store/evaluations.ts';
import type { Actor } from '../store/scope.ts';
import { listSurveys, surveyForAnnex } from '../store/surveys.ts';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_TYPES,
  addComment,
  WORK_PLAN_MAX_BYTES,
  WORK_PLAN_TYPES,
  allEvidence,
  allFeedback,
  currentWorkPlan,
  evidenceContent,
  evidenceIndicator,
  evidenceName,
  feedbackInput,
  getDraft,
  listAssignments,
  listDrafts,
  listEvidence,
  listWorkPlans,
  replyComment,
  sendDraft,
  uploadEvidence,
  uploadWorkPlan,
  workPlanContent,
  workPlanName,
} from '../store/third-party.ts';
import { type Feature, type FeatureContext, idParam, objectBody, queryOf, sendFile } from './kit.ts';
import {
  ID_PARAM,
  type Json,
  type Operation,
  binary,
  json,
  jsonBody,
  pathParam,
  queryParam,
} from './openapi-kit.ts';

const OCTET_STREAM = 'application/octet-stream';
const DOCX = REPORT_MIME.docx;
const TAG = '第三方评价';

export const FEEDBACK_TABLES = {
  feedback: { name: '意见反馈表', render: renderFeedbackTable },
  adoption: { name: '意见采纳情况表', render: renderAdoptionTable },
} as const;
type TableKind = keyof typeof FEEDBACK_TABLES;

/** A numeric path parameter other than `id`, or 400 naming it. */
function numberParam(req: FastifyRequest, name: string): number {
  const raw = (req.params as Record<string, string | undefined>)[name] ?? '';
  if (!/^\d{1,9}$/.test(raw))
    throw badInput(`${name} “${raw.slice(0, 40)}”无效`, [{ path: name, message: '应为正整数' }]);
  return Number(raw);
}

function tableParam(req: FastifyRequest): TableKind {
  const raw = (req.params as { table?: string }).table ?? '';
  if (raw !== 'feedback' && raw !== 'adoption')
    throw badInput(`未知的表“${raw.slice(0, 40)}”`, [
      { path: 'table', message: '应为 feedback 或 adoption' },
    ]);
  return raw;
}

async function feedbackFiles(
  inputs: readonly { draftId: number; input: FeedbackInput }[],
): Promise<{ name: string; data: Uint8Array }[]> {
  const out: { name: string; data: Uint8Array }[] = [];
  for (const { input } of inputs)
    for (const t of Object.values(FEEDBACK_TABLES))
      out.push({
        name: `第${String(input.version)}版征求意见稿-${t.name}.docx`,
        data: await t.render(input),
      });
  return out;
}

/**
 * The questionnaires run in the system (问卷调查) on an evaluation, oldest first: each with its
 * 调查问卷分析报告, its results, and its definition and results as data.
 */
async function systemSurveys(
  db: Database,
  actor: Actor,
  evaluationId: number,
): Promise<{ id: number; questionnaire: ArchiveQuestionnaire; data: unknown }[]> {
  const { surveys } = await listSurveys(db, actor, evaluationId);
  const out: { id: number; questionnaire: ArchiveQuestionnaire; data: unknown }[] = [];
  for (const summary of [...surveys].sort((a, b) => a.id - b.id)) {
    const s = await surveyForAnnex(db, actor, summary.id);
    const annex = await surveyAnnex(s);
    out.push({
      id: summary.id,
      questionnaire: {
        name: s.def.name,
        respondents: s.json.respondents,
        questions: s.def.questions.length,
        source: `问卷调查（编号 ${String(summary.id)}，网络 ${String(s.online)} 份、纸质 ${String(s.paperSheets)} 份）`,
        annex: { name: `${s.def.name}-${SURVEY_ANNEX_TITLE}.docx`, data: annex },
        results: {
          levels: s.def.levels.map((l) => l.label),
          questions: s.json.questions.map((q) => ({
            text: q.text,
            counts: q.counts,
            total: q.total,
            rate: q.rate,
          })),
          overall: s.json.overall,
        },
      },
      data: { id: summary.id, ...s.def, results: s.json },
    });
  }
  return out;
}

/** The archive package of an evaluation the actor may download reports of. */
async function archive(
  ctx: FeatureContext,
  actor: Actor,
  id: number,
): Promise<{ title: string; bytes: Uint8Array }> {
  const ev = await getEvaluation(ctx.db, actor, id);
  const result = scoreEvaluation(parseEvaluation(ev.document));
  const findings = auditEvaluation(result);
  const type = result.evaluation.kind === 'project' ? 'project' : 'department';
  const report = await renderReport({ result, findings }, { type, format: 'docx' });
  const system = await systemSurveys(ctx.db, actor, id);
  // a questionnaire run in the system and applied to the file is there as `survey-<id>`: once is enough
  const applied = new Set(system.map((s) => `survey-${String(s.id)}`));
  const inFile = result.evaluation.surveys.filter((s) => !applied.has(s.id));
  const bytes = buildArchive({
    title: ev.title,
    madeAt: new Date(),
    workPlan: await currentWorkPlan(ctx.db, id),
    document: ev.document,
    score: scoreToJson(result),
    audit: auditToJson(findings),
    questionnaires: [
      ...inFile.map((s) => ({ name: s.name, respondents: s.respondents, questions: s.questions.length })),
      ...system.map((s) => s.questionnaire),
    ],
    questionnaireData: {
      document: (ev.document as { surveys?: unknown }).surveys ?? [],
      surveys: system.map((s) => s.data),
    },
    report: { name: `${ev.title}-${REPORT_NAMES[type]}.docx`, data: report },
    feedback: await feedbackFiles(await allFeedback(ctx.db, actor, id)),
    evidence: await allEvidence(ctx.db, id),
  });
  return { title: ev.title, bytes };
}

function register(app: FastifyInstance, ctx: FeatureContext): void {
  const { db, authenticate } = ctx;

  app.get('/api/third-party/assignments', async (req) => {
    const a = await authenticate(req);
    return { assignments: await listAssignments(db, a.actor) };
  });

  app.get('/api/evaluations/:id/third-party/drafts', async (req) => {
    const a = await authenticate(req);
    return { drafts: await listDrafts(db, a.actor, idParam(req)) };
  });

  app.post('/api/evaluations/:id/third-party/drafts', async (req, reply) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const draft = await sendDraft(db, a.actor, idParam(req), {
      recipient: body['recipient'],
      deadline: body['deadline'],
      note: body['note'],
    });
    return reply.status(201).send({ draft });
  });

  app.get('/api/evaluations/:id/third-party/drafts/:draft', async (req) => {
    const a = await authenticate(req);
    return { draft: await getDraft(db, a.actor, idParam(req), numberParam(req, 'draft')) };
  });

  app.post('/api/evaluations/:id/third-party/drafts/:draft/comments', async (req, reply) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const comment = await addComment(db, a.actor, idParam(req), numberParam(req, 'draft'), {
      kind: body['kind'],
      target: body['target'],
      text: body['text'],
    });
    return reply.status(201).send({ comment });
  });

  app.put('/api/evaluations/:id/third-party/comments/:comment/reply', async (req) => {
    const a = await authenticate(req);
    const body = objectBody(req);
    const comment = await replyComment(db, a.actor, idParam(req), numberParam(req, 'comment'), {
      decision: body['decision'],
      reason: body['reason'],
    });
    return { comment };
  });

  app.get('/api/evaluations/:id/third-party/drafts/:draft/tables/:table', async (req, reply) => {
    const a = await authenticate(req);
    const table = FEEDBACK_TABLES[tableParam(req)];
    const input = await feedbackInput(db, a.actor, idParam(req), numberParam(req, 'draft'));
    const bytes = await table.render(input);
    return sendFile(reply, bytes, DOCX, `${input.evaluation}-${table.name}.docx`, `${tableParam(req)}.docx`);
  });

  app.get('/api/evaluations/:id/third-party/archive', async (req, reply) => {
    const a = await authenticate(req);
    const { title, bytes } = await archive(ctx, a.actor, idParam(req));
    return sendFile(reply, bytes, 'application/zip', `${title}-归档资料.zip`, 'archive.zip');
  });

  const files = [EVIDENCE_FILES, WORK_PLAN_FILES];
  for (const kind of files) registerFileReads(app, ctx, kind);
  registerUploads(app, ctx, files);
}

/**
 * `POST /api/evaluations/{id}/evidence?indicator=&name=` and
 * `POST /api/evaluations/{id}/third-party/work-plan?name=`: the body is the file.
 */
function registerUploads(app: FastifyInstance, ctx: FeatureContext, uploads: readonly FileKind[]): void {
  const maxBytes = Math.max(...uploads.map((u) => u.maxBytes));
  const actors = new WeakMap<FastifyRequest, Actor>();
  void app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      OCTET_STREAM,
      { parseAs: 'buffer', bodyLimit: maxBytes },
      (_req, body, parsed) => {
        parsed(null, body);
      },
    );
    for (const u of uploads)
      scope.post(
        `/api/evaluations/:id/${u.path}`,
        {
          bodyLimit: u.maxBytes,
          // before the body is read: who asks, for which evaluation, and the file's name
          onRequest: async (req) => {
            const a = await ctx.authenticate(req);
            idParam(req);
            u.check(req);
            actors.set(req, a.actor);
          },
          errorHandler: (e: FastifyError) => {
            if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
              throw new ServiceError(
                413,
                'bad-request',
                `文件过大（上限 ${String(u.maxBytes / 1024 / 1024)} MB）`,
              );
            if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
              throw new ServiceError(
                415,
                'bad-request',
                `请以 ${OCTET_STREAM} 上传${u.what}（请求体即文件内容，${u.query}）`,
              );
            throw e;
          },
        },
        async (req, reply) => {
          const actor = actors.get(req);
          if (actor === undefined) throw forbidden();
          const body = req.body;
          const name = u.check(req);
          if (!Buffer.isBuffer(body) || body.length === 0)
            throw badInput(`“${name}”是空文件`, [{ path: 'body', message: '空文件' }]);
          const file = await u.store(
            ctx.db,
            req,
            actor,
            name,
            new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
          );
          return reply.status(201).send({ file });
        },
      );
    done();
  });
}

// ——— OpenAPI ———

const obj = (properties: Json, required: string[] = []): Json => ({ type: 'object', properties, required });
const str = (description: string): Json => ({ type: 'string', description });

const COMMENT: Json = obj({
  id: { type: 'integer' },
  draftId: { type: 'integer' },
  targetKind: { type: 'string', enum: ['indicator', 'section', 'whole'] },
  target: str('指标编码或章节名（整体时为空）'),
  targetName: str('意见针对，文字'),
  text: str('意见内容'),
  commenter: str('提出单位'),
  createdAt: { type: 'string', format: 'date-time' },
  decision: {
    type: ['string', 'null'],
    enum: ['adopted', 'rejected', null],
    description: '采纳 / 不采纳 / 未回复',
  },
  reason: { type: ['string', 'null'], description: '说明；不采纳时为理由' },
  repliedAt: { type: ['string', 'null'], format: 'date-time' },
});

const DRAFT: Json = obj({
  id: { type: 'integer' },
  evaluationId: { type: 'integer' },
  version: { type: 'integer', description: '征求意见稿所依据的评价版本' },
  recipient: str('征求意见对象（被评价单位/部门）'),
  deadline: { type: 'string', format: 'date', description: '反馈截止日期' },
  note: str('说明'),
  sentBy: { type: ['string', 'null'] },
  sentAt: { type: 'string', format: 'date-time' },
  comments: { type: 'array', items: COMMENT },
});

const EVIDENCE: Json = obj({
  id: { type: 'integer' },
  indicator: str('指标编码'),
  indicatorName: { type: ['string', 'null'] },
  name: str('文件名'),
  contentType: str('内容类型'),
  size: { type: 'integer', description: '字节数' },
  sha256: str('SHA-256'),
  uploadedBy: { type: ['string', 'null'] },
  uploadedAt: { type: 'string', format: 'date-time' },
});

const WORK_PLAN: Json = obj({
  id: { type: 'integer' },
  name: str('文件名'),
  contentType: str('内容类型'),
  size: { type: 'integer', description: '字节数' },
  sha256: str('SHA-256'),
  uploadedBy: { type: ['string', 'null'] },
  uploadedAt: { type: 'string', format: 'date-time' },
  current: { type: 'boolean', description: '是否为现行版本（最新上传的一份；归档资料包收录它）' },
});

const DRAFT_PARAM = pathParam('draft', '征求意见稿编号');
const DISPOSITION: Json = {
  'Content-Disposition': { description: '附件文件名（UTF-8）', schema: { type: 'string' } },
};

// ——— files kept on an evaluation (佐证资料, 实施方案): routes and OpenAPI ———

/**
 * A kind of file kept on an evaluation: listed, downloaded one at a time, and uploaded raw (the
 * body is the file, its name — and more — in the query string).
 */
interface FileKind {
  /** Below `/api/evaluations/{id}/`. */
  path: string;
  /** What is uploaded, in words (佐证资料 / 实施方案). */
  what: string;
  /** What goes in the query string, in words, for the 415 message. */
  query: string;
  maxBytes: number;
  /** The ASCII file name of a download. */
  ascii: string;
  list(db: Database, actor: Actor, evaluationId: number): Promise<unknown[]>;
  content(
    db: Database,
    actor: Actor,
    evaluationId: number,
    fileId: number,
  ): Promise<{ name: string; contentType: string; data: Uint8Array }>;
  /** Checks the query string before the body is read (400/415 naming the field); gives the name. */
  check(req: FastifyRequest): string;
  store(db: Database, req: FastifyRequest, actor: Actor, name: string, data: Uint8Array): Promise<unknown>;
  openApi: {
    /** A file without its content. */
    schema: Json;
    list: { operationId: string; summary: string; description?: string; ok: string };
    download: { operationId: string; summary: string; file: string };
    upload: { operationId: string; summary: string; description: string; query: Json[] };
  };
}

const EVIDENCE_FILES: FileKind = {
  path: 'evidence',
  what: '佐证资料',
  query: '文件名和指标放在 ?name=&indicator= 中',
  maxBytes: EVIDENCE_MAX_BYTES,
  ascii: 'evidence',
  list: listEvidence,
  content: evidenceContent,
  check: (req) => {
    const name = evidenceName(queryOf(req)['name']);
    evidenceIndicator(queryOf(req)['indicator']);
    return name;
  },
  store: (db, req, actor, name, data) =>
    uploadEvidence(db, actor, idParam(req), {
      indicator: evidenceIndicator(queryOf(req)['indicator']),
      name,
      data,
    }),
  openApi: {
    schema: EVIDENCE,
    list: { operationId: 'listEvidenceFiles', summary: '佐证资料清单', ok: '按指标排列的文件（不含内容）' },
    download: { operationId: 'downloadEvidenceFile', summary: '下载一份佐证资料', file: '文件编号' },
    upload: {
      operationId: 'uploadEvidenceFile',
      summary: '上传佐证资料',
      description: `请求体即文件内容（${OCTET_STREAM}，上限 ${String(EVIDENCE_MAX_BYTES / 1024 / 1024)} MB），文件名和指标编码放在地址中。可上传：${Object.keys(EVIDENCE_TYPES).join('、')}；内容须与扩展名相符。文件整个读完后一次写入，失败时不留任何数据。`,
      query: [
        queryParam('indicator', '指标编码', { type: 'string' }, true),
        queryParam('name', '文件名', { type: 'string' }, true),
      ],
    },
  },
};

const WORK_PLAN_FILES: FileKind = {
  path: 'third-party/work-plan',
  what: '实施方案',
  query: '文件名放在 ?name= 中',
  maxBytes: WORK_PLAN_MAX_BYTES,
  ascii: 'work-plan',
  list: listWorkPlans,
  content: workPlanContent,
  check: (req) => workPlanName(queryOf(req)['name']),
  store: (db, req, actor, name, data) => uploadWorkPlan(db, actor, idParam(req), { name, data }),
  openApi: {
    schema: WORK_PLAN,
    list: {
      operationId: 'listWorkPlans',
      summary: '实施方案（各版本）',
      description: '每次上传为一个新版本；最新的一份为现行版本（current），排在最前。',
      ok: '实施方案各版本（不含内容），新的在前',
    },
    download: { operationId: 'downloadWorkPlan', summary: '下载一版实施方案', file: '实施方案文件编号' },
    upload: {
      operationId: 'uploadWorkPlan',
      summary: '上传实施方案（工作方案）',
      description: `请求体即文件内容（${OCTET_STREAM}，上限 ${String(WORK_PLAN_MAX_BYTES / 1024 / 1024)} MB），文件名放在地址中。可上传：${WORK_PLAN_TYPES.join('、')}；内容须与扩展名相符。上传即成为现行版本，此前的版本保留可查。第三方评价机构、财政和管理员可上传；评价已归档时返回 409。文件整个读完后一次写入，失败时不留任何数据。`,
      query: [queryParam('name', '文件名', { type: 'string' }, true)],
    },
  },
};

/** `GET /api/evaluations/{id}/<path>` (the list) and `GET …/<path>/{file}` (one file, as it is). */
function registerFileReads(app: FastifyInstance, ctx: FeatureContext, kind: FileKind): void {
  const { db, authenticate } = ctx;
  app.get(`/api/evaluations/:id/${kind.path}`, async (req) => {
    const a = await authenticate(req);
    return { files: await kind.list(db, a.actor, idParam(req)) };
  });
  app.get(`/api/evaluations/:id/${kind.path}/:file`, async (req, reply) => {
    const a = await authenticate(req);
    const file = await kind.content(db, a.actor, idParam(req), numberParam(req, 'file'));
    return sendFile(reply, file.data, file.contentType, file.name, kind.ascii);
  });
}

/** The list, download and upload of a kind of file, as OpenAPI operations. */
function fileOperations(kind: FileKind): Operation[] {
  const path = `/api/evaluations/{id}/${kind.path}`;
  const { schema, list, download, upload } = kind.openApi;
  return [
    {
      method: 'get',
      path,
      operationId: list.operationId,
      tag: TAG,
      summary: list.summary,
      ...(list.description === undefined ? {} : { description: list.description }),
      auth: 'read',
      parameters: [ID_PARAM],
      ok: {
        status: 200,
        description: list.ok,
        content: json(obj({ files: { type: 'array', items: schema } })),
      },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'get',
      path: `${path}/{file}`,
      operationId: download.operationId,
      tag: TAG,
      summary: download.summary,
      auth: 'read',
      parameters: [ID_PARAM, pathParam('file', download.file)],
      ok: { status: 200, description: '文件原样', content: binary(OCTET_STREAM), headers: DISPOSITION },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path,
      operationId: upload.operationId,
      tag: TAG,
      summary: upload.summary,
      description: upload.description,
      auth: 'write',
      parameters: [ID_PARAM, ...upload.query],
      requestBody: { required: true, content: binary(OCTET_STREAM) },
      ok: { status: 201, description: '已保存', content: json(obj({ file: schema })) },
      errors: [400, 401, 403, 404, 409, 413, 415],
    },
  ];
}

function operations(): Operation[] {
  return [
    {
      method: 'get',
      path: '/api/third-party/assignments',
      operationId: 'listThirdPartyAssignments',
      tag: TAG,
      summary: '委托给第三方评价机构的评价',
      description: '第三方评价机构看到委托给本机构的评价；其他角色看到其数据权限内已委托的评价及受托机构。',
      auth: 'read',
      ok: {
        status: 200,
        description: '委托清单',
        content: json(
          obj({
            assignments: {
              type: 'array',
              items: obj({
                evaluationId: { type: 'integer' },
                title: { type: 'string' },
                fiscalYear: { type: 'integer' },
                organisationName: { type: 'string' },
                status: { type: 'string' },
                statusName: { type: 'string' },
                version: { type: 'integer' },
                evaluatorId: { type: 'integer' },
                evaluatorName: { type: 'string' },
              }),
            },
          }),
        ),
      },
      errors: [401, 403],
    },
    {
      method: 'get',
      path: '/api/evaluations/{id}/third-party/drafts',
      operationId: 'listCommentDrafts',
      tag: TAG,
      summary: '征求意见稿及反馈意见',
      auth: 'read',
      parameters: [ID_PARAM],
      ok: {
        status: 200,
        description: '征求意见稿（先发的在前），各带意见及回复',
        content: json(obj({ drafts: { type: 'array', items: DRAFT } })),
      },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: '/api/evaluations/{id}/third-party/drafts',
      operationId: 'sendCommentDraft',
      tag: TAG,
      summary: '发出征求意见稿',
      description:
        '以评价的当前版本为快照，发给被评价单位/部门征求书面意见，并给出反馈截止日期。须已委托第三方评价机构（否则 409）；第三方评价机构、财政和管理员可发出。',
      auth: 'write',
      parameters: [ID_PARAM],
      requestBody: jsonBody(
        obj(
          {
            recipient: str('征求意见对象'),
            deadline: { type: 'string', format: 'date', description: '反馈截止日期（yyyy-mm-dd）' },
            note: str('说明（可选）'),
          },
          ['recipient', 'deadline'],
        ),
      ),
      ok: { status: 201, description: '已发出', content: json(obj({ draft: DRAFT })) },
      errors: [400, 401, 403, 404, 409, 413, 415],
    },
    {
      method: 'get',
      path: '/api/evaluations/{id}/third-party/drafts/{draft}',
      operationId: 'getCommentDraft',
      tag: TAG,
      summary: '一份征求意见稿（含发出时的评价文件）',
      auth: 'read',
      parameters: [ID_PARAM, DRAFT_PARAM],
      ok: {
        status: 200,
        description: '征求意见稿、意见及其评价文件快照',
        content: json(
          obj({
            draft: {
              ...DRAFT,
              properties: { ...(DRAFT['properties'] as Json), document: { type: 'object' } },
            },
          }),
        ),
      },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: '/api/evaluations/{id}/third-party/drafts/{draft}/comments',
      operationId: 'addDraftComment',
      tag: TAG,
      summary: '记录一条反馈意见',
      description:
        '意见针对一个指标（kind=indicator，target 为指标编码）、报告的一个章节（kind=section）或整体（kind=whole）。反馈截止日期过后返回 409。',
      auth: 'write',
      parameters: [ID_PARAM, DRAFT_PARAM],
      requestBody: jsonBody(
        obj(
          {
            kind: { type: 'string', enum: ['indicator', 'section', 'whole'] },
            target: str('指标编码或章节名'),
            text: str('意见内容'),
          },
          ['kind', 'text'],
        ),
      ),
      ok: { status: 201, description: '已记录', content: json(obj({ comment: COMMENT })) },
      errors: [400, 401, 403, 404, 409, 413, 415],
    },
    {
      method: 'put',
      path: '/api/evaluations/{id}/third-party/comments/{comment}/reply',
      operationId: 'replyDraftComment',
      tag: TAG,
      summary: '回复意见：采纳或不采纳',
      description:
        '第三方评价机构（或管理员）回复。不采纳（rejected）时 reason 必填（“不采纳，因为…”），否则 400。再次回复覆盖前一次，变更日志保留前后。',
      auth: 'write',
      parameters: [ID_PARAM, pathParam('comment', '意见编号')],
      requestBody: jsonBody(
        obj({ decision: { type: 'string', enum: ['adopted', 'rejected'] }, reason: str('说明或理由') }, [
          'decision',
        ]),
      ),
      ok: { status: 200, description: '已回复', content: json(obj({ comment: COMMENT })) },
      errors: [400, 401, 403, 404, 413, 415],
    },
    {
      method: 'get',
      path: '/api/evaluations/{id}/third-party/drafts/{draft}/tables/{table}',
      operationId: 'downloadFeedbackTable',
      tag: TAG,
      summary: '下载意见反馈表或采纳情况表（Word）',
      description: 'table=feedback：意见反馈表；table=adoption：意见采纳情况表。每条意见一行。',
      auth: 'read',
      parameters: [
        ID_PARAM,
        DRAFT_PARAM,
        {
          name: 'table',
          in: 'path',
          required: true,
          description: '表',
          schema: { type: 'string', enum: ['feedback', 'adoption'] },
        },
      ],
      ok: { status: 200, description: 'Word 文档', content: binary(DOCX), headers: DISPOSITION },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'get',
      path: '/api/evaluations/{id}/third-party/archive',
      operationId: 'downloadEvaluationArchive',
      tag: TAG,
      summary: '下载归档资料包（.zip）',
      description:
        '实施方案（现行版本，如有）、工作底稿（评价文件、评分结果、审核结果 JSON）、调查问卷（清单及数据；在系统中开展的问卷各附调查问卷分析报告（Word）和答卷统计表（CSV））、评价报告（Word）、意见反馈表和采纳情况表、佐证资料，以及列出全部文件（大小、SHA-256）和缺项说明的 清单.txt。',
      auth: 'read',
      parameters: [ID_PARAM],
      ok: {
        status: 200,
        description: 'zip 压缩包',
        content: binary('application/zip'),
        headers: DISPOSITION,
      },
      errors: [400, 401, 403, 404, 422],
    },
    ...fileOperations(WORK_PLAN_FILES),
    ...fileOperations(EVIDENCE_FILES),
  ];
}

export const thirdPartyFeature: Feature = { register, operations };
