/**
 * 绩效监控情况表 as .docx (landscape A4), one table in the layout of the official form: 资金情况 with
 * 执行率 against 序时进度, 年度总体目标, and the indicators with √ under 偏差原因 and 完成目标可能性.
 * Rows off track carry their 偏差提示 in the last column, and the execution lag is stated.
 */
import { type Rat, formatAmount, formatPercent, toFixed } from '../../core/decimal/index.ts';
import {
  CAUSE_HEADERS,
  LIKELIHOOD_HEADERS,
  type MonitoringExport,
  monitoringTable,
} from '../../core/monitoring/index.ts';
import { pack } from './document.ts';
import { DASH } from './format.ts';
import { LANDSCAPE_TEXT_WIDTH, subtitle, title } from './style.ts';
import { type Row, c, table } from './tables.ts';
import { Writer } from './writer.ts';

const WIDTH = 16;
const WIDTHS = [1.1, 1.2, 1.6, 1.2, 1.2, 1.2, 0.6, 0.6, 0.6, 0.7, 0.6, 0.6, 0.6, 0.7, 2.2, 2.2];

const money = (r: Rat | undefined): string => (r === undefined ? DASH : formatAmount(r));
const rate = (r: Rat | undefined): string => (r === undefined ? DASH : formatPercent(r));

export const renderMonitoringWord: MonitoringExport = async (sheet, checkpoint, meta = {}) => {
  const t = monitoringTable(sheet, checkpoint, meta.fiscalYear);
  const rows: Row[] = [
    [c(t.scopeLabel, { colSpan: 3, bold: true }), c(t.name, { colSpan: WIDTH - 3, align: 'left' })],
  ];
  if (meta.unitName !== undefined)
    rows.push([
      c('实施单位', { colSpan: 3, bold: true }),
      c(meta.unitName, { colSpan: WIDTH - 3, align: 'left' }),
    ]);
  rows.push([
    c(`资金情况（${t.amountUnit}）`, { colSpan: 3, bold: true }),
    c('全年预算数', { colSpan: 3, bold: true }),
    c(`${t.period}执行数`, { colSpan: 3, bold: true }),
    c('执行率', { colSpan: 3, bold: true }),
    c('序时进度', { colSpan: 2, bold: true }),
    c('执行进度偏差', { colSpan: 2, bold: true }),
  ]);
  t.funds.forEach((f, i) => {
    rows.push([
      c(f.label, { colSpan: 3, align: 'left' }),
      c(money(f.annual), { colSpan: 3, align: 'right' }),
      c(money(f.executed), { colSpan: 3, align: 'right' }),
      c(rate(f.rate), { colSpan: 3 }),
      ...(i === 0
        ? [
            c(`${toFixed(t.elapsed, 2)}%`, {
              colSpan: 2,
              rowSpan: t.funds.length,
              valign: 'center' as const,
            }),
            c(t.executionText, {
              colSpan: 2,
              rowSpan: t.funds.length,
              align: 'left' as const,
              bold: t.executionBehind,
            }),
          ]
        : []),
    ]);
  });
  rows.push([
    c('年度总体目标', { colSpan: 3, bold: true }),
    c(t.overallGoal, { colSpan: 6, align: 'left' }),
    c(`${t.period}总体目标完成情况`, { colSpan: 3, bold: true }),
    c(t.goalProgress, { colSpan: 4, align: 'left' }),
  ]);
  const span2 = (text: string) => c(text, { rowSpan: 2, bold: true, valign: 'center' });
  rows.push([
    span2('一级指标'),
    span2('二级指标'),
    span2('三级指标'),
    span2('年度指标值'),
    span2(`${t.period}执行情况`),
    span2('全年预计完成情况'),
    c('偏差原因', { colSpan: 5, bold: true }),
    c('完成目标可能性', { colSpan: 3, bold: true }),
    span2('原因说明及纠偏措施'),
    span2('偏差提示'),
  ]);
  rows.push([...CAUSE_HEADERS, ...LIKELIHOOD_HEADERS].map((h) => c(h, { bold: true })));
  for (const ind of t.indicators)
    rows.push([
      c(ind.level1),
      c(ind.level2),
      c(ind.name, { align: 'left' }),
      c(ind.target),
      c(ind.toDate),
      c(ind.expected),
      ...ind.causes.map((s) => c(s)),
      ...ind.likelihood.map((s) => c(s)),
      c(ind.measures, { align: 'left' }),
      c(ind.flags, { align: 'left', bold: ind.offTrack }),
    ]);
  const w = new Writer();
  w.add(...title(t.title));
  if (meta.unitName !== undefined) w.add(subtitle(meta.unitName));
  w.table('绩效监控情况', table(rows, { widths: WIDTHS, headerRows: 0, width: LANDSCAPE_TEXT_WIDTH }));
  w.p(`执行进度：${t.executionText}。偏离目标的指标 ${String(t.deviations.offTrack)} 个。`);
  return pack([{ landscape: true, children: w.blocks, images: w.images }], { title: t.title });
};
