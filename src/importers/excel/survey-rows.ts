/**
 * The 问卷 and 问卷选项 sheets → `surveys[]`. A question row's answer-level cells are counts
 * (whole numbers: typed from paper questionnaires) or shares (percentages); a row uses one kind.
 * Rows are grouped by 问卷编号 in order of first appearance; the levels' weights come from 问卷选项
 * (the core's defaults when a survey has none there).
 */
import { HUNDRED, ONE, gt, toRat } from '../../core/decimal/index.ts';
import type { EvaluationInput } from '../../core/schema/evaluation.ts';
import { type Content, textOf } from './cells.ts';
import type { Issues, Location } from './errors.ts';
import {
  LEVEL_COLUMNS,
  type LevelColumn,
  SHEETS,
  SURVEY_COLUMNS,
  SURVEY_RATE,
  type SurveyColumn,
  columnLetter,
} from './layout.ts';
import type { SheetRow } from './read.ts';

type Survey = NonNullable<EvaluationInput['surveys']>[number];
type Question = Survey['questions'][number];
type Level = NonNullable<Survey['levels']>[number];

interface Draft {
  survey: Survey;
  index: number;
  /** Row of its first question; where its name and 样本数 were read. */
  row: number;
  nameRow?: number;
  respondentsRow?: number;
  questionRows: number[];
  levelRows: number[];
}

const SHARE = /^\d+(\.\d+)?%?$/;
const EMPTY: Content = { kind: 'empty' };

/** A share's text as typed ("86.54%", "0.5"), or an error message. */
export function readShare(c: Content, what: string): string | { problem: string } {
  const t = textOf(c).replace(/\s+/g, '');
  if (!SHARE.test(t)) return { problem: `${what}“${textOf(c)}”应为百分比（如 86.54%）或小数` };
  const r = toRat(t.replace('%', ''));
  const max = t.endsWith('%') ? HUNDRED : ONE;
  if (r === undefined || gt(r, max)) return { problem: `${what}“${t}”超过 100%` };
  return t;
}

/** "0.5" → 0.5 when the number reads back the same; percentages stay text. */
function plainNumber(t: string): number | string {
  return /^\d+(\.\d+)?$/.test(t) && String(Number(t)) === t ? Number(t) : t;
}

export class SurveyReader {
  private readonly issues: Issues;
  private readonly drafts = new Map<string, Draft>();
  private columns = new Map<SurveyColumn, number>();
  private levelColumns: { label: string; col: number }[] = [];
  private levelSheetColumns = new Map<LevelColumn, number>();
  private readonly levelRows: { id: string; label: string; weight: string; row: number }[] = [];

  constructor(issues: Issues) {
    this.issues = issues;
  }

  private at(row: number, col: number | undefined, sheet: string = SHEETS.surveys): Location {
    return { sheet, row, column: col === undefined ? undefined : columnLetter(col) };
  }

  private col(key: SurveyColumn): number | undefined {
    return this.columns.get(key);
  }

  /** A row of the 问卷 sheet. */
  row(r: SheetRow): void {
    if (r.number === 1) {
      this.header(r);
      return;
    }
    for (const [col, c] of r.cells) {
      if (c.kind === 'error') this.issues.add(this.at(r.number, col), c.text);
      else if (!this.known(col))
        this.issues.add(this.at(r.number, col), '此列没有表头（选项列的表头应为选项名称）');
    }
    const get = (key: SurveyColumn): Content => {
      const c = this.col(key);
      return (c === undefined ? undefined : r.cells.get(c)) ?? EMPTY;
    };
    const id = textOf(get('survey'));
    if (id === '') {
      this.issues.add(this.at(r.number, this.col('survey') ?? 1), '缺少问卷编号');
      return;
    }
    const draft = this.draft(id, r.number);
    this.surveyFields(draft, r.number, get);
    this.question(draft, r, get);
  }

  private known(col: number): boolean {
    return [...this.columns.values()].includes(col) || this.levelColumns.some((l) => l.col === col);
  }

  private header(r: SheetRow): void {
    for (const [col, c] of r.cells) {
      const text = textOf(c);
      const def = [...SURVEY_COLUMNS, SURVEY_RATE].find((d) => d.header === text);
      if (def) this.columns.set(def.key as SurveyColumn, col);
      else if (text !== '') this.levelColumns.push({ label: text, col });
    }
    for (const key of ['survey', 'question'] as const) {
      if (!this.columns.has(key)) {
        const header = SURVEY_COLUMNS.find((d) => d.key === key)?.header ?? key;
        this.issues.add({ sheet: SHEETS.surveys, row: 1 }, `缺少表头“${header}”`);
      }
    }
  }

  private draft(id: string, row: number): Draft {
    let d = this.drafts.get(id);
    if (d === undefined) {
      d = {
        survey: { id, name: '', questions: [] },
        index: this.drafts.size,
        row,
        questionRows: [],
        levelRows: [],
      };
      this.drafts.set(id, d);
    }
    return d;
  }

  private surveyFields(d: Draft, row: number, get: (key: SurveyColumn) => Content): void {
    const name = textOf(get('name'));
    if (name !== '') {
      if (d.survey.name === '') {
        d.survey.name = name;
        d.nameRow = row;
      } else if (d.survey.name !== name)
        this.issues.add(this.at(row, this.col('name')), `问卷名称与第 ${d.nameRow ?? d.row} 行不一致`);
    }
    const n = get('respondents');
    if (n.kind === 'empty' || n.kind === 'error') return;
    const text = textOf(n);
    if (!/^\d+$/.test(text)) {
      this.issues.add(this.at(row, this.col('respondents')), `样本数“${text}”不是整数`);
      return;
    }
    if (d.survey.respondents === undefined) {
      d.survey.respondents = Number(text);
      d.respondentsRow = row;
    } else if (d.survey.respondents !== Number(text))
      this.issues.add(
        this.at(row, this.col('respondents')),
        `样本数与第 ${d.respondentsRow ?? d.row} 行不一致`,
      );
  }

  private question(d: Draft, r: SheetRow, get: (key: SurveyColumn) => Content): void {
    const id = textOf(get('question'));
    if (id === '') {
      this.issues.add(this.at(r.number, this.col('question') ?? 4), '缺少题号');
      return;
    }
    const dup = d.survey.questions.findIndex((q) => q.id === id);
    if (dup >= 0) {
      this.issues.add(
        this.at(r.number, this.col('question')),
        `题号“${id}”与第 ${d.questionRows[dup] ?? ''} 行重复`,
      );
      return;
    }
    const q: Question = { id };
    const text = textOf(get('text'));
    if (text !== '') q.text = text;
    this.answers(q, r);
    const rate = get('rate');
    if (rate.kind !== 'empty' && rate.kind !== 'error') {
      const v = readShare(rate, '得分率');
      if (typeof v === 'string') q.rate = v;
      else this.issues.add(this.at(r.number, this.col('rate')), v.problem);
    }
    if (q.shares === undefined && q.counts === undefined && rate.kind === 'empty')
      this.issues.add(this.noDataAt(r.number), '请填写各选项的份数或占比，或填写得分率');
    d.questionRows.push(r.number);
    d.survey.questions.push(q);
  }

  /** The level cells: all whole numbers → counts; any percentage or fraction → shares. */
  private answers(q: Question, r: SheetRow): void {
    const cells = this.levelColumns.flatMap((l) => {
      const c = r.cells.get(l.col);
      return c === undefined || c.kind === 'error' ? [] : [{ ...l, text: textOf(c).replace(/\s+/g, ''), c }];
    });
    if (cells.length === 0) return;
    const isCount = (t: string): boolean => /^\d+$/.test(t);
    if (cells.every((x) => isCount(x.text))) {
      q.counts = Object.fromEntries(cells.map((x) => [x.label, Number(x.text)]));
      return;
    }
    const shares: Record<string, string> = {};
    for (const x of cells) {
      const at = this.at(r.number, x.col);
      if (isCount(x.text) && x.text !== '0') {
        this.issues.add(at, `同一题不能混用份数“${x.text}”与百分比：请都填份数或都填占比`);
        continue;
      }
      const v = readShare(x.c, `选项“${x.label}”的占比`);
      if (typeof v === 'string') shares[x.label] = v;
      else this.issues.add(at, v.problem);
    }
    q.shares = shares;
  }

  private levelCol(key: LevelColumn): number {
    return this.levelSheetColumns.get(key) ?? LEVEL_COLUMNS.findIndex((d) => d.key === key) + 1;
  }

  private levelAt(row: number, key: LevelColumn): Location {
    return this.at(row, this.levelCol(key), SHEETS.surveyLevels);
  }

  /** A row of the 问卷选项 sheet. */
  levelRow(r: SheetRow): void {
    if (r.number === 1) {
      for (const [col, c] of r.cells) {
        const def = LEVEL_COLUMNS.find((d) => d.header === textOf(c));
        if (def) this.levelSheetColumns.set(def.key, col);
      }
      return;
    }
    const at = (key: LevelColumn): Location => this.levelAt(r.number, key);
    const get = (key: LevelColumn): Content => r.cells.get(this.levelCol(key)) ?? EMPTY;
    let ok = true;
    for (const key of ['survey', 'label', 'weight'] as const) {
      const c = get(key);
      if (c.kind === 'error') this.issues.add(at(key), c.text);
      if (c.kind === 'empty') this.issues.add(at(key), '必填项未填写');
      if (c.kind === 'error' || c.kind === 'empty') ok = false;
    }
    if (!ok) return;
    let weight = readShare(get('weight'), '权重');
    if (typeof weight !== 'string') {
      this.issues.add(at('weight'), weight.problem);
      weight = '0'; // the level still exists: no follow-on “不在答案等级中”
    }
    this.levelRows.push({ id: textOf(get('survey')), label: textOf(get('label')), weight, row: r.number });
  }

  /** The surveys read, levels attached; undefined when there are none. */
  finish(): Survey[] | undefined {
    for (const l of this.levelRows) {
      const at = (key: LevelColumn): Location => this.levelAt(l.row, key);
      const d = this.drafts.get(l.id);
      if (d === undefined) {
        this.issues.add(at('survey'), `问卷“${l.id}”不在“${SHEETS.surveys}”工作表中`);
        continue;
      }
      const levels: Level[] = (d.survey.levels ??= []);
      if (levels.some((x) => x.label === l.label)) {
        this.issues.add(at('label'), `问卷“${l.id}”的选项“${l.label}”重复`);
        continue;
      }
      levels.push({ label: l.label, weight: plainNumber(l.weight) });
      d.levelRows.push(l.row);
    }
    for (const d of this.drafts.values()) {
      if (d.survey.name === '') this.issues.add(this.at(d.row, this.col('name') ?? 2), '缺少问卷名称');
    }
    return this.drafts.size === 0 ? undefined : [...this.drafts.values()].map((d) => d.survey);
  }

  /** Where a core issue at a survey path (surveys[0].questions[1].shares.满意) was read. */
  locate(path: string): Location | undefined {
    const m = /^surveys\[(\d+)\](.*)$/.exec(path);
    if (!m) return undefined;
    const d = [...this.drafts.values()][Number(m[1])];
    const rest = m[2] ?? '';
    if (d === undefined) return { sheet: SHEETS.surveys };
    const lv = /^\.levels\[(\d+)\](?:\.(\w+))?/.exec(rest);
    if (lv) {
      const row = d.levelRows[Number(lv[1])];
      return row === undefined
        ? { sheet: SHEETS.surveyLevels }
        : this.levelAt(row, lv[2] === 'label' ? 'label' : 'weight');
    }
    const q = /^\.questions\[(\d+)\](?:\.(\w+)(?:\.(.+))?)?/.exec(rest);
    if (q) return this.questionAt(d.questionRows[Number(q[1])] ?? d.row, q[2], q[3]);
    if (rest.startsWith('.name')) return this.at(d.nameRow ?? d.row, this.col('name'));
    if (rest.startsWith('.respondents')) return this.at(d.respondentsRow ?? d.row, this.col('respondents'));
    return this.at(d.row, this.col('survey'));
  }

  private questionAt(row: number, field: string | undefined, label: string | undefined): Location {
    if (field === 'shares' || field === 'counts') {
      const level = this.levelColumns.find((l) => l.label === label) ?? this.levelColumns[0];
      return this.at(row, level?.col);
    }
    if (field === 'rate') return this.at(row, this.col('rate'));
    if (field === 'text') return this.at(row, this.col('text'));
    if (field === 'id') return this.at(row, this.col('question'));
    return this.noDataAt(row); // a question without any answers
  }

  private noDataAt(row: number): Location {
    return this.at(row, this.levelColumns[0]?.col ?? this.col('rate'));
  }
}
