/** The unit's facts: basic data, duties, organisation and staffing, budget and its execution. */
import type { Table } from 'docx';
import type { Budget, BudgetLine, Evaluation, StaffCounts } from '../../core/model.ts';
import { DASH, amount, count, money, rateOf } from './format.ts';
import { type Row, c, table } from './tables.ts';

const FACT_LABELS: [key: string, label: string][] = [
  ['department', '主管部门'],
  ['nature', '单位性质'],
  ['fundingSource', '经费来源'],
  ['creditCode', '统一社会信用代码'],
  ['address', '地址'],
  ['head', '单位负责人'],
];

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** "单位性质：行政单位；经费来源：财政补助 (全额拨款)；…" from the facts the file gives. */
export function unitFacts(ev: Evaluation): string {
  const u = ev.unit;
  const parts = FACT_LABELS.filter(([k]) => typeof u[k] === 'string' && u[k] !== '').map(
    ([k, label]) => `${label}：${String(u[k])}`,
  );
  const orgs = strings(u['internalOrgs']);
  const subs = strings(u['subordinates']);
  if (orgs.length > 0) parts.push(`内设机构${orgs.length}个：${orgs.join('、')}`);
  if (subs.length > 0) parts.push(`下属单位${subs.length}个：${subs.join('、')}`);
  return parts.length > 0 ? `${u.name}，${parts.join('；')}。` : '';
}

export function duties(ev: Evaluation): string[] {
  return strings(ev.unit['duties']);
}

const STAFF: [keyof StaffCounts, string][] = [
  ['total', '合计'],
  ['administrative', '行政'],
  ['institutional', '事业'],
  ['service', '工勤'],
];

/** 编制数 / 实有人数 by category; undefined when the file has no staffing figures. */
export function staffingTable(ev: Evaluation): Table | undefined {
  const { authorized, actual } = ev.staffing;
  const cats = STAFF.filter(([k]) => authorized?.[k] !== undefined || actual?.[k] !== undefined);
  if (cats.length === 0) return undefined;
  const rows: Row[] = [
    [c('类别'), ...cats.map(([, l]) => c(l))],
    [c('编制数（人）'), ...cats.map(([k]) => c(count(authorized?.[k])))],
    [c('实有人数（人）'), ...cats.map(([k]) => c(count(actual?.[k])))],
  ];
  return table(rows, { widths: [2, ...cats.map(() => 1)] });
}

export function staffingText(ev: Evaluation): string {
  const { authorized, actual, retired } = ev.staffing;
  const parts: string[] = [];
  if (authorized?.total !== undefined) parts.push(`编制数${count(authorized.total)}人`);
  if (actual?.total !== undefined) parts.push(`实有人数${count(actual.total)}人`);
  if (retired !== undefined) parts.push(`离退休人员${count(retired)}人`);
  return parts.length > 0 ? `${ev.unit.name}${parts.join('，')}。` : '';
}

type Line = [label: string, line: BudgetLine];

function budgetLines(b: Budget): Line[] {
  const lines: Line[] = [['合计', b]];
  const structure: [keyof Budget, string][] = [
    ['basic', '基本支出'],
    ['personnel', '其中：人员经费'],
    ['publicFunds', '其中：公用经费'],
    ['project', '项目支出'],
  ];
  for (const [k, label] of structure) {
    const line = b[k] as BudgetLine | undefined;
    if (line) lines.push([label, line]);
  }
  for (const s of b.sources) lines.push([`资金来源：${s.name}`, s]);
  return lines;
}

/** 年初预算 | 调整 | 全年预算 | 执行数 | 执行率 by structure and source, in the evaluation's unit. */
export function budgetTable(ev: Evaluation): Table {
  const rows: Row[] = [
    [c('项目'), c('年初预算'), c('预算调整'), c('全年预算'), c('全年执行数'), c('执行率')],
    ...budgetLines(ev.budget).map(([label, l]): Row => [
      c(label, { align: 'left' }),
      c(amount(ev, l.initial), { align: 'right' }),
      c(amount(ev, l.adjustment), { align: 'right' }),
      c(amount(ev, l.annual), { align: 'right' }),
      c(amount(ev, l.executed), { align: 'right' }),
      c(rateOf(l.executed, l.annual), { align: 'right' }),
    ]),
  ];
  return table(rows, { widths: [2.6, 1.5, 1.5, 1.5, 1.5, 1.2] });
}

/** "全年预算7,219,023.00元，全年执行7,202,507.26元，预算执行率99.77%。…" */
export function budgetText(ev: Evaluation): string {
  const b = ev.budget;
  const parts: string[] = [];
  if (b.initial !== undefined) parts.push(`年初预算${money(ev, b.initial)}`);
  if (b.adjustment !== undefined) parts.push(`预算调整${money(ev, b.adjustment)}`);
  if (b.annual !== undefined) parts.push(`全年预算${money(ev, b.annual)}`);
  if (b.received !== undefined) parts.push(`实际到位${money(ev, b.received)}`);
  if (b.executed !== undefined) parts.push(`全年执行${money(ev, b.executed)}`);
  const rate = rateOf(b.executed, b.annual);
  if (rate !== DASH) parts.push(`预算执行率${rate}`);
  if (b.carryOver !== undefined) parts.push(`年末结转结余${money(ev, b.carryOver)}`);
  const tp = b.threePublic;
  if (tp?.executed !== undefined) parts.push(`“三公”经费支出${money(ev, tp.executed)}`);
  return parts.length > 0 ? `${ev.fiscalYear}年度${parts.join('，')}。` : '';
}
