/**
 * 结果应用 routes: rectification items (整改事项) of an evaluation and across evaluations, the items
 * carried over from last year, the budget-consequence rule and an evaluation's consequence, and
 * the publication-ready summary (Word). Statuses are as of the feature's clock (逾期 is derived).
 */
import { type Rat, isNegative, parseDecimal } from '../../core/decimal/index.ts';
import { scoreEvaluation } from '../../core/engine.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import {
  RECTIFICATION_STATES,
  RECTIFICATION_STATUS_NAMES,
  type RectificationStatus,
  budgetConsequence,
  chinaDate,
  consequenceToJson,
  ruleText,
} from '../../core/results/index.ts';
import { REPORT_MIME } from '../../reports/types.ts';
import { renderPublication } from '../../reports/word/publication.ts';
import { badInput } from '../errors.ts';
import { getEvaluation } from '../store/evaluations.ts';
import {
  carriedOver,
  createFromProblems,
  createItem,
  currentRule,
  deleteItem,
  evaluationItems,
  listItems,
  saveRule,
  updateItem,
} from '../store/results.ts';
import { type Feature, idParam, intField, objectBody, queryOf, sendFile } from './kit.ts';
import { ID_PARAM, type Json, type Operation, json, jsonBody, pathParam, queryParam } from './openapi-kit.ts';

const TAG = '结果应用';
const DOCX = REPORT_MIME.docx;
const STATUSES = Object.keys(RECTIFICATION_STATUS_NAMES) as RectificationStatus[];

function optionalInt(value: string | undefined, path: string): number | undefined {
  return value === undefined || value === '' ? undefined : intField(value, path);
}

function statusParam(value: string | undefined): RectificationStatus | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(STATUSES as string[]).includes(value))
    throw badInput(`未知的整改状态“${value.slice(0, 20)}”`, [
      { path: 'status', message: `应为 ${STATUSES.join('、')} 之一` },
    ]);
  return value as RectificationStatus;
}

/** This year's budget (元): `?budget=` when given, else the evaluation's 全年预算数. */
function budgetOf(given: string | undefined, annual: Rat | undefined): Rat {
  if (given !== undefined && given !== '') {
    const r = parseDecimal(given);
    if (r === undefined || isNegative(r))
      throw badInput('budget 应为不小于 0 的金额（元）', [{ path: 'budget', message: '应为金额（元）' }]);
    return r;
  }
  if (annual === undefined)
    throw badInput('评价未填写全年预算数，请以 budget 参数给出本年度预算（元）', [
      { path: 'budget', message: '必填（评价未填写全年预算数）' },
    ]);
  return annual;
}

export function resultsFeature(opts: { clock?: () => Date } = {}): Feature {
  const clock = opts.clock ?? ((): Date => new Date());
  const today = (): string => chinaDate(clock());
  return {
    register(app, { db, authenticate }) {
      app.get('/api/rectifications', async (req) => {
        const { actor } = await authenticate(req);
        const q = queryOf(req);
        const filter = {
          fiscalYear: optionalInt(q['year'], 'year'),
          organisationId: optionalInt(q['organisation'], 'organisation'),
          evaluationId: optionalInt(q['evaluation'], 'evaluation'),
          status: statusParam(q['status']),
        };
        const day = today();
        const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
        return { today: day, items: await listItems(db, actor, defined, day) };
      });

      app.get('/api/evaluations/:id/rectifications', async (req) => {
        const { actor } = await authenticate(req);
        const day = today();
        return { today: day, items: await evaluationItems(db, actor, idParam(req), day) };
      });

      app.post('/api/evaluations/:id/rectifications', async (req, reply) => {
        const { actor } = await authenticate(req);
        const item = await createItem(db, actor, idParam(req), objectBody(req), today());
        return reply.status(201).send({ item });
      });

      app.post('/api/evaluations/:id/rectifications/from-problems', async (req, reply) => {
        const { actor } = await authenticate(req);
        const out = await createFromProblems(db, actor, idParam(req), objectBody(req), today());
        return reply.status(201).send(out);
      });

      app.get('/api/evaluations/:id/carried-over', async (req) => {
        const { actor } = await authenticate(req);
        const day = today();
        return { today: day, ...(await carriedOver(db, actor, idParam(req), day)) };
      });

      app.patch('/api/rectifications/:id', async (req) => {
        const { actor } = await authenticate(req);
        return { item: await updateItem(db, actor, idParam(req), objectBody(req), today()) };
      });

      app.delete('/api/rectifications/:id', async (req, reply) => {
        const { actor } = await authenticate(req);
        await deleteItem(db, actor, idParam(req), today());
        return reply.status(204).send();
      });

      app.get('/api/budget-rule', async (req) => {
        await authenticate(req);
        const r = await currentRule(db);
        return { ...r, text: ruleText(r.rule) };
      });

      app.put('/api/budget-rule', async (req) => {
        const { actor } = await authenticate(req);
        const r = await saveRule(db, actor, objectBody(req));
        return { ...r, text: ruleText(r.rule) };
      });

      app.get('/api/evaluations/:id/budget-consequence', async (req) => {
        const { actor } = await authenticate(req);
        const id = idParam(req);
        const ev = await getEvaluation(db, actor, id);
        const result = scoreEvaluation(parseEvaluation(ev.document), { explanations: false });
        const budget = budgetOf(queryOf(req)['budget'], result.evaluation.budget.annual);
        const { rule } = await currentRule(db);
        return consequenceToJson(budgetConsequence(rule, result.grade, budget));
      });

      app.get('/api/evaluations/:id/publication', async (req, reply) => {
        const { actor } = await authenticate(req);
        const id = idParam(req);
        const day = today();
        const ev = await getEvaluation(db, actor, id);
        const result = scoreEvaluation(parseEvaluation(ev.document));
        const items = await evaluationItems(db, actor, id, day);
        const annual = result.evaluation.budget.annual;
        const { rule } = await currentRule(db);
        const bytes = await renderPublication({
          result,
          items,
          today: day,
          ...(annual === undefined ? {} : { consequence: budgetConsequence(rule, result.grade, annual) }),
        });
        return sendFile(reply, bytes, DOCX, `${ev.title}-绩效评价结果公开.docx`, 'publication.docx');
      });
    },
    operations: () => OPERATIONS,
  };
}

/** The feature as the service runs it: statuses as of the real clock. */
export const results: Feature = resultsFeature();

// ---------------------------------------------------------------------------------------------
// OpenAPI

const ITEM_ID: Json = pathParam('id', '整改事项编号（正整数）');
const text = (description: string, maxLength: number): Json => ({ type: 'string', maxLength, description });
const DATE: Json = { type: 'string', format: 'date', description: '整改期限（yyyy-mm-dd）' };
const STATE: Json = {
  type: 'string',
  enum: [...RECTIFICATION_STATES],
  description: 'pending 待整改、in-progress 整改中、done 已整改（逾期由期限和当日推算，不能设置）',
};

const ITEM_FIELDS: Json = {
  text: text('整改事项', 1000),
  problem: text('针对的问题', 2000),
  ownerUnit: text('责任单位', 100),
  ownerPerson: text('责任人', 50),
  deadline: DATE,
  state: STATE,
  measures: text('整改措施', 4000),
  result: text('整改结果', 4000),
};

const ITEM: Json = {
  type: 'object',
  required: ['id', 'evaluationId', 'text', 'deadline', 'state', 'status', 'statusName'],
  properties: {
    id: { type: 'integer' },
    evaluationId: { type: 'integer' },
    source: {
      type: 'string',
      description: 'manual（手工新建），或 problem:序号 / suggestion:序号（来自评价的问题、建议）',
    },
    ...ITEM_FIELDS,
    status: { type: 'string', enum: STATUSES, description: '当日状态：待整改、整改中、已整改或逾期' },
    statusName: { type: 'string', enum: Object.values(RECTIFICATION_STATUS_NAMES) },
    evaluationTitle: { type: 'string' },
    organisationId: { type: 'integer' },
    organisationName: { type: 'string' },
    fiscalYear: { type: 'integer' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const ITEMS: Json = {
  type: 'object',
  required: ['today', 'items'],
  properties: {
    today: { type: 'string', format: 'date', description: '状态所依据的当日' },
    items: { type: 'array', items: ITEM },
  },
};

const ONE_ITEM: Json = json({ type: 'object', required: ['item'], properties: { item: ITEM } });

const BAND: Json = {
  type: 'object',
  required: ['grade', 'minCut', 'maxCut'],
  properties: {
    grade: { type: 'string', description: '评价等级（优、良、中、差…）' },
    minCut: { type: 'string', description: '最小调减比例（%，0–100）' },
    maxCut: { type: ['string', 'null'], description: '最大调减比例（%）；null 表示“以上”，不设上限' },
    note: { type: 'string', description: '其他措施的说明' },
  },
};
const RULE: Json = {
  type: 'object',
  required: ['rule', 'isDefault', 'text'],
  properties: {
    rule: { type: 'object', required: ['bands'], properties: { bands: { type: 'array', items: BAND } } },
    isDefault: { type: 'boolean', description: '尚未保存过规则时为内置默认规则' },
    updatedBy: { type: ['string', 'null'] },
    updatedAt: { type: ['string', 'null'], format: 'date-time' },
    text: { type: 'string', description: '规则的文字表述' },
  },
};
const BODY_ERRORS = [400, 401, 403, 404, 413, 415];

const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/rectifications',
    operationId: 'listRectifications',
    tag: TAG,
    summary: '整改事项列表',
    description:
      '当前用户数据权限内各评价的整改事项，可按年度、单位、评价和状态筛选；逾期按整改期限和当日推算。',
    auth: 'read',
    parameters: [
      queryParam('year', '评价年度', { type: 'integer' }),
      queryParam('organisation', '被评价单位的组织编号', { type: 'integer' }),
      queryParam('evaluation', '评价编号', { type: 'integer' }),
      queryParam('status', '状态', { type: 'string', enum: STATUSES }),
    ],
    ok: { status: 200, description: '整改事项', content: json(ITEMS) },
    errors: [400, 401],
  },
  {
    method: 'get',
    path: '/api/evaluations/{id}/rectifications',
    operationId: 'listEvaluationRectifications',
    tag: TAG,
    summary: '评价的整改事项',
    auth: 'read',
    parameters: [ID_PARAM],
    ok: { status: 200, description: '整改事项', content: json(ITEMS) },
    errors: [400, 401, 404],
  },
  {
    method: 'post',
    path: '/api/evaluations/{id}/rectifications',
    operationId: 'createRectification',
    tag: TAG,
    summary: '新建整改事项',
    description:
      '手工新建一项整改事项。仅主管部门、财政和管理员（对其数据权限内的评价）可以新建；整改事项和整改期限必填。',
    auth: 'write',
    parameters: [ID_PARAM],
    requestBody: jsonBody({
      type: 'object',
      required: ['text', 'deadline'],
      properties: ITEM_FIELDS,
      additionalProperties: false,
    }),
    ok: {
      status: 201,
      description: '已新建',
      content: ONE_ITEM,
    },
    errors: BODY_ERRORS,
  },
  {
    method: 'post',
    path: '/api/evaluations/{id}/rectifications/from-problems',
    operationId: 'createRectificationsFromProblems',
    tag: TAG,
    summary: '由存在问题生成整改事项',
    description:
      '评价列出的每个问题生成一项整改事项（以相同位置的建议为整改内容），多出的建议各成一项；已生成过的跳过。仅主管部门、财政和管理员可用。',
    auth: 'write',
    parameters: [ID_PARAM],
    requestBody: jsonBody({
      type: 'object',
      required: ['deadline'],
      properties: {
        deadline: DATE,
        ownerUnit: ITEM_FIELDS['ownerUnit'],
        ownerPerson: ITEM_FIELDS['ownerPerson'],
      },
      additionalProperties: false,
    }),
    ok: {
      status: 201,
      description: '已生成',
      content: json({
        type: 'object',
        required: ['created', 'skipped'],
        properties: {
          created: { type: 'array', items: ITEM },
          skipped: { type: 'integer', description: '已生成过而跳过的数目' },
        },
      }),
    },
    errors: BODY_ERRORS,
  },
  {
    method: 'get',
    path: '/api/evaluations/{id}/carried-over',
    operationId: 'carriedOverRectifications',
    tag: TAG,
    summary: '上年度未完成的整改事项',
    description: '同一单位上一年度评价中尚未整改完成的事项（项目支出评价按项目名称对应），供本年度评价跟踪。',
    auth: 'read',
    parameters: [ID_PARAM],
    ok: {
      status: 200,
      description: '上年度未完成的整改事项',
      content: json({
        ...ITEMS,
        required: ['today', 'fromYear', 'items'],
        properties: { ...(ITEMS['properties'] as Json), fromYear: { type: 'integer' } },
      }),
    },
    errors: [400, 401, 404],
  },
  {
    method: 'patch',
    path: '/api/rectifications/{id}',
    operationId: 'updateRectification',
    tag: TAG,
    summary: '修改整改事项',
    description:
      '只改给出的字段。单位只能填报自己评价的整改进展（state、measures、result）；主管部门、财政和管理员可修改全部字段。',
    auth: 'write',
    parameters: [ITEM_ID],
    requestBody: jsonBody({ type: 'object', properties: ITEM_FIELDS, additionalProperties: false }),
    ok: {
      status: 200,
      description: '已修改',
      content: ONE_ITEM,
    },
    errors: BODY_ERRORS,
  },
  {
    method: 'delete',
    path: '/api/rectifications/{id}',
    operationId: 'deleteRectification',
    tag: TAG,
    summary: '删除整改事项',
    auth: 'write',
    parameters: [ITEM_ID],
    ok: { status: 204, description: '已删除' },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/budget-rule',
    operationId: 'getBudgetRule',
    tag: TAG,
    summary: '预算挂钩规则',
    description: '评价等级对应的下一年度预算调整：各等级的调减比例范围。',
    auth: 'read',
    ok: { status: 200, description: '当前规则', content: json(RULE) },
    errors: [401],
  },
  {
    method: 'put',
    path: '/api/budget-rule',
    operationId: 'saveBudgetRule',
    tag: TAG,
    summary: '修改预算挂钩规则',
    description: '仅财政和管理员可以修改；每次保存都保留历史。',
    auth: 'write',
    requestBody: jsonBody({
      type: 'object',
      required: ['bands'],
      properties: { bands: { type: 'array', items: BAND, minItems: 1, maxItems: 10 } },
    }),
    ok: { status: 200, description: '已保存', content: json(RULE) },
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: 'get',
    path: '/api/evaluations/{id}/budget-consequence',
    operationId: 'evaluationBudgetConsequence',
    tag: TAG,
    summary: '评价等级的预算影响',
    description:
      '按现行预算挂钩规则，由评价等级和本年度预算（默认取评价的全年预算数）得出下一年度预算的范围（元，四舍五入到分），并引用规则。规则未规定该等级时 ok 为 false。',
    auth: 'read',
    parameters: [ID_PARAM, queryParam('budget', '本年度预算（元）', { type: 'string' })],
    ok: {
      status: 200,
      description: '预算影响',
      content: json({
        type: 'object',
        required: ['ok', 'grade'],
        properties: {
          ok: { type: 'boolean' },
          code: { type: 'string', enum: ['grade-not-in-rule', 'negative-budget'] },
          grade: { type: 'string' },
          budget: { type: 'string' },
          highest: { type: 'string', description: '下一年度预算上限（元）' },
          lowest: { type: 'string', description: '下一年度预算下限（元）' },
          band: BAND,
          quote: { type: 'string', description: '所依据的规则' },
          text: { type: 'string' },
        },
      }),
    },
    errors: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/api/evaluations/{id}/publication',
    operationId: 'downloadPublication',
    tag: TAG,
    summary: '下载评价结果公开稿',
    description:
      '可公开的评价结果摘要（Word）：单位、项目、年度、得分、等级、主要绩效、存在问题、整改事项及进展、预算挂钩。',
    auth: 'read',
    parameters: [ID_PARAM],
    ok: {
      status: 200,
      description: '公开稿（附件）',
      headers: { 'Content-Disposition': { description: '附件', schema: { type: 'string' } } },
      content: { [DOCX]: {} },
    },
    errors: [400, 401, 404],
  },
];
