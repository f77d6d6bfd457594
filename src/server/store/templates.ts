/**
 * Indicator-system templates (指标体系模板): the built-in ones of the core, and custom ones a
 * finance bureau or an admin saved from an evaluation (its indicator system without its results).
 * A custom template's id is `custom-<n>`.
 */
import {
  type Template,
  type TemplateSummary,
  findTemplate,
  templateSummaries,
} from '../../core/templates/index.ts';
import { can } from '../auth/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { ServiceError, badInput, forbidden, notFound } from '../errors.ts';
import { getEvaluation } from './evaluations.ts';
import type { Actor } from './scope.ts';

/** A template as the API lists it: the core's summary, and whether it is built in or saved by whom. */
export interface TemplateInfo extends TemplateSummary {
  builtIn: boolean;
  createdBy: string | null;
}

interface Row {
  id: number;
  name: string;
  locality: string;
  year: number;
  kind: Template['kind'];
  description: string;
  source: string;
  created_at: Date;
  created_by_name: string | null;
  created_by: number | null;
}

const CUSTOM = /^custom-(\d{1,9})$/;
const COLUMNS = `t.id, t.name, t.locality, t.year, t.kind, t.description, t.source, t.created_at, t.created_by,
  u.display_name as created_by_name`;

const info = (r: Row): TemplateInfo => ({
  id: `custom-${String(r.id)}`,
  name: r.name,
  locality: r.locality,
  year: r.year,
  version: r.created_at.toISOString().slice(0, 10),
  kind: r.kind,
  source: r.source,
  description: r.description,
  builtIn: false,
  createdBy: r.created_by_name,
});

/** Every template: the built-in ones, then the custom ones oldest first. */
export async function listTemplates(db: Queryable): Promise<TemplateInfo[]> {
  const r = await db.query<Row>(
    `select ${COLUMNS} from custom_templates t left join users u on u.id = t.created_by order by t.id`,
  );
  return [...templateSummaries().map((t) => ({ ...t, builtIn: true, createdBy: null })), ...r.rows.map(info)];
}

/** A template by id, as the core's `Template` (its `build` gives a new evaluation file). */
export async function getTemplate(
  db: Queryable,
  id: string,
): Promise<{ info: TemplateInfo; template: Template } | undefined> {
  const builtIn = findTemplate(id);
  if (builtIn !== undefined) {
    const summary = templateSummaries().find((t) => t.id === id);
    if (summary === undefined) return undefined;
    return { info: { ...summary, builtIn: true, createdBy: null }, template: builtIn };
  }
  const m = CUSTOM.exec(id);
  if (m === null) return undefined;
  const r = await db.query<Row & { document: Record<string, unknown> }>(
    `select ${COLUMNS}, t.document from custom_templates t left join users u on u.id = t.created_by where t.id = $1`,
    [Number(m[1])],
  );
  const row = r.rows[0];
  if (row === undefined) return undefined;
  const meta = info(row);
  const skeleton = row.document;
  const template: Template = {
    id: meta.id,
    name: meta.name,
    locality: meta.locality,
    year: meta.year,
    version: meta.version,
    kind: meta.kind,
    source: meta.source,
    description: meta.description,
    defaultMode: (skeleton['mode'] as Template['defaultMode'] | undefined) ?? 'self',
    build: (options = {}) => {
      const doc = structuredClone(skeleton) as ReturnType<Template['build']>;
      doc.fiscalYear = options.fiscalYear ?? meta.year;
      if (options.mode !== undefined) doc.mode = options.mode;
      doc.unit = { ...doc.unit, name: options.unitName ?? '（单位名称）' };
      doc.template = { id: meta.id, version: meta.version };
      return doc;
    },
  };
  return { info: meta, template };
}

/** What a template keeps of an indicator: the system, not the results. */
const KEEP = new Set(['code', 'name', 'weight', 'dimension', 'target', 'method', 'children']);

function stripNode(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (KEEP.has(k)) out[k] = v;
  const method = out['method'] as Record<string, unknown> | undefined;
  if (method !== undefined) {
    // the judgements are results: a grade not yet judged, elements not yet checked, no manual score
    const m = { ...method };
    if (m['type'] === 'grade') {
      Reflect.deleteProperty(m, 'level');
      Reflect.deleteProperty(m, 'score');
    }
    if (m['type'] === 'elements' && Array.isArray(m['elements']))
      m['elements'] = (m['elements'] as Record<string, unknown>[]).map((e) => ({ ...e, met: false }));
    if (m['type'] === 'likert')
      // the answers are results, and the surveys that held them are not part of the template
      for (const k of ['rate', 'shares', 'survey', 'question']) Reflect.deleteProperty(m, k);
    if (m['type'] === 'manual') {
      m['score'] = '0';
      m['reason'] = '待评价人打分';
    }
    out['method'] = m;
  }
  if (Array.isArray(out['children']) && out['children'].length > 0)
    out['children'] = (out['children'] as Record<string, unknown>[]).map(stripNode);
  // a leaf scored only by an override or as not applicable in its evaluation: the evaluator scores it
  else if (out['method'] === undefined)
    out['method'] = { type: 'manual', score: '0', reason: '待评价人打分' };
  return out;
}

/** An evaluation file reduced to its indicator system: the skeleton a new evaluation starts from. */
export function skeletonOf(document: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    format: document['format'],
    kind: document['kind'],
    mode: document['mode'],
    fiscalYear: document['fiscalYear'],
    unit: { name: '（单位名称）' },
  };
  if (document['project'] !== undefined) out['project'] = { name: '（项目名称）' };
  for (const k of ['amountUnit', 'rules'] as const) if (document[k] !== undefined) out[k] = document[k];
  out['indicators'] = ((document['indicators'] as Record<string, unknown>[] | undefined) ?? []).map(
    stripNode,
  );
  return out;
}

export interface NewTemplate {
  evaluationId: number;
  name: string;
  locality?: string;
  year?: number;
  description?: string;
}

/** Saves the indicator system of an evaluation the actor may see as a custom template (logged). */
export async function saveTemplate(db: Database, actor: Actor, t: NewTemplate): Promise<TemplateInfo> {
  if (!can(actor.role, 'template:manage')) throw forbidden('只有财政和管理员可以保存模板');
  const name = t.name.trim();
  if (name === '' || name.length > 100)
    throw badInput('模板名称应为 1–100 个字', [{ path: 'name', message: '必填，至多 100 字' }]);
  const ev = await getEvaluation(db, actor, t.evaluationId);
  const skeleton = skeletonOf(ev.document as Record<string, unknown>);
  const year = t.year ?? ev.fiscalYear;
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badInput('年度应为 2000–2100 的整数', [{ path: 'year', message: '应为 2000–2100' }]);
  try {
    return await db.transaction(async (tx) => {
      const r = await tx.query<{ id: number }>(
        `insert into custom_templates (name, locality, year, kind, description, source, document, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
        [
          name,
          (t.locality ?? '').trim(),
          year,
          ev.kind,
          (t.description ?? '').trim(),
          `由评价“${ev.title}”另存`,
          JSON.stringify(skeleton),
          actor.id,
        ],
      );
      const id = r.rows[0]?.id ?? 0;
      await tx.query(
        `insert into change_log (user_id, evaluation_id, entity, entity_id, action, after)
         values ($1, null, 'template', $2, 'create', $3)`,
        [actor.id, `custom-${String(id)}`, JSON.stringify({ name, from: t.evaluationId })],
      );
      const saved = await getTemplate(tx, `custom-${String(id)}`);
      if (saved === undefined) throw new Error('saved template not found');
      return saved.info;
    });
  } catch (e) {
    if (e instanceof Error && /custom_templates_name|duplicate key/.test(e.message))
      throw new ServiceError(409, 'conflict', `已有名为“${name}”的模板`, {
        issues: [{ path: 'name', message: '名称已被使用' }],
      });
    throw e;
  }
}

/** Deletes a custom template: by an admin, or by the finance user who saved it (logged). */
export async function deleteTemplate(db: Database, actor: Actor, id: string): Promise<void> {
  if (!can(actor.role, 'template:manage')) throw forbidden('只有财政和管理员可以删除模板');
  if (findTemplate(id) !== undefined) throw new ServiceError(409, 'conflict', '内置模板不能删除');
  const m = CUSTOM.exec(id);
  if (m === null) throw notFound('模板');
  await db.transaction(async (tx) => {
    const r = await tx.query<{ created_by: number | null; name: string }>(
      'select created_by, name from custom_templates where id = $1 for update',
      [Number(m[1])],
    );
    const row = r.rows[0];
    if (row === undefined) throw notFound('模板');
    if (actor.role !== 'admin' && row.created_by !== actor.id) throw forbidden('只能删除自己保存的模板');
    await tx.query('delete from custom_templates where id = $1', [Number(m[1])]);
    await tx.query(
      `insert into change_log (user_id, evaluation_id, entity, entity_id, action, before)
       values ($1, null, 'template', $2, 'delete', $3)`,
      [actor.id, id, JSON.stringify({ name: row.name })],
    );
  });
}
