/**
 * The same indicators as a practitioner lays them out in Excel: one row per indicator with the
 * weight in A, the target in B, the actual in C, the method's parameters in D–L and one formula in
 * M doing what the method does (e.g. band: =ROUND(IF(C2/B2>=1,A2,IF(C2/B2<D2,0,A2*(C2/B2-D2)/(1-D2))),2)).
 * Numbers are what a person would type: "95.5%" becomes 0.955, "1808.25" becomes 1808.25, all
 * binary floating point, as in any spreadsheet.
 */
import { type LeafSpec, type Num, isPercent } from './generate.ts';

export type Cell = number | string | null;
export const SCORE_COLUMN = 12; // M
/** On an evaluation's total row: the grade. */
export const GRADE_COLUMN = 11; // L
const WIDTH = SCORE_COLUMN + 1;

/** A decimal text as typed into a cell; percentages are stored as fractions, as Excel does. */
const typed = (text: string, percent = false): number => Number(percent ? `${text}e-2` : text);
const cellOf = (n: Num): number => typed(n.value, isPercent(n));

/** The formula of one leaf at 1-based sheet row `r`; `rowOf` gives the row of another leaf (over-target refs). */
function formula(
  s: LeafSpec,
  r: number,
  rowOf: (code: string) => number,
): { params: Cell[]; formula: string } {
  const [A, B, C, D, E, F, G, H, I] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((c) => `${c}${r}`);
  switch (s.kind) {
    case 'proportional':
      return s.direction === 'higher'
        ? { params: [], formula: `=ROUND(${A}*MIN(${C}/${B},1),2)` }
        : { params: [], formula: `=ROUND(IF(${C}=0,${A},${A}*MIN(${B}/${C},1)),2)` };
    case 'band': {
      const rate = `${C}/${B}`;
      return {
        params: [typed(s.floor ?? '60', true)],
        formula: `=ROUND(IF(${rate}>=1,${A},IF(${rate}<${D},0,${A}*(${rate}-${D})/(1-${D}))),2)`,
      };
    }
    case 'threshold':
      return { params: [typed(s.partial ?? '0')], formula: `=ROUND(IF(${C}${s.op}${B},${A},${D}),2)` };
    case 'deduction': {
      const points = isPercent(s.target) ? '*100' : '';
      return {
        params: [typed(s.perUnit), typed(s.unitSize)],
        formula: `=ROUND(MAX(0,IF(${C}>=${B},${A},${A}-${D}*(${B}-${C})${points}/${E})),2)`,
      };
    }
    case 'violations':
      return { params: [typed(s.perUnit)], formula: `=ROUND(MAX(0,${A}-${D}*${C}),2)` };
    case 'elements': {
      const pairs = [
        ['D', 'E'],
        ['F', 'G'],
        ['H', 'I'],
        ['J', 'K'],
      ]; // points, met (1/0)
      const terms = s.elements.map((_, i) => pairs[i]?.map((c) => `${c}${r}`).join('*') ?? '0');
      return {
        params: s.elements.flatMap((e) => [typed(e.points), e.met ? 1 : 0]),
        formula: `=ROUND(MIN(${A},${terms.join('+')}),2)`,
      };
    }
    case 'likert':
      return {
        params: s.shares.map(([, v]) => typed(v, true)),
        formula: `=ROUND(${A}*(${D}*1+${E}*0.5+${F}*0.25+${G}*0),2)`,
      };
    case 'tiers':
      return {
        params: s.tiers.flatMap((t) => [typed(t.min, true), typed(t.share, true)]),
        formula: `=ROUND(IF(${C}>=${D},${A}*${E},IF(${C}>=${F},${A}*${G},IF(${C}>=${H},${A}*${I},0))),2)`,
      };
    case 'grade': {
      const [g1, g2, g3] = s.levels.map((l) => `"${l.label}"`);
      return {
        params: s.levels.map((l) => typed(l.share, true)),
        formula: `=ROUND(${A}*IF(${C}=${g1 ?? ''},${D},IF(${C}=${g2 ?? ''},${E},IF(${C}=${g3 ?? ''},${F},${G}))),2)`,
      };
    }
    case 'over-target': {
      const q = rowOf(s.ref);
      const dev = `(C${q}/B${q}-1)`;
      const [big, small] = s.steps;
      return {
        params: [
          typed(big?.over ?? '0', true),
          typed(big?.deduct ?? '0'),
          typed(small?.over ?? '0', true),
          typed(small?.deduct ?? '0'),
        ],
        formula: `=ROUND(MAX(0,${A}-IF(${dev}>${D},${E},IF(${dev}>${F},${G},0))),2)`,
      };
    }
    case 'manual':
      return { params: [typed(s.score)], formula: `=ROUND(MIN(${A},${D}),2)` };
    case 'ratio': {
      const rate = `(${C}/${D})`;
      const byMethod = {
        band: `=ROUND(IF(${rate}/${B}>=1,${A},IF(${rate}/${B}<0.6,0,${A}*(${rate}/${B}-0.6)/0.4)),2)`,
        proportional:
          s.ratio === 'threePublicControlRate'
            ? `=ROUND(IF(${C}=0,${A},${A}*MIN(${B}/${rate},1)),2)`
            : `=ROUND(${A}*MIN(${rate}/${B},1),2)`,
        threshold: `=ROUND(IF(${rate}<=${B},${A},0),2)`,
      };
      return { params: [typed(s.denominator)], formula: byMethod[s.method] };
    }
  }
}

/** What sits in C (the actual): the value, the level chosen, the count, or the ratio's numerator. */
function actualCell(s: LeafSpec): Cell {
  switch (s.kind) {
    case 'proportional':
    case 'band':
    case 'threshold':
    case 'deduction':
    case 'tiers':
      return cellOf(s.actual);
    case 'violations':
      return typed(s.count);
    case 'grade':
      return s.level;
    case 'ratio':
      return typed(s.numerator);
    default:
      return null;
  }
}

function targetCell(s: LeafSpec): Cell {
  return 'target' in s ? cellOf(s.target) : null;
}

/** One row: [weight, target, actual, …params, formula] padded to the score column. */
export function sheetRow(s: LeafSpec, r: number, rowOf: (code: string) => number): Cell[] {
  const { params, formula: f } = formula(s, r, rowOf);
  const row: Cell[] = [typed(s.weight), targetCell(s), actualCell(s), ...params];
  while (row.length < SCORE_COLUMN) row.push(null);
  row.push(f);
  return row.slice(0, WIDTH);
}

/** The total row at sheet row `r`: M = Σ the leaf scores above it, L = the grade (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差). */
function totalRow(first: number, last: number, r: number): Cell[] {
  const row: Cell[] = Array.from({ length: WIDTH }, () => null);
  row[GRADE_COLUMN] = `=IF(M${r}>=90,"优",IF(M${r}>=80,"良",IF(M${r}>=60,"中","差")))`;
  row[SCORE_COLUMN] = `=SUM(M${first}:M${last})`;
  return row;
}

/** One evaluation from sheet row `first` (1-based): a row per leaf, then its total row. */
export function evaluationRows(leaves: readonly LeafSpec[], first: number): Cell[][] {
  const rowByCode = new Map(leaves.map((l, i) => [l.code, first + i]));
  const rowOf = (code: string): number => rowByCode.get(code) ?? first;
  const last = first + leaves.length - 1;
  return [...leaves.map((l, i) => sheetRow(l, first + i, rowOf)), totalRow(first, last, last + 1)];
}
