/**
 * 绩效目标 and 双监控 routes: the target sheet and the checkpoints of an evaluation with their
 * deviations, the 绩效监控情况表 as .xlsx or .docx, and the year-end evaluation pre-filled from the
 * last checkpoint (a new version of the evaluation, refused with 409 when the version is stale).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REPORT_MIME } from '../../reports/types.ts';
import { renderMonitoringExcel } from '../../reports/excel/monitoring.ts';
import { renderMonitoringWord } from '../../reports/word/monitoring.ts';
import { badInput } from '../errors.ts';
import {
  deleteCheckpoint,
  getMonitoring,
  monitoringSnapshot,
  prefillFromMonitoring,
  saveCheckpoint,
  saveTargets,
} from '../store/monitoring.ts';
import { type Feature, idParam, intField, objectBody, queryOf, sendFile } from './kit.ts';
import { ID_PARAM, type Json, type Operation, binary, json, jsonBody, queryParam } from './openapi-kit.ts';

function monthsParam(raw: unknown, path: string): number {
  const s = typeof raw === 'string' ? raw : '';
  const n = /^\d{1,2}$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1 && n <= 12))
    throw badInput(`${path} 应为 1 至 12 的整数（截至几月）`, [{ path, message: '应为 1 至 12' }]);
  return n;
}

/** The `:months` path parameter. */
const monthsOf = (req: FastifyRequest): number =>
  monthsParam((req.params as { months?: string }).months, 'months');

const MONTHS_PARAM: Json = {
  name: 'months',
  in: 'path',
  required: true,
  description: '监控期间：截至几月（1–12；如 1–7月 为 7，各季度为 3、6、9、12）',
  schema: { type: 'string', pattern: '^\\d{1,2}$' },
};

const OBJECT = { type: 'object', additionalProperties: true };

export const monitoringFeature: Feature = {
  register(app, { db, authenticate }) {
    const base = '/api/evaluations/:id/monitoring';

    /** Who asks, about which evaluation's checkpoint (`:id`, `:months`). */
    const checkpointOf = async (req: FastifyRequest) => {
      const a = await authenticate(req);
      return { actor: a.actor, id: idParam(req), months: monthsOf(req) };
    };

    app.get(base, async (req) => {
      const a = await authenticate(req);
      return getMonitoring(db, a.actor, idParam(req));
    });

    app.put(`${base}/targets`, async (req) => {
      const a = await authenticate(req);
      const id = idParam(req);
      const body = objectBody(req);
      const v = body['version'];
      const version = v === undefined || v === null ? undefined : intField(v, 'version');
      return saveTargets(db, a.actor, id, version, body['sheet']);
    });

    app.put(`${base}/checkpoints/:months`, async (req) => {
      const { actor, id, months } = await checkpointOf(req);
      return saveCheckpoint(db, actor, id, months, objectBody(req));
    });

    app.delete(`${base}/checkpoints/:months`, async (req, reply) => {
      const { actor, id, months } = await checkpointOf(req);
      await deleteCheckpoint(db, actor, id, months);
      return reply.status(204).send();
    });

    app.get(`${base}/export`, async (req: FastifyRequest, reply: FastifyReply) => {
      const a = await authenticate(req);
      const id = idParam(req);
      const q = queryOf(req);
      const format = q['format'] ?? 'xlsx';
      if (format !== 'xlsx' && format !== 'docx')
        throw badInput(`未知的格式“${format.slice(0, 20)}”`, [
          { path: 'format', message: '应为 xlsx 或 docx' },
        ]);
      const months = q['months'] === undefined ? undefined : monthsParam(q['months'], 'months');
      const { title, sheet, checkpoint, meta } = await monitoringSnapshot(db, a.actor, id, months);
      const bytes =
        format === 'xlsx'
          ? await renderMonitoringExcel(sheet, checkpoint, meta)
          : await renderMonitoringWord(sheet, checkpoint, meta);
      const name = `${title}-绩效监控情况表（截至${String(checkpoint.months)}月）.${format}`;
      return sendFile(reply, bytes, REPORT_MIME[format], name, `monitoring.${format}`);
    });

    app.post(`${base}/prefill`, async (req) => {
      const a = await authenticate(req);
      const id = idParam(req);
      const body = objectBody(req);
      return prefillFromMonitoring(db, a.actor, id, intField(body['version'], 'version'));
    });
  },

  operations(): Operation[] {
    const path = '/api/evaluations/{id}/monitoring';
    const tag = '评价';
    /** A write with a JSON object as its body, answered with a JSON object. */
    const write = (
      o: Pick<Operation, 'method' | 'path' | 'operationId' | 'summary' | 'description' | 'parameters'>,
      ok: string,
    ): Operation => ({
      ...o,
      tag,
      auth: 'write',
      requestBody: jsonBody(OBJECT),
      ok: { status: 200, description: ok, content: json(OBJECT) },
      errors: [400, 401, 403, 404, 409, 413, 415],
    });
    return [
      {
        method: 'get',
        path,
        operationId: 'getMonitoring',
        tag,
        summary: '绩效目标申报表、各期监控情况及偏差',
        description:
          '返回评价的绩效目标申报表（含其版本）、按期间排列的监控情况，以及每期的偏差：执行率低于序时进度超过容差，指标全年预计值达不到指标值、完成可能性非“确定能”而无偏差原因等。',
        auth: 'read',
        parameters: [ID_PARAM],
        ok: { status: 200, description: '申报表、监控情况和偏差', content: json(OBJECT) },
        errors: [400, 401, 403, 404],
      },
      write(
        {
          method: 'put',
          path: `${path}/targets`,
          operationId: 'saveMonitoringTargets',
          summary: '保存绩效目标申报表',
          description:
            '请求体 {sheet, version}：sheet 含 scope（project/department）、name、amountUnit（元/万元）、budget {total, fiscal, other}、overallGoal、indicators [{level1, level2, name, target}]、executionMargin（执行进度容差，百分点，默认 10）；version 为所编辑的申报表版本（新建时省略），过期时返回 409。',
          parameters: [ID_PARAM],
        },
        '保存后的申报表及其版本',
      ),
      write(
        {
          method: 'put',
          path: `${path}/checkpoints/{months}`,
          operationId: 'saveMonitoringCheckpoint',
          summary: '填报某期监控情况',
          description:
            '请求体：executed {total, fiscal, other}（截至本期执行数）、goalProgress、indicators [{name, toDate, expected, likelihood（确定能/有可能/完全不可能）, cause（经费保障/制度保障/人员保障/硬件条件保障/其他）, causeNote, measures}]。同一期间再次填报即覆盖。',
          parameters: [ID_PARAM, MONTHS_PARAM],
        },
        '保存的监控情况及其偏差',
      ),
      {
        method: 'delete',
        path: `${path}/checkpoints/{months}`,
        operationId: 'deleteMonitoringCheckpoint',
        tag,
        summary: '删除某期监控情况',
        auth: 'write',
        parameters: [ID_PARAM, MONTHS_PARAM],
        ok: { status: 204, description: '已删除' },
        errors: [400, 401, 403, 404, 409],
      },
      {
        method: 'get',
        path: `${path}/export`,
        operationId: 'exportMonitoring',
        tag,
        summary: '下载绩效监控情况表（Excel 或 Word）',
        auth: 'read',
        parameters: [
          ID_PARAM,
          queryParam('format', 'xlsx（默认）或 docx', { type: 'string', enum: ['xlsx', 'docx'] }),
          queryParam('months', '期间（截至几月）；省略时为最近一期', { type: 'string' }),
        ],
        ok: {
          status: 200,
          description: '绩效监控情况表文件',
          content: binary(REPORT_MIME.xlsx, REPORT_MIME.docx),
        },
        errors: [400, 401, 403, 404, 409],
      },
      write(
        {
          method: 'post',
          path: `${path}/prefill`,
          operationId: 'prefillFromMonitoring',
          summary: '以最近一期监控情况预填年终评价',
          description:
            '请求体 {version}：评价的当前版本。将最近一期的执行数（合计及财政拨款、其他资金）写入预算执行数，各指标截至本期的完成值写入同名三级指标的完成值，偏差原因和纠偏措施一并写入；保存为评价的新版本，版本过期或评价不可编辑时返回 409。',
          parameters: [ID_PARAM],
        },
        '更新后的评价、写入的指标和未匹配的指标',
      ),
    ];
  },
};
