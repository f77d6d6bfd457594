/**
 * 绩效监控情况表 as .docx (landscape A4), one table in the layout of the official form: 资金情况 with
 * 执行率 against 序时进度, 年度总体目标, and the indicators with √ under 偏差原因 and 完成目标可能性.
 * Rows off track carry their 偏差提示 in the last column, and the execution lag is stated.
 */
import { type Rat, formatAmount, formatPercent, toFixed } from '../../core/decimal/index.ts';
import {
  MONITORING_COLUMNS,
  type MonitoringExport,
  indicatorCells,
  monitoringTable,
} from '../../core/monitoring/index.ts';
import { pack } from './document.ts';
import { DASH } from './format.ts';
import { LANDSCAPE_TEXT_WIDTH, subtitle, title } from './style.ts';
import { type Row, c, table } from './tables.ts';
import { Writer } from './writer.ts';

const WIDTH = MONITORING_COLUMNS;
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
  rows.push(t.fundHeads.map((h) => c(h.label, { colSpan: h.span, bold: true })));
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
  rows.push(
    t.indicatorHeads.map((h) =>
      h.under === undefined
        ? c(h.label, { rowSpan: 2, bold: true, valign: 'center' })
        : c(h.label, { colSpan: h.span, bold: true }),
    ),
  );
  rows.push(t.indicatorHeads.flatMap((h) => h.under ?? []).map((h) => c(h, { bold: true })));
  const last = WIDTH - 1;
  for (const ind of t.indicators)
    rows.push(
      // 三级指标 and 原因说明及纠偏措施 read from the left, as does 偏差提示 (bold when off track)
      indicatorCells(ind).map((text, i) =>
        i === last
          ? c(text, { align: 'left', bold: ind.offTrack })
          : i === 2 || i === last - 1
            ? c(text, { align: 'left' })
            : c(text),
      ),
    );
  const w = new Writer();
  w.add(...title(t.title));
  if (meta.unitName !== undefined) w.add(subtitle(meta.unitName));
  w.table('绩效监控情况', table(rows, { widths: WIDTHS, headerRows: 0, width: LANDSCAPE_TEXT_WIDTH }));
  w.p(`执行进度：${t.executionText}。偏离目标的指标 ${String(t.deviations.offTrack)} 个。`);
  return pack([{ landscape: true, children: w.blocks, images: w.images }], { title: t.title });
};
