/**
 * A department's report that states the department's budget and then each unit's: the units'
 * figures must add up to the department's (seed 001: "全年财政安排预算资金共计4,077.27万元（其中基本支出
 * 3,567.82万元…）" against 3,014.03 + 612.41 + 121.20 + 329.62 = 4,077.26). Where only one unit has
 * such money at all, its figure is the department's, stated twice: a conflict, not a sum.
 */
import { amountInYuan, formatMoney, splitAmount } from '../core/amounts.ts';
import { type Rat, ZERO, add, eq, isZero } from '../core/decimal/index.ts';
import type { CheckFinding } from './report.ts';
import type { XSum, XUnit } from './tree.ts';

type Field = 'initial' | 'adjustment' | 'annual' | 'executed';

const FIELD_NAME: Record<Field, string> = {
  initial: '年初预算数',
  adjustment: '追加（调整）数',
  annual: '全年预算数',
  executed: '支出数',
};
const SCOPE_NAME: Record<string, string> = { '': '', basic: '基本支出', project: '项目支出' };

/** What a department's stated sum is a figure of, by its words. */
function fieldOf(label: string): Field | undefined {
  if (/追加|调整|调增|调减/.test(label)) return 'adjustment';
  if (/年初/.test(label)) return 'initial';
  if (/预算|安排|拨款/.test(label)) return 'annual';
  if (/决算|执行|实际支出|支出合计|支出总计/.test(label)) return 'executed';
  return undefined;
}

function scopeOf(label: string): string | undefined {
  if (/基本支出/.test(label)) return 'basic';
  if (/项目支出/.test(label)) return 'project';
  return undefined;
}

/** Each unit's figures, by the part of the report they stand in; the stated before the worked out. */
function figuresByUnit(units: readonly XUnit[]): Map<string, Map<string, Rat>> {
  const out = new Map<string, Map<string, Rat>>(units.map((u) => [u.name, new Map()]));
  for (const pass of [false, true])
    for (const u of units)
      for (const a of u.amounts) {
        if ((a.derived === true) !== pass) continue;
        const own = out.get(a.under ?? u.name);
        const v = amountInYuan(a.value);
        if (own && v !== undefined && !own.has(a.field)) own.set(a.field, v);
      }
  return out;
}

/** A unit's figure; a part it has none of when its whole is all the other part ("均为基本支出"). */
function figure(own: Map<string, Rat>, scope: string, field: Field): Rat | undefined {
  const stated = own.get(`budget.${scope === '' ? '' : `${scope}.`}${field}`);
  if (stated !== undefined || scope === '') return stated;
  const other = scope === 'basic' ? 'project' : 'basic';
  const whole = own.get('budget.annual');
  const otherWhole = own.get(`budget.${other}.annual`);
  return whole !== undefined && otherWhole !== undefined && eq(whole, otherWhole) ? ZERO : undefined;
}

interface Check {
  sum: XSum;
  scope: string;
  field: Field;
  stated: string;
}

function checksOf(sum: XSum): Check[] {
  const field = fieldOf(sum.label);
  if (field === undefined) return [];
  const out: Check[] = [{ sum, scope: '', field, stated: sum.total }];
  for (const p of sum.parts) {
    const scope = scopeOf(p.label);
    if (scope !== undefined) out.push({ sum, scope, field, stated: p.value });
  }
  return out;
}

/**
 * The department's sums (`department.sums`, read from the sentences that speak of the whole
 * department) against its units' figures. `unextracted` learns which could not be checked.
 */
export function departmentFindings(
  department: XUnit,
  units: readonly XUnit[],
  unextracted: string[],
): CheckFinding[] {
  if (units.length < 2) return [];
  const figures = figuresByUnit(units);
  const findings: CheckFinding[] = [];
  for (const c of department.sums.flatMap(checksOf)) {
    const stated = amountInYuan(c.stated);
    if (stated === undefined) continue;
    const what = `${SCOPE_NAME[c.scope] ?? ''}${FIELD_NAME[c.field]}`;
    const values = units.map((u) => ({
      unit: u.name,
      value: figure(figures.get(u.name) ?? new Map<string, Rat>(), c.scope, c.field),
    }));
    const missing = values.filter((v) => v.value === undefined).map((v) => v.unit);
    if (missing.length > 0) {
      // a unit's whole budget unstated is worth saying; a part of it (追加 …) often is not stated
      if (c.scope === '' && c.field === 'annual')
        unextracted.push(`${department.name}：部门${what}未能与各单位核对（${missing.join('、')}未写明）`);
      continue;
    }
    const total = values.reduce((t, v) => add(t, v.value ?? ZERO), ZERO);
    if (eq(total, stated)) continue;
    const unit = splitAmount(c.stated).unit ?? '元';
    const contributing = values.filter((v) => v.value !== undefined && !isZero(v.value));
    const cited = `${c.sum.where}：“${c.sum.quote}”：`;
    const only = contributing.length === 1 ? contributing[0] : undefined;
    findings.push(
      only !== undefined
        ? {
            severity: 'error',
            kind: 'figure-conflict',
            message: `${cited}部门所述${what}为 ${formatMoney(stated, unit)}，而只有${only.unit}有此项资金，其所述为 ${formatMoney(only.value ?? ZERO, unit)}`,
            quote: c.sum.quote,
            where: c.sum.where,
            unit: department.name,
          }
        : {
            severity: 'error',
            kind: 'sum-mismatch',
            message: `${cited}${String(units.length)}个单位${what} ${values.map((v) => `${formatMoney(v.value ?? ZERO, unit)}（${v.unit}）`).join(' + ')} = ${formatMoney(total, unit)}，与所述部门合计 ${formatMoney(stated, unit)} 不符`,
            quote: c.sum.quote,
            where: c.sum.where,
            unit: department.name,
          },
    );
  }
  return findings;
}
