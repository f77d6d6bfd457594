/**
 * What the checker extracts, before it becomes an evaluation file: per unit, an indicator tree
 * assembled from every place that names an indicator (tables, headings, paragraphs), and the
 * figures the text states, each with its quote and where it stands.
 */
import { dimensionOf, nameKey } from './text.ts';

export interface Quoted {
  quote: string;
  where: string;
}

export interface XStatement extends Quoted {
  score?: string;
  weight?: string;
  /** 得分率 as printed ("93.03%"). */
  rate?: string;
  source: 'table' | 'text';
}

export interface XNode {
  name: string;
  /** A code the report prints (A11), when it does. */
  code?: string;
  target?: string;
  actual?: string;
  /** The text of the indicator's own paragraph (what was found, before its score): evidence. */
  evidence?: string[];
  stated: XStatement[];
  children: XNode[];
}

export interface XRatio extends Quoted {
  /** The core's ratio code, or the label as written when it is not one. */
  ratio: string;
  label: string;
  /** basic, project, personnel, publicFunds or source:<name>; the whole budget when absent. */
  scope?: string;
  value: string;
  /** The budget figure the rate is computed from (budget.executed …): without it, no claim. */
  needs?: string;
  /** A share ("占15.12%") states its own figures: the part and the whole it is a share of. */
  numerator?: string;
  denominator?: string;
}

export interface XAmount extends Quoted {
  /** budget.executed, budget.basic.annual, budget.sources[0].executed … */
  field: string;
  value: string;
  /** Worked out from stated figures (a table's sources added up), not stated: data, not a claim. */
  derived?: true;
  /**
   * The unit whose part of the report the figure stands in, when the sentence names another
   * (seed 001's "4.南昌市总工会职工服务中心" section names 宣教中心): for sums across units.
   */
  under?: string;
}

export interface XSum extends Quoted {
  label: string;
  parts: { label: string; value: string }[];
  total: string;
}

export interface XCount extends Quoted {
  /** The level-1 group counted within (its name). */
  group: string;
  level: number;
  value: number;
}

export interface XUnit {
  name: string;
  roots: XNode[];
  total: XStatement[];
  grade: (Quoted & { grade: string })[];
  ratios: XRatio[];
  amounts: XAmount[];
  sums: XSum[];
  counts: XCount[];
  /** The names of the budget's sources (财政拨款, 其他资金 …), by their index in budget.sources. */
  sources: string[];
  /** Targets stated with the unit their indicator's name declares: “缴费人数（人）”指标，指标值为≥24次. */
  measures: XMeasure[];
  /** An indicator's paragraph scoring its elements: “B13…：①…，得1分；②…，得1分”. */
  elements: XElements[];
  /** Questionnaire results the text states, question by question. */
  surveys: XSurvey[];
}

export interface XElements extends Quoted {
  code: string;
  scores: string[];
}

export interface XSurvey {
  name: string;
  respondents?: number;
  questions: (Quoted & { id: string; text?: string; shares: Record<string, string> })[];
}

export interface XMeasure extends Quoted {
  indicator: string;
  /** The unit in the indicator's name (人). */
  declared: string;
  /** The target as written (≥24次) and its unit (次). */
  target: string;
  unit: string;
}

export function newUnit(name: string): XUnit {
  return {
    name,
    roots: [],
    total: [],
    grade: [],
    ratios: [],
    amounts: [],
    sums: [],
    counts: [],
    sources: [],
    measures: [],
    elements: [],
    surveys: [],
  };
}

/** A code as reports print it before a name: "A11", "B3", "C". */
const CODE = /^([A-Z])(\d{0,3})(?=[^\dA-Za-z]|$)/;

export function splitCode(text: string): { code?: string; name: string } {
  const m = CODE.exec(text.trim());
  if (!m) return { name: text.trim() };
  const name = text
    .trim()
    .slice(m[0].length)
    .replace(/^[\s.．、]+/, '')
    .trim();
  return name === '' ? { name: text.trim() } : { code: m[0], name };
}

/** The codes above a printed code: A11 → [A, A1, A11]; B3 → [B, B3]. */
export function codePath(code: string): string[] {
  const letter = code.slice(0, 1);
  const digits = code.slice(1);
  const out = [letter];
  if (digits.length >= 1) out.push(letter + digits.slice(0, 1));
  if (digits.length >= 2) out.push(code);
  return out;
}

function sameNode(n: XNode, name: string, code: string | undefined): boolean {
  if (code !== undefined && n.code !== undefined) return n.code === code;
  return nameKey(n.name) === nameKey(name) && nameKey(name) !== '';
}

/** The child of `nodes` with that code or name, made when missing. */
export function child(nodes: XNode[], name: string, code?: string, levelOne = false): XNode {
  let found = nodes.find((n) => sameNode(n, name, code));
  if (!found && code === undefined && levelOne) {
    // a level-1 group named differently in two places ("部门决策" / "项目决策类指标")
    const d = dimensionOf(name);
    const byDim = d === undefined ? [] : nodes.filter((n) => dimensionOf(n.name) === d);
    if (byDim.length === 1) found = byDim[0];
    // "过程" from a list of level-1 scores, then "项目过程情况" from its heading: the heading's name
    if (found && found.name.length <= 2 && name.length > found.name.length) found.name = name;
  }
  if (found) {
    if (found.code === undefined && code !== undefined) found.code = code;
    if (/^[A-Z]\d*$/.test(found.name) && !/^[A-Z]\d*$/.test(name)) found.name = name;
    return found;
  }
  const n: XNode = { name, ...(code !== undefined ? { code } : {}), stated: [], children: [] };
  nodes.push(n);
  return n;
}

/** Finds a node anywhere below `nodes` by code or name. */
export function findNode(nodes: readonly XNode[], name: string, code?: string): XNode | undefined {
  for (const n of nodes) {
    if (sameNode(n, name, code)) return n;
    const f = findNode(n.children, name, code);
    if (f) return f;
  }
  return undefined;
}

/**
 * A root for a printed code's letter: the existing root with that code; else the uncoded root at
 * the letter's position (A → the first), which the summary table named; else a new root.
 */
export function rootForLetter(unit: XUnit, letter: string): XNode {
  const coded = unit.roots.find((r) => r.code === letter);
  if (coded) return coded;
  const at = unit.roots[letter.charCodeAt(0) - 65];
  if (at && at.code === undefined) {
    at.code = letter;
    return at;
  }
  return child(unit.roots, letter, letter, true);
}

export function leaves(nodes: readonly XNode[]): XNode[] {
  return nodes.flatMap((n) => (n.children.length === 0 ? [n] : leaves(n.children)));
}

export function countNodes(nodes: readonly XNode[]): number {
  return nodes.reduce((c, n) => c + 1 + countNodes(n.children), 0);
}
