/**
 * 汇总与排名 over HTTP: a department with its units side by side and consolidated (with the audit
 * across units), the ranking of the units an actor sees in a year, one unit's indicators over the
 * years, and the side-by-side and ranking tables as Excel workbooks.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CONSOLIDATION_RULES,
  type ConsolidationRule,
  type TieRule,
  isConsolidationRule,
} from '../../core/consolidation/index.ts';
import { renderRanking, renderSideBySide } from '../../reports/excel/consolidation.ts';
import { REPORT_MIME } from '../../reports/types.ts';
import { badInput } from '../errors.ts';
import {
  consolidationOptions,
  departmentConsolidation,
  organisationYears,
  ranking,
} from '../store/consolidation.ts';
import { type Feature, idParam, intField, queryOf, sendFile } from './kit.ts';
import { ID_PARAM, type Json, type Operation, binary, json, queryParam } from './openapi-kit.ts';

const XLSX = REPORT_MIME.xlsx;
const TAG = '汇总与排名';
const ERRORS = [400, 401, 403, 404];

type Query = Record<string, string | undefined>;

function year(q: Query): number {
  if (q['year'] === undefined) throw badInput('请给出评价年度 year', [{ path: 'year', message: '必填' }]);
  return intField(q['year'], 'year');
}

function optionalYear(q: Query, name: string): number | undefined {
  return q[name] === undefined ? undefined : intField(q[name], name);
}

function rule(q: Query): ConsolidationRule {
  const r = q['rule'] ?? 'budget-weighted';
  if (!isConsolidationRule(r))
    throw badInput(`汇总规则“${r.slice(0, 40)}”无效`, [
      { path: 'rule', message: `应为 ${CONSOLIDATION_RULES.join(' 或 ')}` },
    ]);
  return r;
}

function ties(q: Query): TieRule {
  const t = q['ties'] ?? 'competition';
  if (t !== 'competition' && t !== 'dense')
    throw badInput(`并列规则“${t.slice(0, 40)}”无效`, [
      { path: 'ties', message: '应为 competition 或 dense' },
    ]);
  return t;
}

/** `?ties=` and `?region=` of the ranking routes. */
function rankingOptions(q: Query): { ties: TieRule; region?: string } {
  return { ties: ties(q), ...(q['region'] ? { region: q['region'] } : {}) };
}

function sendWorkbook(reply: FastifyReply, bytes: Uint8Array, name: string): FastifyReply {
  return sendFile(reply, bytes, XLSX, name, 'consolidation.xlsx');
}
const YEAR = queryParam('year', '评价年度', { type: 'integer' }, true);
const RULE = queryParam(
  'rule',
  '汇总得分规则：budget-weighted 按全年预算数加权平均（默认），mean 简单算术平均',
  { type: 'string', enum: [...CONSOLIDATION_RULES] },
);
const TIES = queryParam('ties', '并列名次：competition 并列占位（1,2,2,4，默认），dense 不占位（1,2,2,3）', {
  type: 'string',
  enum: ['competition', 'dense'],
});
const REGION = queryParam('region', '只排该区划（前缀）内的单位', { type: 'string' });
const DEPARTMENT_PARAM: Json = { ...ID_PARAM, description: '主管部门的组织编号' };
const ORG_PARAM: Json = { ...ID_PARAM, description: '组织编号（正整数）' };
const OBJECT: Json = json({ type: 'object' });
const WORKBOOK: Json = binary(XLSX);
/** What a department's consolidation (as JSON or a workbook) is asked with, and its errors. */
const DEPARTMENT = { parameters: [DEPARTMENT_PARAM, YEAR, RULE], errors: ERRORS };
/** What the ranking (as JSON or a workbook) is asked with, and its errors. */
const RANKING = { parameters: [YEAR, TIES, REGION], errors: [400, 401, 403] };

export const consolidationFeature: Feature = {
  register(app, { db, authenticate }) {
    /** The department a request asks for (`:id`, `?year=&rule=`), consolidated. */
    const department = async (req: FastifyRequest) => {
      const { actor } = await authenticate(req);
      const q = queryOf(req);
      return departmentConsolidation(db, actor, idParam(req), year(q), rule(q));
    };

    /** The ranking a request asks for (`?year=&ties=&region=`). */
    const rankingOf = async (req: FastifyRequest) => {
      const { actor } = await authenticate(req);
      const q = queryOf(req);
      return ranking(db, actor, year(q), rankingOptions(q));
    };

    app.get('/api/consolidation/options', async (req) => {
      const { actor } = await authenticate(req);
      return consolidationOptions(db, actor);
    });

    app.get('/api/consolidation/departments/:id', (req) => department(req));

    app.get('/api/consolidation/departments/:id/audit', async (req) => {
      const { actor } = await authenticate(req);
      const c = await departmentConsolidation(db, actor, idParam(req), year(queryOf(req)), 'mean');
      return { department: c.department, fiscalYear: c.fiscalYear, findings: c.findings };
    });

    app.get('/api/consolidation/departments/:id/workbook', async (req, reply) => {
      const c = await department(req);
      return sendWorkbook(
        reply,
        await renderSideBySide(c),
        `${c.department.name}${String(c.fiscalYear)}年度汇总.xlsx`,
      );
    });

    app.get('/api/consolidation/ranking', (req) => rankingOf(req));

    app.get('/api/consolidation/ranking/workbook', async (req, reply) => {
      const r = await rankingOf(req);
      return sendWorkbook(reply, await renderRanking(r), `${String(r.fiscalYear)}年度单位得分排名.xlsx`);
    });

    app.get('/api/consolidation/organisations/:id/years', async (req) => {
      const { actor } = await authenticate(req);
      const q = queryOf(req);
      const from = optionalYear(q, 'from');
      const to = optionalYear(q, 'to');
      return organisationYears(db, actor, idParam(req), {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      });
    });
  },

  operations(): Operation[] {
    const op = (o: Omit<Operation, 'tag' | 'auth' | 'method'>): Operation => ({
      method: 'get',
      tag: TAG,
      auth: 'read',
      ...o,
    });
    return [
      op({
        path: '/api/consolidation/options',
        operationId: 'consolidationOptions',
        summary: '可汇总的组织与年度',
        description:
          '当前用户可见的主管部门与单位，以及有整体支出评价的年度。第三方评价机构无权查看（403）。',
        ok: { status: 200, description: '组织与年度', content: OBJECT },
        errors: [401, 403],
      }),
      op({
        path: '/api/consolidation/departments/{id}',
        operationId: 'departmentConsolidation',
        summary: '部门汇总：各单位指标对比、汇总得分、跨单位核查',
        description:
          '主管部门及其下属单位某年度的整体支出评价：每个单位按其自身指标体系评分，逐指标并列（分值、得分），预算加总，并按所选规则给出汇总得分；同一规则、同一输入在不同单位得分不同的问题逐条列出并注明涉及单位。不在可见范围内的部门返回 404。',
        ...DEPARTMENT,
        ok: { status: 200, description: '汇总', content: OBJECT },
      }),
      op({
        path: '/api/consolidation/departments/{id}/audit',
        operationId: 'departmentCrossAudit',
        summary: '跨单位核查',
        description: '同一评分规则、同一完成值在各单位得分应相同；每条问题注明涉及的单位。',
        parameters: [DEPARTMENT_PARAM, YEAR],
        ok: { status: 200, description: '核查结果', content: OBJECT },
        errors: ERRORS,
      }),
      op({
        path: '/api/consolidation/departments/{id}/workbook',
        operationId: 'departmentConsolidationWorkbook',
        summary: '部门汇总导出 Excel',
        description: '工作表：单位对比、汇总、跨单位核查。',
        ...DEPARTMENT,
        ok: { status: 200, description: 'Excel 工作簿', content: WORKBOOK },
      }),
      op({
        path: '/api/consolidation/ranking',
        operationId: 'consolidationRanking',
        summary: '单位得分排名',
        description:
          '当前用户可见的全部单位（财政局为本区划，主管部门为本部门及下属单位，单位仅为自身）某年度整体支出评价的得分、等级与名次，并列名次按 ties 处理。',
        ...RANKING,
        ok: { status: 200, description: '排名', content: OBJECT },
      }),
      op({
        path: '/api/consolidation/ranking/workbook',
        operationId: 'consolidationRankingWorkbook',
        summary: '单位得分排名导出 Excel',
        ...RANKING,
        ok: { status: 200, description: 'Excel 工作簿', content: WORKBOOK },
      }),
      op({
        path: '/api/consolidation/organisations/{id}/years',
        operationId: 'organisationYears',
        summary: '单位历年指标',
        description: '每个指标一行、每个年度一列（分值、得分、得分率），以及各年度总分与等级。',
        parameters: [
          ORG_PARAM,
          queryParam('from', '起始年度', { type: 'integer' }),
          queryParam('to', '截止年度', { type: 'integer' }),
        ],
        ok: { status: 200, description: '历年指标', content: OBJECT },
        errors: ERRORS,
      }),
    ];
  },
};
