/**
 * 绩效监控情况表 as .xlsx (landscape A4): the funds with 执行率 against 序时进度, the 年度总体目标,
 * and one row per indicator with √ under its 偏差原因 and 完成可能性; rows off track are shaded.
 */
import ExcelJS from 'exceljs';
import { toFixed } from '../../core/decimal/index.ts';
import {
  MONITORING_COLUMNS,
  type MonitoringExport,
  indicatorCells,
  monitoringTable,
} from '../../core/monitoring/index.ts';
import { frame, mergedText, printSetup, setAmount, setPercent, setText, titleRow, toBytes } from './style.ts';

const WIDTH = MONITORING_COLUMNS;
const COLUMNS = [10, 12, 16, 12, 12, 12, 6, 6, 6, 7, 6, 6, 6, 7, 26, 26];
const FLAG_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E1' } };

export const renderMonitoringExcel: MonitoringExport = async (sheet, checkpoint, meta = {}) => {
  const t = monitoringTable(sheet, checkpoint, meta.fiscalYear);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  const ws = wb.addWorksheet('绩效监控情况表');
  COLUMNS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  titleRow(ws, 1, WIDTH, t.title);
  let row = 2;
  mergedText(ws, row, 1, 3, t.scopeLabel, true);
  mergedText(ws, row, 4, WIDTH, t.name);
  row++;
  if (meta.unitName !== undefined) {
    mergedText(ws, row, 1, 3, '实施单位', true);
    mergedText(ws, row, 4, WIDTH, meta.unitName);
    row++;
  }
  const top = 2;
  // 资金情况
  let col = 1;
  for (const h of t.fundHeads) {
    mergedText(ws, row, col, col + h.span - 1, h.label, true);
    col += h.span;
  }
  const fundTop = ++row;
  for (const f of t.funds) {
    mergedText(ws, row, 1, 3, f.label);
    ws.mergeCells(row, 4, row, 6);
    setAmount(ws.getCell(row, 4), f.annual);
    ws.mergeCells(row, 7, row, 9);
    setAmount(ws.getCell(row, 7), f.executed);
    ws.mergeCells(row, 10, row, 12);
    setPercent(ws.getCell(row, 10), f.rate);
    row++;
  }
  ws.mergeCells(fundTop, 13, row - 1, 14);
  setText(ws.getCell(fundTop, 13), `${toFixed(t.elapsed, 2)}%`);
  ws.getCell(fundTop, 13).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(fundTop, 15, row - 1, 16);
  const lag = mergedText(ws, fundTop, 15, 15, t.executionText);
  if (t.executionBehind) lag.fill = FLAG_FILL;
  // 总体目标
  mergedText(ws, row, 1, 3, '年度总体目标', true);
  mergedText(ws, row, 4, 9, t.overallGoal);
  mergedText(ws, row, 10, 12, `${t.period}总体目标完成情况`, true);
  mergedText(ws, row, 13, WIDTH, t.goalProgress);
  row++;
  // 绩效指标
  const head = row;
  col = 1;
  for (const h of t.indicatorHeads) {
    if (h.under === undefined) {
      ws.mergeCells(head, col, head + 1, col);
      mergedText(ws, head, col, col, h.label, true);
    } else {
      mergedText(ws, head, col, col + h.span - 1, h.label, true);
      h.under.forEach((u, i) => mergedText(ws, head + 1, col + i, col + i, u, true));
    }
    col += h.span;
  }
  row = head + 2;
  for (const ind of t.indicators) {
    indicatorCells(ind).forEach((text, i) => {
      const cell = mergedText(ws, row, i + 1, i + 1, text);
      if (i >= 6 && i <= 13) cell.alignment = { horizontal: 'center', vertical: 'middle' };
      if (ind.offTrack) cell.fill = FLAG_FILL;
    });
    row++;
  }
  frame(ws, top, row - 1, 1, WIDTH);
  printSetup(ws, `${String(head)}:${String(head + 1)}`, true);
  return toBytes(wb);
};
