/**
 * The same rules and data in a spreadsheet engine (HyperFormula, GPL-3.0, a devDependency used only
 * here): build + compute time for the rows, then every value compared with jixiao's exact result.
 * The workbook is built in batches (one workbook per `perWorkbook` evaluations) to bound memory.
 */
import { type CellValue, DetailedCellError, HyperFormula } from 'hyperformula';
import { toFixed, toPlain } from '../src/core/decimal/index.ts';
import { flatten, scoreEvaluation } from '../src/core/engine.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import { LONG_SUM_FLOAT, longSumEvaluation, TIES, tiesEvaluation } from './crafted.ts';
import { type Generated, type LeafSpec, type Num, generate } from './generate.ts';
import { type Cell, GRADE_COLUMN, SCORE_COLUMN, evaluationRows } from './sheet.ts';
import { type MemoryPeak, MemorySampler } from './memory.ts';

/** jixiao's exact answer for one evaluation, as 2-place texts. */
interface Exact {
  scores: string[];
  raws: string[];
  total: string;
  grade: string;
}

function exactOf(g: Generated): Exact {
  const r = scoreEvaluation(parseEvaluation(g.input), { explanations: false });
  const leaves = flatten(r.roots).filter((n) => n.children.length === 0);
  return {
    scores: leaves.map((n) => toFixed(n.score, 2)),
    raws: leaves.map((n) => (n.raw === undefined ? '—' : toPlain(n.raw, 6))),
    total: toFixed(r.total, 2),
    grade: r.grade,
  };
}

export interface Mismatch {
  /** What the row is ("deduction w=2.5 target ≥89.3% actual 88.44% …" or "total"). */
  row: string;
  /** jixiao's unrounded value. */
  exactRaw: string;
  exact: string;
  spreadsheet: string;
}

export interface Tally {
  rows: number;
  differ: number;
  byKind: Record<string, { rows: number; differ: number }>;
  totals: { evaluations: number; differ: number; gradesDiffer: number };
  examples: Mismatch[];
}

const EXAMPLES = 8;
const show = (n: Num): string => `${n.value}${n.unit}`;

/** A short description of a leaf for the examples. */
export function describe(s: LeafSpec): string {
  const w = `w=${s.weight}`;
  switch (s.kind) {
    case 'proportional':
    case 'band':
    case 'threshold':
      return `${s.kind} ${w} target ${show(s.target)} actual ${show(s.actual)}`;
    case 'deduction':
      return `deduction ${w} target ≥${show(s.target)} actual ${show(s.actual)} perUnit ${s.perUnit}/${s.unitSize}`;
    case 'violations':
      return `deduction(count) ${w} ${s.count} × ${s.perUnit}`;
    case 'elements':
      return `elements ${w} ${s.elements.map((e) => `${e.points}${e.met ? '✓' : '✗'}`).join(' ')}`;
    case 'likert':
      return `likert ${w} shares ${s.shares.map(([, v]) => `${v}%`).join('/')}`;
    case 'tiers':
      return `tiers ${w} actual ${show(s.actual)}`;
    case 'grade':
      return `grade ${w} ${s.level}`;
    case 'over-target':
      return `over-target ${w} ref ${s.ref}`;
    case 'manual':
      return `manual ${w} score ${s.score}`;
    case 'ratio':
      return `${s.ratio} ${s.method} ${w} ${s.numerator} ÷ ${s.denominator}`;
  }
}

/** A cell value as text; numbers as the shortest round-trip decimal. */
function text(v: CellValue | undefined): string {
  if (v instanceof DetailedCellError) return `#${v.type}`;
  return v === null || v === undefined ? '' : String(v);
}

/** A 2-place exact text and a float agree when the float is the double nearest that decimal. */
const same = (exact: string, v: CellValue | undefined): boolean =>
  typeof v === 'number' && v === Number(exact);

interface RowCheck {
  leaf: LeafSpec | undefined;
  row: string;
  exactRaw: string;
  exact: string;
  value: CellValue | undefined;
  differs: boolean;
}

/** Every leaf row, then the total row and its grade, of one evaluation laid out from `start` (0-based). */
function check(g: Generated, exact: Exact, values: CellValue[][], start: number): RowCheck[] {
  const at = (i: number, col: number): CellValue | undefined => values[start + i]?.[col];
  const leaves = g.leaves.map((leaf, i): RowCheck => {
    const e = exact.scores[i] ?? '';
    const v = at(i, SCORE_COLUMN);
    return {
      leaf,
      row: describe(leaf),
      exactRaw: exact.raws[i] ?? '',
      exact: e,
      value: v,
      differs: !same(e, v),
    };
  });
  const n = g.leaves.length;
  const total = at(n, SCORE_COLUMN);
  const grade = at(n, GRADE_COLUMN);
  return [
    ...leaves,
    {
      leaf: undefined,
      row: 'total (Σ rounded leaf scores)',
      exactRaw: exact.total,
      exact: exact.total,
      value: total,
      differs: !same(exact.total, total),
    },
    {
      leaf: undefined,
      row: 'grade',
      exactRaw: exact.grade,
      exact: exact.grade,
      value: grade,
      differs: exact.grade !== grade,
    },
  ];
}

function emptyTally(): Tally {
  return {
    rows: 0,
    differ: 0,
    byKind: {},
    totals: { evaluations: 0, differ: 0, gradesDiffer: 0 },
    examples: [],
  };
}

function addChecks(t: Tally, checks: readonly RowCheck[]): void {
  for (const c of checks) {
    if (c.leaf === undefined) {
      if (c.row === 'grade') t.totals.gradesDiffer += c.differs ? 1 : 0;
      else {
        t.totals.evaluations++;
        t.totals.differ += c.differs ? 1 : 0;
      }
    } else {
      const kind = c.leaf.kind === 'ratio' ? `ratio:${c.leaf.method}` : c.leaf.kind;
      const k = (t.byKind[kind] ??= { rows: 0, differ: 0 });
      k.rows++;
      t.rows++;
      if (c.differs) {
        k.differ++;
        t.differ++;
      }
    }
    if (
      c.differs &&
      t.examples.length < EXAMPLES &&
      !t.examples.some((e) => e.row.split(' ')[0] === c.row.split(' ')[0])
    ) {
      t.examples.push({ row: c.row, exactRaw: c.exactRaw, exact: c.exact, spreadsheet: text(c.value) });
    }
  }
}

function build(rows: Cell[][]): HyperFormula {
  return HyperFormula.buildFromArray(rows, { licenseKey: 'gpl-v3', maxRows: Math.max(rows.length, 40_000) });
}

export interface SheetRun {
  evaluations: number;
  /** Leaf rows (one indicator each); each evaluation adds a total row besides. */
  rows: number;
  workbooks: number;
  /** buildFromArray: parsing every formula and computing every cell. */
  buildMs: number;
  rowsPerSecond: number;
  memory: MemoryPeak;
  random: Tally;
}

/** Evaluations 0 … evaluations−1 of `seed` (the data jixiao scored), `perWorkbook` evaluations per workbook. */
export function runSpreadsheet(seed: number, evaluations: number, perWorkbook: number): SheetRun {
  const random = emptyTally();
  const memory = new MemorySampler();
  let buildMs = 0;
  let workbooks = 0;
  for (let from = 0; from < evaluations; from += perWorkbook) {
    const gens: Generated[] = [];
    for (let i = from; i < Math.min(evaluations, from + perWorkbook); i++) gens.push(generate(seed, i));
    const exact = gens.map(exactOf);
    const rows: Cell[][] = [];
    const starts = gens.map((g) => {
      const start = rows.length;
      rows.push(...evaluationRows(g.leaves, start + 1));
      return start;
    });
    const t0 = performance.now();
    const hf = build(rows);
    buildMs += performance.now() - t0;
    memory.sample();
    const values = hf.getSheetValues(0);
    gens.forEach((g, i) => {
      const e = exact[i];
      if (e !== undefined) addChecks(random, check(g, e, values, starts[i] ?? 0));
    });
    hf.destroy();
    workbooks++;
  }
  return {
    evaluations,
    rows: random.rows,
    workbooks,
    buildMs,
    rowsPerSecond: (random.rows / buildMs) * 1000,
    memory: memory.peak(),
    random,
  };
}

export interface CraftedRow {
  row: string;
  why: string;
  exactRaw: string;
  exact: string;
  spreadsheet: string;
  differs: boolean;
}

/** The crafted ties and the long sum, each row with jixiao's and the spreadsheet's value. */
export function runCrafted(): CraftedRow[] {
  const cases = [tiesEvaluation(), longSumEvaluation()];
  const rows: Cell[][] = [];
  const starts = cases.map((g) => {
    const start = rows.length;
    rows.push(...evaluationRows(g.leaves, start + 1));
    return start;
  });
  const hf = build(rows);
  const values = hf.getSheetValues(0);
  hf.destroy();
  const [ties, longSum] = cases.map((g, i) => check(g, exactOf(g), values, starts[i] ?? 0));
  const why = new Map(TIES.map((t) => [t.leaf.code, t.why]));
  const out = (c: RowCheck, reason: string): CraftedRow => ({
    row: c.row,
    why: reason,
    exactRaw: c.exactRaw,
    exact: c.exact,
    spreadsheet: text(c.value),
    differs: c.differs,
  });
  const longSumWhy = `40 scores of 2 decimals adding to exactly 90.00; summed in floating point: ${LONG_SUM_FLOAT}`;
  return [
    ...(ties ?? []).filter((c) => c.leaf !== undefined).map((c) => out(c, why.get(c.leaf?.code ?? '') ?? '')),
    ...(longSum ?? [])
      .filter((c) => c.leaf === undefined)
      .map((c) => out(c, c.row === 'grade' ? '优 at ≥ 90' : longSumWhy)),
  ];
}
