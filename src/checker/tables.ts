/**
 * Indicator tables, in the shapes reports print them: three-level tables with merged cells
 * (一级指标 / 二级指标 / 三级指标 / 分值 / 得分), lists of coded indicators (指标名称 / 指标分值 /
 * 业绩值 / 实际得分, with "A11…" names), summary tables of the level-1 groups (指标类别 / 权重分值 /
 * 实际得分 / 得分率), and 自评表 with 指标值 and 完成值. A table is recognised by its header row;
 * a table without one is left to the text readers.
 */
import { type ReportDocument, type Table, tableGrid } from './document.ts';
import { readBudgetGrid } from './budget-table.ts';
import { readFacts } from './facts.ts';
import { numberText, whereOf } from './text.ts';
import { type XNode, type XUnit, child, codePath, rootForLetter, splitCode } from './tree.ts';

type Column = 'l1' | 'l2' | 'l3' | 'weight' | 'score' | 'rate' | 'target' | 'actual';

const HEADERS: [Column, RegExp][] = [
  ['rate', /得分率/],
  ['l1', /^(一级指标|一级|指标类别|评价维度|维度)$/],
  ['l2', /^(二级指标|二级)$/],
  ['l3', /^(三级指标|三级|指标名称|指标内容|绩效指标|评价指标|指标|具体指标|考核指标)$/],
  ['weight', /(权重|分值|标准分|满分|指标分)/],
  ['score', /(得分|评分|评价分|自评分|实得分)/],
  ['target', /(指标值|目标值|年度目标|预期目标|计划值|预期值)/],
  ['actual', /(完成值|实际值|业绩值|完成情况|实际完成|完成数|实现值)/],
];

const TOTAL_ROW = /^(总分|合计|总计|综合得分|总得分|得分合计|小计)$/;

function classify(cell: string): Column | undefined {
  const t = cell.replace(/[\s\u3000（）()]/g, '');
  if (t === '' || t.length > 12) return undefined;
  return HEADERS.find(([, re]) => re.test(t))?.[0];
}

interface Header {
  row: number;
  cols: Map<Column, number>;
  /** Name columns from the highest level down. */
  levels: number[];
}

function findHeader(grid: string[][]): Header | undefined {
  for (let r = 0; r < Math.min(3, grid.length); r++) {
    const cols = new Map<Column, number>();
    (grid[r] ?? []).forEach((cell, c) => {
      const k = classify(cell);
      if (k !== undefined && !cols.has(k)) cols.set(k, c);
    });
    const levels = (['l1', 'l2', 'l3'] as const).flatMap((k) => (cols.has(k) ? [cols.get(k) as number] : []));
    if (levels.length > 0 && (cols.has('weight') || cols.has('score')) && cols.size >= 2)
      return { row: r, cols, levels };
  }
  return undefined;
}

/** A name cell: its weight suffix ("（3 分）") taken off. */
function nameAndWeight(text: string): { name: string; weight?: string } {
  const m = /[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]?\s*$/.exec(text);
  if (m && m.index > 0) return { name: text.slice(0, m.index).trim(), weight: m[1] };
  return { name: text.trim() };
}

export interface TableResult {
  /** Tables read as indicator tables (their index in the document). */
  used: Set<number>;
  /** Tables that look like indicator tables but could not be read. */
  unreadable: string[];
}

/** Reads every indicator table of the document into `unit`'s tree. */
export function readTables(doc: ReportDocument, unitFor: (block: number) => XUnit): TableResult {
  const used = new Set<number>();
  const unreadable: string[] = [];
  doc.blocks.forEach((b, i) => {
    if (b.kind !== 'table') return;
    const grid = tableGrid(b);
    const header = findHeader(grid);
    if (!header) {
      const prev = doc.blocks[i - 1];
      const budget = readBudgetGrid(
        unitFor(i),
        grid,
        prev?.kind === 'paragraph' ? prev.text : '',
        whereOf(doc, b),
      );
      if (budget !== undefined) {
        unreadable.push(...budget);
        used.add(i);
        return;
      }
      if (grid.some((row) => row.some((c) => /权重|分值|得分/.test(c))))
        unreadable.push(
          `${whereOf(doc, b)}：表格中有“分值/得分”，但找不到表头（一级指标、指标名称、分值、得分等），未能按指标表读取`,
        );
      return;
    }
    if (readTable(doc, i, grid, header, unitFor(i))) used.add(i);
  });
  return { used, unreadable };
}

function readTable(doc: ReportDocument, block: number, grid: string[][], h: Header, unit: XUnit): boolean {
  const table = doc.blocks[block] as Table;
  const where = whereOf(doc, table);
  const at = (row: string[], k: Column): string => {
    const c = h.cols.get(k);
    return c === undefined ? '' : (row[c] ?? '').trim();
  };
  const above: string[] = [];
  let group: XNode | undefined; // the coded group rows of a single-name-column table belong to
  let read = 0;
  const codedLetters = new Set<string>();
  for (let r = h.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const quote = row.filter((c, k) => c !== '' && row.indexOf(c) === k).join(' ');
    if (quote === '') continue;
    const names = h.levels.map((c) => (row[c] ?? '').trim());
    const first = names.find((n) => n !== '') ?? '';
    const weightText = numberText(at(row, 'weight'));
    const scoreText = numberText(at(row, 'score'));
    const rate = /^\s*-?\d+(\.\d+)?\s*%\s*$/.test(at(row, 'rate')) ? at(row, 'rate').trim() : undefined;
    const statement = {
      source: 'table' as const,
      quote,
      where,
      ...(weightText !== undefined ? { weight: weightText } : {}),
      ...(scoreText !== undefined ? { score: scoreText } : {}),
      ...(rate !== undefined ? { rate } : {}),
    };
    if (TOTAL_ROW.test(first.replace(/[\s\u3000]/g, ''))) {
      // the total of the whole table, or of the coded group a section's table lists
      const letters = [...codedLetters];
      if (h.levels.length === 1 && letters.length === 1)
        rootForLetter(unit, letters[0] as string).stated.push(statement);
      else unit.total.push(statement);
      continue;
    }
    // fill down the merged name cells; a deeper empty name means the row is the group's own
    const path: string[] = [];
    names.forEach((n, k) => {
      const v = n !== '' ? n : k < names.length - 1 ? (above[k] ?? '') : '';
      path.push(v);
      above[k] = v;
    });
    for (let k = path.length - 1; k > 0; k--) if (path[k] === path[k - 1]) path[k] = '';
    const filled = path.filter((p) => p !== '');
    if (filled.length === 0) continue;
    let node: XNode;
    if (h.levels.length === 1) {
      const { code, name } = splitCode(filled[0] as string);
      if (code !== undefined) {
        codedLetters.add(code.slice(0, 1));
        const chain = codePath(code);
        node = rootForLetter(unit, chain[0] as string);
        for (const c of chain.slice(1)) node = child(node.children, c === code ? name : c, c);
        if (node.name === code) node.name = name;
      } else if (weightText === undefined && scoreText === undefined && !h.cols.has('l1')) {
        group = child(unit.roots, name, undefined, true);
        continue;
      } else {
        node = child(group ? group.children : unit.roots, name);
      }
    } else {
      // the path's nodes from level 1 down; the row is the deepest one's
      let siblings = unit.roots;
      const chain = filled.map((p) => {
        const { name, weight } = nameAndWeight(p);
        const n = child(siblings, name, undefined, siblings === unit.roots);
        if (weight !== undefined && n.stated.every((s) => s.quote !== p))
          n.stated.push({ source: 'table', quote: p, where, weight });
        siblings = n.children;
        return n;
      });
      node = chain.at(-1) as XNode;
    }
    if (statement.weight !== undefined || statement.score !== undefined || statement.rate !== undefined)
      node.stated.push(statement);
    const target = at(row, 'target');
    const actual = at(row, 'actual');
    if (target !== '' && node.target === undefined) node.target = target;
    if (actual !== '' && node.actual === undefined) node.actual = actual;
    // a result stated as a rate ("预算执行率为95.40%") is a claim on the budget like one in the text
    if (actual !== '') readFacts(unit, { text: actual, where, block });
    read++;
  }
  return read > 0;
}
