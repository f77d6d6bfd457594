/**
 * The import template (导入模板): a documented workbook the user fills instead of JSON — 说明,
 * 基本信息, 预算, 人员, 指标, 问卷, 问卷选项 — with drop-down lists and column notes; pre-filled from an evaluation.
 */
import ExcelJS from 'exceljs';
import type { EvaluationInput, IndicatorInputT } from '../../core/schema/evaluation.ts';
import { frame, setText } from '../../reports/excel/style.ts';
import { guideRows } from './guide.ts';
import {
  BUDGET_FIELDS,
  DIMENSION_CHOICES,
  type Field,
  INDICATOR_COLUMNS,
  INFO_FIELDS,
  SHEETS,
  SOURCE_COLUMNS,
  SOURCE_PREFIX,
  STAFF_FIELDS,
  columnLetter,
} from './layout.ts';
import { methodLabels, writeParams } from './params.ts';
import { surveySheets } from './survey-sheets.ts';
import { type Value, listValidation, numeric, writeColumns, writeHeader, writeValue } from './write.ts';
import { writeActual, writeGrades, writeNotApplicable, writeRounding, writeTarget } from './written.ts';
import { methodLabel } from '../../core/scoring/registry.ts';

type Row = (string | number)[];

/** Extra rows of drop-down validation below the filled rows, for the user to add indicators. */
const SPARE_ROWS = 500;

function at(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function amountValue(v: unknown): Value {
  if (typeof v === 'object' && v !== null && 'value' in v && 'unit' in v) {
    const o = v as { value: number | string; unit: string };
    return `${String(o.value)}${o.unit}`;
  }
  return numeric(v);
}

function labelOf(choices: Readonly<Record<string, string>>, code: unknown): Value {
  return Object.keys(choices).find((k) => choices[k] === code);
}

/** The rows one field takes: lists one per item (at least one), others one. */
function fieldValues(field: Field, from: EvaluationInput | undefined): Value[] {
  const v = at(from, field.path);
  switch (field.path) {
    case 'rules.rounding':
      return [writeRounding(from?.rules?.rounding) || undefined];
    case 'rules.grades':
      return [writeGrades(from?.rules?.grades) || undefined];
    default:
      break;
  }
  if (field.type === 'list') {
    const items = Array.isArray(v)
      ? v.map((x) => (typeof x === 'object' && x !== null ? (x as { text: string }).text : String(x)))
      : [];
    return items.length > 0 ? items : [undefined];
  }
  if (field.type === 'choice' && field.choices) return [labelOf(field.choices, v)];
  if (field.type === 'amount' || field.type === 'number' || field.type === 'year') return [amountValue(v)];
  return [typeof v === 'string' ? v : undefined];
}

function keyValueSheet(
  wb: ExcelJS.Workbook,
  name: string,
  valueHeader: string,
  rows: { label: string; value: Value; note: string; field?: Field }[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 24 }, { width: 40 }, { width: 56 }];
  writeHeader(ws, ['项目', valueHeader, '说明']);
  rows.forEach((r, i) => {
    const row = i + 2;
    setText(ws.getCell(row, 1), r.label);
    writeValue(ws.getCell(row, 2), r.value, r.field?.type === 'amount');
    setText(ws.getCell(row, 3), r.note);
    if (r.field?.choices) listValidation(ws, `B${row}`, Object.keys(r.field.choices));
  });
  frame(ws, 1, rows.length + 1, 1, 3);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

function fieldRows(fields: readonly Field[], from: EvaluationInput | undefined) {
  return fields.flatMap((field) =>
    fieldValues(field, from).map((value) => ({ label: field.label, value, note: field.note, field })),
  );
}

function sourceRows(from: EvaluationInput | undefined) {
  const sources = from?.budget?.sources ?? [];
  const list = sources.length > 0 ? sources : [{ name: '财政拨款' }];
  return list.flatMap((s) =>
    SOURCE_COLUMNS.map(([label, key]) => ({
      label: `${SOURCE_PREFIX}${s.name}·${label}`,
      value: amountValue((s as Record<string, unknown>)[key]),
      note: `按资金来源（${s.name}）的${label}；来源名称可改，可复制行增加来源`,
    })),
  );
}

interface FlatIndicator {
  node: IndicatorInputT;
  code: string;
  parent: string;
}

/** Pre-order, with the codes the core would generate where the file has none. */
function flatten(nodes: readonly IndicatorInputT[], parent = ''): FlatIndicator[] {
  return nodes.flatMap((node, i) => {
    const code = node.code ?? (parent === '' ? String(i + 1) : `${parent}.${i + 1}`);
    return [{ node, code, parent }, ...flatten(node.children ?? [], code)];
  });
}

function indicatorValues(f: FlatIndicator): Record<string, Value> {
  const n = f.node;
  return {
    code: f.code,
    parent: f.parent,
    name: n.name,
    weight: numeric(n.weight),
    target: writeTarget(n.target),
    actual: writeActual(n.actual),
    method: n.method ? methodLabel(n.method.type) : undefined,
    params: n.method ? writeParams(n.method) : undefined,
    deviation: n.deviation,
    measures: n.measures,
    rule: n.method?.rule,
    dimension: n.dimension ? labelOf(DIMENSION_CHOICES, n.dimension) : undefined,
    notApplicable: writeNotApplicable(n.notApplicable),
    overrideScore: numeric(n.override?.score),
    overrideReason: n.override?.reason,
  };
}

function indicatorSheet(wb: ExcelJS.Workbook, from: EvaluationInput | undefined): void {
  const ws = wb.addWorksheet(SHEETS.indicators);
  writeColumns(ws, INDICATOR_COLUMNS);
  const rows = flatten(from?.indicators ?? []);
  rows.forEach((f, i) => {
    const values = indicatorValues(f);
    INDICATOR_COLUMNS.forEach((c, j) => {
      writeValue(ws.getCell(i + 2, j + 1), values[c.key]);
    });
  });
  const last = rows.length + 1 + SPARE_ROWS;
  const col = (key: string): string => columnLetter(INDICATOR_COLUMNS.findIndex((c) => c.key === key) + 1);
  listValidation(ws, `${col('method')}2:${col('method')}${last}`, methodLabels());
  listValidation(ws, `${col('dimension')}2:${col('dimension')}${last}`, Object.keys(DIMENSION_CHOICES));
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 3 }];
}

function guideSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEETS.guide);
  ws.columns = [{ width: 12 }, { width: 22 }, { width: 90 }];
  writeHeader(ws, ['工作表', '项目', '含义与填写方法']);
  const rows: Row[] = guideRows();
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      setText(ws.getCell(i + 2, j + 1), String(v));
    });
  });
  frame(ws, 1, rows.length + 1, 1, 3);
}

export async function buildImportTemplate(opts?: { from?: EvaluationInput }): Promise<Uint8Array> {
  const from = opts?.from;
  const wb = new ExcelJS.Workbook();
  guideSheet(wb);
  keyValueSheet(wb, SHEETS.info, '内容', fieldRows(INFO_FIELDS, from));
  keyValueSheet(wb, SHEETS.budget, '金额', [...fieldRows(BUDGET_FIELDS, from), ...sourceRows(from)]);
  keyValueSheet(wb, SHEETS.staffing, '人数', fieldRows(STAFF_FIELDS, from));
  indicatorSheet(wb, from);
  surveySheets(wb, from);
  wb.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' },
  ];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
