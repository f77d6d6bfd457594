/**
 * Excel in: the import workbook (see template.ts) → the file format, validated by the core.
 * Streams the workbook; every problem is reported at its sheet, row and column, all at once.
 */
import type { Readable } from 'node:stream';
import { InputError, parseEvaluation } from '../../core/normalize.ts';
import { type EvaluationInput, FORMAT } from '../../core/schema/evaluation.ts';
import { ImportError, Issues, type Location } from './errors.ts';
import { IndicatorReader } from './indicator-rows.ts';
import { KeyValueReader, isKeyValueSheet } from './key-values.ts';
import { SHEETS } from './layout.ts';
import { readRows } from './read.ts';
import { SurveyReader } from './survey-rows.ts';

export { ImportError, type ImportIssue, issueLocation } from './errors.ts';

interface Readers {
  kv: KeyValueReader;
  ind: IndicatorReader;
  sv: SurveyReader;
}

async function read(data: Uint8Array | Readable, { kv, ind, sv }: Readers, issues: Issues) {
  try {
    return await readRows(data, (sheet, row) => {
      if (sheet === SHEETS.indicators) ind.row(row);
      else if (sheet === SHEETS.surveys) sv.row(row);
      else if (sheet === SHEETS.surveyLevels) sv.levelRow(row);
      else if (isKeyValueSheet(sheet)) kv.row(sheet, row);
    });
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    issues.add({ sheet: '' }, '不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入');
    return undefined;
  }
}

function assemble({ kv, ind, sv }: Readers): EvaluationInput {
  // The core's validation decides what is valid; here the parts are only put together.
  const surveys = sv.finish();
  return {
    format: FORMAT,
    ...kv.out,
    ...(surveys ? { surveys } : {}),
    indicators: ind.roots,
  } as unknown as EvaluationInput;
}

/** Where a core issue's field path was read from. */
function locate(path: string, { kv, ind, sv }: Readers): Location {
  const fromTree = ind.locate(path) ?? sv.locate(path);
  if (fromTree) return fromTree;
  if (path === 'indicators') return { sheet: SHEETS.indicators };
  // A missing object (unit) points at its first field read (unit.name).
  for (const [p, at] of kv.where) if (p.startsWith(`${path}.`)) return at;
  for (let p = path; p !== ''; p = p.replace(/(\.[^.[]+|\[\d+\])$/, '')) {
    const at = kv.where.get(p);
    if (at) return at;
    if (!/(\.[^.[]+|\[\d+\])$/.test(p)) break;
  }
  return { sheet: SHEETS.info };
}

function valueAt(root: unknown, path: string): unknown {
  let v = root;
  for (const key of path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function validate(ev: EvaluationInput, readers: Readers, issues: Issues): void {
  try {
    parseEvaluation(ev);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    for (const i of e.issues) {
      const at = locate(i.path, readers);
      const message = valueAt(ev, i.path) === undefined ? '必填项未填写' : i.message;
      const prefixed = at.row === undefined && at.sheet === SHEETS.info;
      issues.addUnlessSeen(at, prefixed ? `${i.path}：${message}` : message);
    }
  }
}

/** Reads an import workbook. Throws ImportError listing every problem. */
export async function importWorkbook(data: Uint8Array | Readable): Promise<EvaluationInput> {
  const issues = new Issues();
  const readers: Readers = {
    kv: new KeyValueReader(issues),
    ind: new IndicatorReader(issues),
    sv: new SurveyReader(issues),
  };
  const seen = await read(data, readers, issues);
  if (seen === undefined) throw new ImportError(issues.list);
  for (const sheet of [SHEETS.info, SHEETS.indicators]) {
    if (!seen.has(sheet)) issues.add({ sheet }, '缺少此工作表（请使用 jixiao template 生成的模板）');
  }
  const ev = assemble(readers);
  validate(ev, readers, issues);
  if (issues.list.length > 0) throw new ImportError(issues.list);
  return ev;
}
