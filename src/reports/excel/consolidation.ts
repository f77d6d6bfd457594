/**
 * Workbooks of 汇总与排名: a department's units side by side (单位对比, 汇总, 跨单位核查) and the
 * ranking of a region's units (排名). They take the figures as the service gives them — exact
 * decimal text — and write each as a number with 2 decimals (percentages as fractions).
 */
import ExcelJS from 'exceljs';
import type {
  CellJson,
  ConsolidatedJson,
  CrossFindingJson,
  RankedJson,
  RowJson,
  UnitFiguresJson,
} from '../../core/consolidation/index.ts';
import { FMT_AMOUNT, FMT_PERCENT, DASH, FONT_TITLE, frame, headerRow, setText, toBytes } from './style.ts';

/** What the workbook reads of a department's consolidation (as the service gives it). */
export interface SideBySideInput {
  department: { name: string };
  fiscalYear: number;
  amountUnit: string;
  units: Pick<UnitFiguresJson, 'name' | 'annual' | 'executed' | 'executionRate' | 'total' | 'grade'>[];
  rows: (Pick<RowJson, 'code' | 'level' | 'name'> & {
    cells: (Pick<CellJson, 'name' | 'weight' | 'score'> | null)[];
  })[];
  consolidated: Omit<ConsolidatedJson, 'rule'>;
  findings: (Pick<CrossFindingJson, 'kindName' | 'code' | 'message'> & { units: { name: string }[] })[];
}

/** What the workbook reads of a ranking (as the service gives it). */
export interface RankingInput {
  fiscalYear: number;
  rows: RankedJson[];
}

function number(cell: ExcelJS.Cell, text: string | null, format = FMT_AMOUNT): void {
  if (text === null) {
    setText(cell, DASH);
    return;
  }
  cell.value = Number(text);
  cell.numFmt = format;
}

/** "95.40%" → 0.954 as a percentage cell. */
function percent(cell: ExcelJS.Cell, text: string | null): void {
  if (text === null) {
    setText(cell, DASH);
    return;
  }
  cell.value = Number((Number(text.replace('%', '')) / 100).toFixed(6));
  cell.numFmt = FMT_PERCENT;
}

function title(ws: ExcelJS.Worksheet, text: string, width: number): void {
  ws.mergeCells(1, 1, 1, Math.max(width, 1));
  const cell = ws.getCell(1, 1);
  setText(cell, text);
  cell.font = FONT_TITLE;
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
}

function sideSheet(wb: ExcelJS.Workbook, v: SideBySideInput): void {
  const ws = wb.addWorksheet('单位对比');
  const width = 2 + v.units.length * 2;
  title(ws, `${v.department.name}${String(v.fiscalYear)}年度各单位指标得分对比`, width);
  headerRow(ws, 2, [
    '指标编码',
    '指标名称',
    ...v.units.flatMap((u) => [`${u.name}\n分值`, `${u.name}\n得分`]),
  ]);
  v.rows.forEach((row, i) => {
    const r = 3 + i;
    setText(ws.getCell(r, 1), row.code);
    setText(ws.getCell(r, 2), `${'  '.repeat(Math.max(row.level - 1, 0))}${row.name}`);
    row.cells.forEach((c, j) => {
      if (c === null) {
        setText(ws.getCell(r, 3 + j * 2), DASH);
        setText(ws.getCell(r, 4 + j * 2), DASH);
        return;
      }
      number(ws.getCell(r, 3 + j * 2), c.weight);
      number(ws.getCell(r, 4 + j * 2), c.score);
    });
  });
  const totalRow = 3 + v.rows.length;
  setText(ws.getCell(totalRow, 2), '合计');
  v.units.forEach((u, j) => {
    number(ws.getCell(totalRow, 4 + j * 2), u.total);
  });
  frame(ws, 2, totalRow, 1, width);
  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = 36;
  for (let c = 3; c <= width; c++) ws.getColumn(c).width = 14;
}

function summarySheet(wb: ExcelJS.Workbook, v: SideBySideInput): void {
  const ws = wb.addWorksheet('汇总');
  title(ws, `${v.department.name}${String(v.fiscalYear)}年度汇总`, 6);
  headerRow(ws, 2, [
    '单位',
    `全年预算数（${v.amountUnit}）`,
    `执行数（${v.amountUnit}）`,
    '预算执行率',
    '得分',
    '等级',
  ]);
  const line = (r: number, name: string, x: SideBySideInput['units'][number]): void => {
    setText(ws.getCell(r, 1), name);
    number(ws.getCell(r, 2), x.annual);
    number(ws.getCell(r, 3), x.executed);
    percent(ws.getCell(r, 4), x.executionRate);
    number(ws.getCell(r, 5), x.total);
    setText(ws.getCell(r, 6), x.grade);
  };
  v.units.forEach((u, i) => {
    line(3 + i, u.name, u);
  });
  const r = 3 + v.units.length;
  const c = v.consolidated;
  setText(ws.getCell(r, 1), `汇总（${c.ruleName}）`);
  number(ws.getCell(r, 2), c.annual);
  number(ws.getCell(r, 3), c.executed);
  percent(ws.getCell(r, 4), c.executionRate);
  number(ws.getCell(r, 5), c.score);
  setText(ws.getCell(r, 6), c.grade ?? DASH);
  frame(ws, 2, r, 1, 6);
  if (c.problem !== null) setText(ws.getCell(r + 1, 1), c.problem);
  ws.getColumn(1).width = 34;
  for (let i = 2; i <= 6; i++) ws.getColumn(i).width = 16;
}

function findingsSheet(wb: ExcelJS.Workbook, v: SideBySideInput): void {
  const ws = wb.addWorksheet('跨单位核查');
  headerRow(ws, 1, ['指标编码', '问题类型', '涉及单位', '说明']);
  v.findings.forEach((f, i) => {
    setText(ws.getCell(2 + i, 1), f.code);
    setText(ws.getCell(2 + i, 2), f.kindName);
    setText(ws.getCell(2 + i, 3), f.units.map((u) => u.name).join('、'));
    setText(ws.getCell(2 + i, 4), f.message);
  });
  if (v.findings.length === 0) setText(ws.getCell(2, 1), '未发现跨单位不一致');
  frame(ws, 1, 1 + Math.max(v.findings.length, 1), 1, 4);
  ws.getColumn(3).width = 40;
  ws.getColumn(4).width = 80;
}

/** 单位对比 + 汇总 + 跨单位核查. */
export async function renderSideBySide(v: SideBySideInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  sideSheet(wb, v);
  summarySheet(wb, v);
  findingsSheet(wb, v);
  return toBytes(wb);
}

/** 排名: rank (并列 marked), unit, department, region, score, grade, execution rate. */
export async function renderRanking(v: RankingInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('排名');
  title(ws, `${String(v.fiscalYear)}年度单位绩效评价得分排名`, 7);
  headerRow(ws, 2, ['排名', '单位', '主管部门', '区划', '得分', '等级', '预算执行率']);
  v.rows.forEach((row, i) => {
    const r = 3 + i;
    ws.getCell(r, 1).value = row.rank;
    if (row.tied) ws.getCell(r, 1).note = '并列';
    setText(ws.getCell(r, 2), row.name);
    setText(ws.getCell(r, 3), row.parentName ?? DASH);
    setText(ws.getCell(r, 4), row.region);
    number(ws.getCell(r, 5), row.total);
    setText(ws.getCell(r, 6), row.grade);
    percent(ws.getCell(r, 7), row.executionRate);
  });
  frame(ws, 2, 2 + Math.max(v.rows.length, 0), 1, 7);
  ws.getColumn(2).width = 34;
  ws.getColumn(3).width = 24;
  ws.getColumn(4).width = 30;
  return toBytes(wb);
}
