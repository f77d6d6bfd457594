/**
 * The budget-execution table of a 自评表 (整体支出规模 / 项目资金, 单位：万元): rows for the whole, its
 * sources (财政拨款, 其他资金) and its structure (基本支出, 项目支出), columns 年初预算数 / 全年预算数 /
 * 全年执行数 / 执行率. Read from a real table (a .docx, or a .txt with tab-separated cells) or from
 * the flattened form a text export leaves of it — one cell per line, empty cells dropped — as in
 * seed 003. Every figure becomes an amount of the budget and every rate a claim; the sources are
 * added up into the whole when no row states it, and the structure is checked against that whole.
 */
import type { Line } from './text.ts';
import { numberText, sumText } from './text.ts';
import type { XUnit } from './tree.ts';

type Column = 'initial' | 'annual' | 'executed' | 'rate';

const COLUMNS: [Column, RegExp][] = [
  ['rate', /^(预算)?执行率(（%）|\(%\)|%)?$/],
  ['initial', /^年初(预算|预算数|批复数?)$/],
  ['annual', /^(全年预算数?|调整后预算数?|预算数|全年预算金额)$/],
  ['executed', /^(全年执行数?|执行数|实际支出|决算数|实际执行数?)$/],
];

/** A header cell's column, or undefined. */
export function budgetColumn(cell: string): Column | undefined {
  const t = cell.replace(/[\s\u3000]/g, '').replace(/[（(](万元|元)[)）]$/, '');
  return COLUMNS.find(([, re]) => re.test(t))?.[0];
}

/** The amount unit a table states (整体支出规模（万元）, 单位：元), or undefined. */
export function amountUnitOf(text: string): '万元' | '元' | undefined {
  const m = /[（(]\s*(万元|元)\s*[)）]|单位\s*[：:]\s*(万元|元)/.exec(text);
  return m ? ((m[1] ?? m[2]) as '万元' | '元') : undefined;
}

export interface BudgetRow {
  label: string;
  /** By column, in header order; '' for an empty cell. */
  cells: string[];
  quote: string;
  /** Where the row stands, when not where the table does. */
  where?: string;
}

type Part =
  | { kind: 'whole' }
  | { kind: 'line'; line: 'basic' | 'project' | 'personnel' | 'publicFunds'; name: string }
  | { kind: 'source'; name: string };

const LINES: ['basic' | 'project' | 'personnel' | 'publicFunds', RegExp, string][] = [
  ['basic', /基本支出/, '基本支出'],
  ['project', /项目支出/, '项目支出'],
  ['personnel', /人员经费/, '人员经费'],
  ['publicFunds', /公用经费/, '公用经费'],
];

function partOf(label: string, group: string | undefined): Part | undefined {
  const name = label
    .replace(/^[^：:]{0,8}[：:]/, '')
    .replace(/^[（(]?\s*\d{1,2}\s*[)）.．、]\s*/, '')
    .replace(/[\s\u3000]/g, '');
  if (name === '') return undefined;
  if (/^(合计|总计|小计|年度资金总额|资金总额|总额)$|整体支出|支出总额/.test(name)) return { kind: 'whole' };
  const line = LINES.find(([, re]) => re.test(name));
  if (line) return { kind: 'line', line: line[0], name: line[2] };
  if (group === 'source' || /财政拨款|其他资金|自有资金|上级补助|专户|结转/.test(name))
    return { kind: 'source', name };
  return undefined;
}

/**
 * Reads the rows of one budget table into `unit`. `columns` are the header's, in order; `where`
 * says where the table stands. Returns what it could not read, in words for the user.
 */
export function readBudgetRows(
  unit: XUnit,
  columns: readonly Column[],
  rows: readonly BudgetRow[],
  amountUnit: '万元' | '元',
  where: string,
): string[] {
  const problems: string[] = [];
  let group: string | undefined;
  // by field of the row's part (budget, budget.basic, budget.sources[0]): its figures as written, and its quote
  const figures = new Map<string, Map<Column, string>>();
  const quotes = new Map<string, string>();
  for (const row of rows) {
    const at = row.where ?? where;
    if (/资金来源/.test(row.label)) group = 'source';
    else if (/资金结构|支出结构|按支出/.test(row.label)) group = 'structure';
    const part = partOf(row.label, group);
    if (!part) continue;
    let field = 'budget';
    if (part.kind === 'line') field = `budget.${part.line}`;
    else if (part.kind === 'source') {
      let i = unit.sources.indexOf(part.name);
      if (i < 0) i = unit.sources.push(part.name) - 1;
      field = `budget.sources[${String(i)}]`;
    }
    const got = new Map<Column, string>();
    columns.forEach((c, k) => {
      const cell = (row.cells[k] ?? '').trim();
      if (cell === '') return;
      if (c === 'rate') {
        if (!/^-?\d+(\.\d+)?\s*%$/.test(cell)) {
          problems.push(`${at}：预算执行表“${row.label}”行的执行率“${cell}”不是百分数，未读取`);
          return;
        }
        const scope =
          part.kind === 'line' ? part.line : part.kind === 'source' ? `source:${part.name}` : undefined;
        unit.ratios.push({
          ratio: 'executionRate',
          label: `${part.kind === 'whole' ? '' : part.name}执行率`,
          value: cell.replace(/\s/g, ''),
          quote: row.quote,
          where: at,
          needs: `${field}.executed`,
          ...(scope !== undefined ? { scope } : {}),
        });
        return;
      }
      const n = numberText(cell);
      if (n === undefined) {
        problems.push(`${at}：预算执行表“${row.label}”行的“${cell}”不是金额，未读取`);
        return;
      }
      got.set(c, n);
      unit.amounts.push({ field: `${field}.${c}`, value: `${n}${amountUnit}`, quote: row.quote, where: at });
    });
    figures.set(field, got);
    quotes.set(field, row.quote);
  }
  // the whole, when no row states it: its sources added up
  const sources = [...figures.entries()].filter(([k, v]) => k.startsWith('budget.sources[') && v.size > 0);
  const sourcesQuote = sources.map(([k]) => quotes.get(k)).join('；');
  const stated = figures.get('budget');
  const whole = new Map<Column, string>(stated ?? []);
  if (!stated && sources.length > 0) {
    for (const c of ['initial', 'annual', 'executed'] as const) {
      const parts = sources.map(([, v]) => v.get(c));
      const total = parts.every((p) => p !== undefined) ? sumText(parts) : undefined;
      if (total === undefined) continue;
      whole.set(c, total);
      unit.amounts.push({
        field: `budget.${c}`,
        value: `${total}${amountUnit}`,
        quote: sourcesQuote,
        where,
        derived: true,
      });
    }
  }
  // the structure adds up to the whole
  const basic = figures.get('budget.basic');
  const project = figures.get('budget.project');
  for (const c of ['initial', 'annual', 'executed'] as const) {
    const total = whole.get(c);
    const b = basic?.get(c);
    const p = project?.get(c);
    if (total === undefined || b === undefined || p === undefined) continue;
    unit.sums.push({
      label: COLUMN_NAMES[c],
      parts: [
        { label: '基本支出', value: `${b}${amountUnit}` },
        { label: '项目支出', value: `${p}${amountUnit}` },
      ],
      total: `${total}${amountUnit}`,
      quote: [
        quotes.get('budget') ?? sourcesQuote,
        quotes.get('budget.basic'),
        quotes.get('budget.project'),
      ].join('；'),
      where,
    });
  }
  return problems;
}

const COLUMN_NAMES: Record<Exclude<Column, 'rate'>, string> = {
  initial: '年初预算数',
  annual: '全年预算数',
  executed: '全年执行数',
};

/**
 * The flattened form: the header's column names one per line (全年预算数 / 全年执行数 / 执行率),
 * then each row as its label followed by its figures, one per line. A row's figures are read only
 * when it has one for every column, since the empty cells left no line to say which is missing.
 */
export function readFlatBudgetTables(
  lines: readonly Line[],
  unitFor: (index: number) => XUnit | undefined,
): string[] {
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const columns: Column[] = [];
    let j = i;
    while (j < lines.length && columns.length < 4) {
      const c = budgetColumn(lines[j]?.text ?? '');
      if (c === undefined || columns.includes(c)) break;
      columns.push(c);
      j++;
    }
    if (columns.length < 2 || !columns.includes('executed')) continue;
    const unit = unitFor(i);
    const before = lines
      .slice(Math.max(0, i - 4), i)
      .map((l) => l.text)
      .join(' ');
    const amountUnit = amountUnitOf(before) ?? amountUnitOf(lines[i]?.text ?? '');
    const where = lines[i]?.where ?? '';
    if (amountUnit === undefined) {
      problems.push(`${where}：预算执行表（${columns.length}列）未注明金额单位（万元/元），未读取其中金额`);
      i = j - 1;
      continue;
    }
    const rows: BudgetRow[] = [];
    let idle = 0;
    while (j < lines.length && idle < 3) {
      const label = lines[j]?.text ?? '';
      if (isFigure(label)) {
        j++;
        continue;
      }
      const cells: string[] = [];
      let k = j + 1;
      while (k < lines.length && isFigure(lines[k]?.text ?? '') && cells.length < columns.length)
        cells.push((lines[k++]?.text ?? '').trim());
      if (cells.length === 0) idle++;
      else {
        idle = 0;
        if (cells.length === columns.length)
          rows.push({ label, cells, quote: [label, ...cells].join(' '), where: lines[j]?.where ?? where });
        else
          problems.push(
            `${lines[j]?.where ?? where}：预算执行表“${label}”行只有 ${cells.length} 个数（应有 ${columns.length} 个），无法确定所在列，未读取`,
          );
      }
      j = k;
    }
    if (unit && rows.length > 0) problems.push(...readBudgetRows(unit, columns, rows, amountUnit, where));
    i = j - 1;
  }
  return problems;
}

function isFigure(text: string): boolean {
  return /^\s*-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*%?\s*$/.test(text);
}

/**
 * A budget table as a grid (a .docx table, or tab-separated rows): a header row among the first
 * three with at least two budget columns, one of them 执行数; the cells left of the first column
 * label the row. `context` is text near the table that may state its amount unit. Returns
 * undefined when the grid is not a budget table, else what could not be read.
 */
export function readBudgetGrid(
  unit: XUnit,
  grid: readonly string[][],
  context: string,
  where: string,
): string[] | undefined {
  for (let r = 0; r < Math.min(3, grid.length); r++) {
    const row = grid[r] ?? [];
    const at = new Map<Column, number>();
    row.forEach((cell, c) => {
      const k = budgetColumn(cell);
      if (k !== undefined && !at.has(k)) at.set(k, c);
    });
    if (at.size < 2 || !at.has('executed')) continue;
    const columns = [...at.keys()];
    const first = Math.min(...at.values());
    const amountUnit =
      amountUnitOf(
        grid
          .slice(0, r + 1)
          .flat()
          .join(' '),
      ) ?? amountUnitOf(context);
    if (amountUnit === undefined) return [`${where}：预算执行表未注明金额单位（万元/元），未读取其中金额`];
    const rows: BudgetRow[] = grid.slice(r + 1).flatMap((cells) => {
      const label = cells
        .slice(0, first)
        .filter((c, k, all) => c.trim() !== '' && all.indexOf(c) === k)
        .join('：');
      const values = columns.map((c) => (cells[at.get(c) as number] ?? '').trim());
      if (label === '' || values.every((v) => v === '')) return [];
      const quote = cells.filter((c, k) => c !== '' && cells.indexOf(c) === k).join(' ');
      return [{ label, cells: values, quote }];
    });
    return readBudgetRows(unit, columns, rows, amountUnit, where);
  }
  return undefined;
}
