/**
 * Reading a target sheet or a checkpoint from untrusted JSON: the typed value, or every problem
 * with the field's path and a Chinese message naming it (nothing is kept from a sheet with problems).
 */
import { type Rat, isNegative, parseDecimal } from '../decimal/index.ts';
import {
  type Checkpoint,
  DEVIATION_CAUSES,
  type DeviationCause,
  type IndicatorProgress,
  LIKELIHOODS,
  type Likelihood,
  type TargetIndicator,
  type TargetSheet,
} from './types.ts';

export interface Issue {
  path: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

const MAX_TEXT = 2000;
const MAX_INDICATORS = 200;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Reader {
  readonly issues: Issue[] = [];

  text(o: Obj, key: string, path: string, label: string, required = true): string | undefined {
    const v = o[key];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) this.issues.push({ path, message: `请填写${label}` });
      return undefined;
    }
    if (typeof v !== 'string') {
      this.issues.push({ path, message: `${label}应为文字` });
      return undefined;
    }
    if (v.length > MAX_TEXT) {
      this.issues.push({ path, message: `${label}过长（不超过 ${String(MAX_TEXT)} 字）` });
      return undefined;
    }
    return v.trim();
  }

  /** A non-negative decimal as text ("1,200.50" → "1200.50"). */
  amount(o: Obj, key: string, path: string, label: string, required = true): string | undefined {
    const v = o[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.issues.push({ path, message: `请填写${label}` });
      return undefined;
    }
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    const r: Rat | undefined = /e/i.test(text) ? undefined : parseDecimal(text);
    if (r === undefined || isNegative(r)) {
      this.issues.push({ path, message: `${label}应为不小于 0 的数字` });
      return undefined;
    }
    return text.replaceAll(',', '');
  }

  oneOf<T extends string>(
    o: Obj,
    key: string,
    path: string,
    label: string,
    values: readonly T[],
    required: boolean,
  ): T | undefined {
    const v = o[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.issues.push({ path, message: `请选择${label}` });
      return undefined;
    }
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T;
    this.issues.push({ path, message: `${label}应为${values.join('、')}之一` });
    return undefined;
  }
}

function targetIndicator(r: Reader, v: unknown, path: string): TargetIndicator | undefined {
  if (!isObj(v)) {
    r.issues.push({ path, message: '指标应为对象' });
    return undefined;
  }
  const level1 = r.text(v, 'level1', `${path}.level1`, '一级指标');
  const level2 = r.text(v, 'level2', `${path}.level2`, '二级指标');
  const name = r.text(v, 'name', `${path}.name`, '三级指标');
  const target = r.text(v, 'target', `${path}.target`, '指标值');
  if (level1 === undefined || level2 === undefined || name === undefined || target === undefined)
    return undefined;
  return { level1, level2, name, target };
}

/** A 绩效目标申报表 from JSON. */
export function readTargetSheet(input: unknown): Checked<TargetSheet> {
  const r = new Reader();
  if (!isObj(input)) return { ok: false, issues: [{ path: 'sheet', message: '绩效目标申报表应为对象' }] };
  const scope = r.oneOf(input, 'scope', 'sheet.scope', '申报类型', ['project', 'department'], true);
  const name = r.text(input, 'name', 'sheet.name', scope === 'project' ? '项目名称' : '部门（单位）名称');
  const amountUnit = r.oneOf(input, 'amountUnit', 'sheet.amountUnit', '金额单位', ['元', '万元'], true);
  const overallGoal = r.text(input, 'overallGoal', 'sheet.overallGoal', '年度总体目标');
  const margin = r.amount(input, 'executionMargin', 'sheet.executionMargin', '执行进度容差', false);
  const b = input['budget'];
  let budget: TargetSheet['budget'] | undefined;
  if (!isObj(b))
    r.issues.push({ path: 'sheet.budget', message: '请填写资金情况（资金总额、财政拨款、其他资金）' });
  else {
    const total = r.amount(b, 'total', 'sheet.budget.total', '资金总额');
    const fiscal = r.amount(b, 'fiscal', 'sheet.budget.fiscal', '财政拨款') ?? undefined;
    const other = r.amount(b, 'other', 'sheet.budget.other', '其他资金') ?? undefined;
    if (total !== undefined && fiscal !== undefined && other !== undefined) budget = { total, fiscal, other };
  }
  const list = input['indicators'];
  const indicators: TargetIndicator[] = [];
  if (!Array.isArray(list) || list.length === 0)
    r.issues.push({ path: 'sheet.indicators', message: '请至少填写一个绩效指标' });
  else if (list.length > MAX_INDICATORS)
    r.issues.push({ path: 'sheet.indicators', message: `绩效指标不超过 ${String(MAX_INDICATORS)} 个` });
  else {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      const ind = targetIndicator(r, v, `sheet.indicators.${String(i)}`);
      if (ind === undefined) return;
      if (seen.has(ind.name))
        r.issues.push({ path: `sheet.indicators.${String(i)}.name`, message: `三级指标“${ind.name}”重复` });
      seen.add(ind.name);
      indicators.push(ind);
    });
  }
  if (
    r.issues.length > 0 ||
    scope === undefined ||
    name === undefined ||
    amountUnit === undefined ||
    overallGoal === undefined ||
    budget === undefined
  )
    return { ok: false, issues: r.issues };
  return {
    ok: true,
    value: {
      scope,
      name,
      amountUnit,
      budget,
      overallGoal,
      indicators,
      ...(margin === undefined ? {} : { executionMargin: margin }),
    },
  };
}

function progress(r: Reader, v: unknown, path: string, sheet: TargetSheet): IndicatorProgress | undefined {
  if (!isObj(v)) {
    r.issues.push({ path, message: '指标进度应为对象' });
    return undefined;
  }
  const name = r.text(v, 'name', `${path}.name`, '三级指标');
  if (name !== undefined && !sheet.indicators.some((i) => i.name === name))
    r.issues.push({ path: `${path}.name`, message: `绩效目标申报表中没有三级指标“${name}”` });
  const toDate = r.text(v, 'toDate', `${path}.toDate`, '执行情况（截至目前完成值）');
  const expected = r.text(v, 'expected', `${path}.expected`, '全年预计完成值');
  const likelihood: Likelihood | undefined = r.oneOf(
    v,
    'likelihood',
    `${path}.likelihood`,
    '完成可能性',
    LIKELIHOODS,
    true,
  );
  const cause: DeviationCause | undefined = r.oneOf(
    v,
    'cause',
    `${path}.cause`,
    '偏差原因',
    DEVIATION_CAUSES,
    false,
  );
  const causeNote = r.text(v, 'causeNote', `${path}.causeNote`, '偏差原因说明', false);
  const measures = r.text(v, 'measures', `${path}.measures`, '纠偏措施', false);
  if (name === undefined || toDate === undefined || expected === undefined || likelihood === undefined)
    return undefined;
  return {
    name,
    toDate,
    expected,
    likelihood,
    ...(cause === undefined ? {} : { cause }),
    ...(causeNote === undefined ? {} : { causeNote }),
    ...(measures === undefined ? {} : { measures }),
  };
}

/** A checkpoint from JSON, its indicators checked against the sheet they report on. */
export function readCheckpoint(input: unknown, sheet: TargetSheet): Checked<Checkpoint> {
  const r = new Reader();
  if (!isObj(input)) return { ok: false, issues: [{ path: 'checkpoint', message: '监控情况应为对象' }] };
  const m = input['months'];
  const months = typeof m === 'number' && Number.isInteger(m) && m >= 1 && m <= 12 ? m : undefined;
  if (months === undefined)
    r.issues.push({ path: 'checkpoint.months', message: '监控期间应为 1 至 12 之间的整数（截至几月）' });
  const e = input['executed'];
  let executed: Checkpoint['executed'] | undefined;
  if (!isObj(e)) r.issues.push({ path: 'checkpoint.executed', message: '请填写预算执行数' });
  else {
    const total = r.amount(e, 'total', 'checkpoint.executed.total', '执行数（合计）');
    const fiscal = r.amount(e, 'fiscal', 'checkpoint.executed.fiscal', '财政拨款执行数', false);
    const other = r.amount(e, 'other', 'checkpoint.executed.other', '其他资金执行数', false);
    if (total !== undefined)
      executed = {
        total,
        ...(fiscal === undefined ? {} : { fiscal }),
        ...(other === undefined ? {} : { other }),
      };
  }
  const goalProgress = r.text(input, 'goalProgress', 'checkpoint.goalProgress', '总体目标完成情况', false);
  const list = input['indicators'];
  const indicators: IndicatorProgress[] = [];
  if (!Array.isArray(list)) r.issues.push({ path: 'checkpoint.indicators', message: '指标进度应为列表' });
  else {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      const p = progress(r, v, `checkpoint.indicators.${String(i)}`, sheet);
      if (p === undefined) return;
      if (seen.has(p.name))
        r.issues.push({
          path: `checkpoint.indicators.${String(i)}.name`,
          message: `三级指标“${p.name}”重复填报`,
        });
      seen.add(p.name);
      indicators.push(p);
    });
  }
  if (r.issues.length > 0 || months === undefined || executed === undefined)
    return { ok: false, issues: r.issues };
  return {
    ok: true,
    value: { months, executed, indicators, ...(goalProgress === undefined ? {} : { goalProgress }) },
  };
}
