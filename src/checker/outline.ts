/**
 * Indicators written as text: headings that carry a weight ("（2）绩效目标（5分）", "1）办理免费乘车码
 * 人数不少于2000人（6分）", a flattened 自评表's "组织开展困难职工帮扶（3 分）"), paragraphs that
 * name one ("（3）绩效目标合理性：……得3分", "A34办公资源投入合理性：……") and the score their text
 * gives ("该指标得4分", "满分为3.00分，根据评分标准得2.70分"); level-1 summaries ("部门决策13分，
 * 得分12分，得分率92.31%", "由6个三级指标构成，权重分为20分，实际得分20分"); totals and grades.
 */
import { gt, parseDecimal } from '../core/decimal/index.ts';
import {
  DIMENSIONS,
  type Line,
  dimensionOf,
  nameKey,
  numberText,
  numbering,
  sentenceAround,
} from './text.ts';
import { type XNode, type XStatement, type XUnit, child, findNode, splitCode } from './tree.ts';

const NUM = String.raw`(\d+(?:\.\d+)?)`;
/** "名称（5分）", "名称（6 分", "名称（8）" at the end of a line. */
const WEIGHTED = new RegExp(String.raw`^(.{2,60}?)\s*[（(]\s*${NUM}\s*(分?)\s*[)）]?$`);
const SCORE_PATTERNS = [
  new RegExp(String.raw`(?:该项?指标|本指标|该项)[^。；]{0,20}?得\s*${NUM}\s*分(?!率)`),
  new RegExp(String.raw`(?:评分标准|评分细则|综上)[^。；]{0,12}?得\s*${NUM}\s*分(?!率)`),
  new RegExp(String.raw`(?:该项?指标|本指标)\s*${NUM}\s*分`),
  new RegExp(String.raw`得\s*[\d.]+\s*[×*][^=＝]{1,20}[=＝]\s*${NUM}\s*分`),
  new RegExp(String.raw`(?:^|[，,。；])得\s*${NUM}\s*分(?!率)`),
];
const FULL_MARKS = new RegExp(String.raw`满分(?:为|是)?\s*${NUM}\s*分`);
const LEVEL1_SUMMARY = new RegExp(
  String.raw`([\u4e00-\u9fff]{2,8}?)(?:类指标)?(?:权重分?值?)?\s*${NUM}\s*分\s*[，,]\s*(?:实际)?得分\s*${NUM}\s*分(?:\s*[，,]\s*得分率(?:为)?\s*(\d+(?:\.\d+)?%))?`,
  'g',
);
const GROUP_SUMMARY = new RegExp(
  String.raw`权重分?值?为?\s*${NUM}\s*分\s*[，,]\s*(?:实际)?得分(?:为)?\s*${NUM}\s*分(?:\s*[，,]\s*得分率(?:为)?\s*(\d+(?:\.\d+)?%))?`,
);
const COUNT = /(?:用|由)\s*(\d+)\s*个\s*(三|二|一)级指标/;
const TOTAL = new RegExp(
  String.raw`(?:综合评分|综合得分|总得分|总分|评价得分|自评得分|最终得分|绩效评价得分|评分结果)(?:为|是|：|:)?\s*${NUM}\s*分`,
);
const GRADE =
  /(?:评价等级|绩效评级|评级|等级|等次|评价结果|评定为|评为)(?:为|是|：|:)?\s*[“"「]?(优秀|优|良好|良|中等|中|合格|较差|差)[”"」]?/;

interface Heading {
  style: string;
  node: XNode;
}

export interface OutlineState {
  unit: XUnit;
  /** The level-1 group the text is in (from a heading such as "（一）单位决策完成情况"). */
  group?: XNode;
  stack: Heading[];
  /** The indicator the last lines were about, for a score stated a line or two later. */
  open?: { node: XNode; lines: number; scored: boolean; flattened: boolean; values: string[]; where: string };
  /** A paragraph that named something ("A34办公资源投入合理性：……") whose score may follow. */
  pending?: { name: string; code?: string; style: string; lines: number; evidence: string[] };
}

export function newState(unit: XUnit): OutlineState {
  return { unit, stack: [] };
}

const LEVEL1_CONTEXT = new RegExp(
  String.raw`^(?:(?!评价|工作|实施|组织)[\u4e00-\u9fff]){0,4}(${DIMENSIONS.join('|')})(?:类)?(?:完成情况|情况|指标|分析|方面)?[。.]?$`,
);

/**
 * The score a text gives its indicator. A bare "得1.00分" that occurs more than once scores the
 * elements of the indicator ("程序合理，得1.00分；依据充分，得1.00分"), not the indicator itself.
 */
function scoreIn(text: string): { score: string; at: number } | undefined {
  for (const [k, re] of SCORE_PATTERNS.entries()) {
    const m = re.exec(text);
    if (m?.[1] === undefined) continue;
    if (k === SCORE_PATTERNS.length - 1 && text.match(/得\s*\d+(?:\.\d+)?\s*分(?!率)/g)?.length !== 1)
      return undefined;
    return { score: m[1], at: m.index };
  }
  return undefined;
}

function groupFor(state: OutlineState, name: string): XNode {
  return child(state.unit.roots, name, undefined, true);
}

/** Level-1 figures stated in a sentence; true when the line was one. */
function summaries(state: OutlineState, line: Line): boolean {
  let found = false;
  for (const m of line.text.matchAll(LEVEL1_SUMMARY)) {
    const name = (m[1] ?? '').replace(/^(其中|包括|分别为|即)/, '');
    if (dimensionOf(name) === undefined) continue;
    const node = groupFor(state, name);
    node.stated.push({
      source: 'text',
      weight: m[2],
      score: m[3],
      ...(m[4] !== undefined ? { rate: m[4] } : {}),
      quote: m[0],
      where: line.where,
    });
    found = true;
  }
  if (found) return true;
  levelOneScores(state, line);
  const g = GROUP_SUMMARY.exec(line.text);
  if (g) {
    const named = LEVEL1_NAMED.exec(line.text);
    const node = named ? groupFor(state, named[1] as string) : state.group;
    if (node) {
      node.stated.push({
        source: 'text',
        weight: g[1],
        score: g[2],
        ...(g[3] !== undefined ? { rate: g[3] } : {}),
        quote: sentenceAround(line.text, g.index),
        where: line.where,
      });
      counts(state, line, node);
      return true;
    }
  }
  return false;
}

/** "其中，决策类指标得分20分，过程类指标得分19.78分，产出类指标得分39.22分": level-1 scores listed. */
const LEVEL1_SCORE = new RegExp(
  String.raw`([\u4e00-\u9fff]{2,8}?)(?:类指标|指标)?(?:得分|得)(?:为)?\s*${NUM}\s*分(?!率)`,
  'g',
);

function levelOneScores(state: OutlineState, line: Line): void {
  const found = [...line.text.matchAll(LEVEL1_SCORE)].filter(
    (m) => dimensionOf((m[1] ?? '').replace(/^(其中|包括|分别为|即)/, '')) !== undefined,
  );
  // one alone may be an indicator's sentence; a list of them is the level-1 summary
  if (new Set(found.map((m) => dimensionOf(m[1] as string))).size < 2) return;
  for (const m of found) {
    groupFor(state, (m[1] as string).replace(/^(其中|包括|分别为|即)/, '')).stated.push({
      source: 'text',
      score: m[2],
      quote: sentenceAround(line.text, m.index, m.index + m[0].length),
      where: line.where,
    });
  }
}

const LEVEL1_NAMED = new RegExp(
  String.raw`^\s*([\u4e00-\u9fff]{0,6}(?:${DIMENSIONS.join('|')}))(?:类指标|指标)?(?:包括|主要|由|共)`,
);

function counts(state: OutlineState, line: Line, group: XNode | undefined): void {
  const m = COUNT.exec(line.text);
  if (!m || !group) return;
  state.unit.counts.push({
    group: group.name,
    level: { 一: 1, 二: 2, 三: 3 }[m[2] as '一' | '二' | '三'],
    value: Number(m[1]),
    quote: sentenceAround(line.text, m.index),
    where: line.where,
  });
}

function totals(state: OutlineState, line: Line): void {
  const t = TOTAL.exec(line.text);
  if (t && !/权重|满分/.test(line.text.slice(Math.max(0, t.index - 4), t.index)))
    state.unit.total.push({
      source: 'text',
      score: t[1],
      quote: sentenceAround(line.text, t.index),
      where: line.where,
    });
  const g = GRADE.exec(line.text);
  if (g && (t || /绩效|评价|自评/.test(line.text)))
    state.unit.grade.push({
      grade: (g[1] as string).slice(0, 1),
      quote: sentenceAround(line.text, g.index),
      where: line.where,
    });
}

function attachScore(state: OutlineState, node: XNode, line: Line, text: string): boolean {
  const s = scoreIn(text);
  if (!s) return false;
  const w = FULL_MARKS.exec(text);
  const st: XStatement = {
    source: 'text',
    score: s.score,
    ...(w?.[1] !== undefined ? { weight: w[1] } : {}),
    quote: sentenceAround(text, s.at),
    where: line.where,
  };
  node.stated.push(st);
  (node.evidence ??= []).push(text);
  if (state.open?.node === node) state.open.scored = true;
  return true;
}

/** Where a new indicator goes: under the heading above it of another style, or the group. */
function placeFor(state: OutlineState, style: string): XNode[] {
  const k = state.stack.findIndex((h) => h.style === style);
  if (k >= 0) state.stack.length = k;
  const parent = state.stack.at(-1)?.node ?? state.group;
  return parent ? parent.children : state.unit.roots;
}

/** A table's node with that name or code, so that the text's statement joins it. */
function existing(state: OutlineState, name: string, code: string | undefined): XNode | undefined {
  return findNode(state.unit.roots, name, code);
}

function flushValues(state: OutlineState): void {
  const o = state.open;
  if (!o || o.scored || !o.flattened || o.values.length === 0) return;
  const stated = o.node.stated.find((s) => s.weight !== undefined)?.weight;
  const weight = stated === undefined ? undefined : parseDecimal(stated);
  const numbers = o.values.map((v) => numberText(v));
  // the score: the last figure of the row that is not above the weight
  const fits = (n: string | undefined): boolean => {
    const v = n === undefined ? undefined : parseDecimal(n);
    return v !== undefined && (weight === undefined || !gt(v, weight));
  };
  let k = numbers.length - 1;
  while (k >= 0 && !fits(numbers[k])) k--;
  if (k < 0) return;
  o.node.stated.push({
    source: 'table',
    score: numbers[k],
    quote: `${o.node.name} ${o.values.join(' ')}`,
    where: o.where,
  });
  const rest = o.values.slice(0, k).filter((v) => v !== '');
  if (rest[0] !== undefined && o.node.target === undefined) o.node.target = rest[0];
  if (rest[1] !== undefined && o.node.actual === undefined) o.node.actual = rest[1];
  o.scored = true;
}

/** The indicator a paragraph named, now that a score for it is found. */
function scorePending(state: OutlineState, line: Line, text: string): void {
  const p = state.pending;
  if (!p) return;
  state.pending = undefined;
  const node = existing(state, p.name, p.code) ?? child(placeFor(state, p.style), p.name, p.code);
  (node.evidence ??= []).push(...p.evidence);
  state.open = { node, lines: 0, scored: false, flattened: false, values: [], where: line.where };
  attachScore(state, node, line, text);
}

/**
 * “A34办公资源投入合理性”指标得分为3.00*89.90%=2.70分 in another indicator's paragraph: a score the
 * text gives the indicator it quotes (by its code, so that it is the one meant).
 */
function quotedScores(state: OutlineState, line: Line): void {
  const own = splitCode(line.text).code;
  const re = /“([A-Z]\d{1,3})([^”]{2,30})”\s*指标得分为?[^。；=＝]{0,40}[=＝]\s*(\d+(?:\.\d+)?)\s*分/g;
  for (const m of line.text.matchAll(re)) {
    if (m[1] === own) continue;
    const node = findNode(state.unit.roots, m[2] as string, m[1]);
    if (!node || node.code !== m[1]) continue;
    node.stated.push({
      source: 'text',
      score: m[3],
      quote: sentenceAround(line.text, m.index, m.index + m[0].length),
      where: line.where,
    });
  }
}

/** “B13预算调整情况：…①…，得1分；②…，得1分。” — the scores of an indicator's elements. */
function elementScores(state: OutlineState, line: Line): void {
  const { code } = splitCode(line.text);
  if (code === undefined || !/^[A-Z]\d{1,3}[^：:]{2,40}[：:]/.test(line.text)) return;
  const scores = [...line.text.matchAll(/[①-⑳][^①-⑳。]*?得\s*(\d+(?:\.\d+)?)\s*分/g)].map(
    (m) => m[1] as string,
  );
  if (scores.length < 2) return;
  const first = line.text.search(/[①-⑳]/);
  state.unit.elements.push({
    code,
    scores,
    quote: sentenceAround(line.text, first, first, ['。']),
    where: line.where,
  });
}

/**
 * “设置指标为微信公众号总浏览量300万次，实际当年微信公众号总浏览量215万次”: the target and the
 * actual of the indicator the paragraph is under, when it has none from a table.
 */
function targetAndActual(state: OutlineState, line: Line): void {
  const node = state.open?.node;
  if (!node || node.target !== undefined || node.actual !== undefined) return;
  const figure = String.raw`[^，,。；\d]{0,30}?(\d+(?:\.\d+)?\s*万?[\u4e00-\u9fff%]{1,2})(?=[，,。；]|$)`;
  const m = new RegExp(
    String.raw`(?:设置指标为|指标值为|目标值为|目标为|计划)${figure}[，,]\s*实际(?:当年|完成|全年)?${figure}`,
  ).exec(line.text);
  if (!m) return;
  node.target = (m[1] as string).replace(/\s/g, '');
  node.actual = (m[2] as string).replace(/\s/g, '');
}

/** Reads one line into the state. */
export function readLine(state: OutlineState, line: Line, previous?: Line): void {
  const text = line.text;
  quotedScores(state, line);
  elementScores(state, line);
  targetAndActual(state, line);
  const num = numbering(text);
  // level-1 context: "（一）单位决策完成情况", "（三）项目产出情况。", a flattened table's "产出指标"
  const bare = (num?.rest ?? text).replace(/[\s\u3000]/g, '');
  const top = num === undefined || num.style === '一、' || num.style === '（一）';
  if (top && bare.length <= 14 && LEVEL1_CONTEXT.test(bare) && !WEIGHTED.test(bare)) {
    flushValues(state);
    state.group = groupFor(state, bare.replace(/[。.]$/, ''));
    state.stack = [];
    state.open = undefined;
    state.pending = undefined;
    return;
  }
  totals(state, line);
  if (summaries(state, line)) return;
  counts(state, line, state.group);
  // a weight on its own line belongs to the line before ("年度内完成长沙市绩效考核任务" / "（3 分）")
  const joined =
    /^[（(]\s*\d+(\.\d+)?\s*分\s*[)）]$/.test(text) && previous ? `${previous.text}${text}` : undefined;
  const w = WEIGHTED.exec(joined ?? num?.rest ?? text);
  if (w && (num !== undefined || (w[1] ?? '').length <= 40) && !/[。；]/.test(w[1] ?? '')) {
    flushValues(state);
    const { code, name } = splitCode((w[1] as string).replace(/[:：]$/, '').trim());
    const style = num?.style ?? (w[3] === '分' ? 'bare-分' : 'bare');
    const node = existing(state, name, code) ?? child(placeFor(state, style), name, code);
    if (joined !== undefined) {
      // the line before was taken for a name of its own: fold it into this one
      const siblings = placeFor(state, style);
      const stray = siblings.findIndex(
        (n) => n !== node && n.name === previous?.text && n.stated.length === 0,
      );
      if (stray >= 0) siblings.splice(stray, 1);
    }
    node.stated.push({ source: 'text', weight: w[2], quote: text, where: line.where });
    state.stack.push({ style, node });
    state.open = {
      node,
      lines: 0,
      scored: false,
      flattened: num === undefined,
      values: [],
      where: line.where,
    };
    return;
  }
  // "（3）绩效目标合理性：……得3分", "A34办公资源投入合理性：……"
  const coded = splitCode(text);
  const inline = (
    coded.code !== undefined ? /^([^：:。；]{2,60})[：:](.*)$/ : /^([^：:，。；]{2,40})[：:](.*)$/
  ).exec(num?.rest ?? text);
  if (
    inline &&
    (num !== undefined || coded.code !== undefined) &&
    !/^(对于|其中|注)/.test(inline[1] as string)
  ) {
    flushValues(state);
    state.open = undefined;
    const { code, name } = splitCode((inline[1] as string).trim());
    const style = num?.style ?? 'code';
    if ((inline[2] ?? '').trim() === '' && num !== undefined) {
      // "（1）实施效益指标：" — a heading the next lines fill
      state.pending = undefined;
      state.stack.push({ style, node: child(placeFor(state, style), name) });
      return;
    }
    state.pending = { name, ...(code !== undefined ? { code } : {}), style, lines: 0, evidence: [] };
    if (scoreIn(inline[2] ?? '')) scorePending(state, line, inline[2] ?? '');
    else state.pending.evidence.push(inline[2] ?? '');
    return;
  }
  const pending = state.pending;
  if (pending && pending.lines < 2) {
    pending.lines++;
    if (scoreIn(text)) {
      scorePending(state, line, text);
      return;
    }
    pending.evidence.push(text);
  }
  const open = state.open;
  if (open && !open.scored && open.lines < (open.flattened ? 8 : 3)) {
    open.lines++;
    if (attachScore(state, open.node, line, text)) return;
    if (open.flattened && text.length <= 30) {
      open.values.push(text.replace(/^[)）]\s*/, '').replace(/\s+/g, ''));
      return;
    }
    if (!open.flattened) (open.node.evidence ??= []).push(text);
  }
  // "实施效益指标合计得10分" — a group's subtotal
  const sub = new RegExp(String.raw`^([\u4e00-\u9fff“”]{2,20}?)(?:合计|小计|共计)得?分?\s*${NUM}\s*分`).exec(
    text,
  );
  if (sub) {
    const node = findNode(state.unit.roots, sub[1] as string);
    if (node) node.stated.push({ source: 'text', score: sub[2], quote: text, where: line.where });
    return;
  }
  // a paragraph scoring an indicator it does not name: "社会化人员社保金缴费24人，……得4分。"
  const s = scoreIn(text);
  if (
    s &&
    (state.stack.length > 0 || state.group) &&
    !(open && !open.scored && open.lines < (open.flattened ? 8 : 3))
  ) {
    const name = (text.split(/[，,。：:]/)[0] ?? text).replace(/^对于/, '').slice(0, 30);
    if (/^(该|本|根据|依据|综上|经|按照|满分)/.test(name)) return;
    const heading = /^对于“?([^”：:]+)”?[：:]?$/;
    const parent = state.stack.at(-1)?.node ?? state.group;
    if (!parent || heading.test(text)) return;
    // "（2）满意度指标：" … "对于满意度指标：……得10分" scores the heading itself
    const node =
      nameKey(parent.name) === nameKey(name) && parent.children.length === 0
        ? parent
        : child(parent.children, name);
    state.open = { node, lines: 0, scored: false, flattened: false, values: [], where: line.where };
    attachScore(state, node, line, text);
    return;
  }
  // "（1）对于“产出数量”", "对于“社会效益指标”：" — a heading without a weight
  const about = /^(?:对于)?[“"]([^”"]{2,20})[”"][：:]?$/.exec(num?.rest ?? text);
  if (about || (num !== undefined && num.rest.length <= 16 && /^对于/.test(num.rest))) {
    flushValues(state);
    const name = (about?.[1] ?? num?.rest ?? text).replace(/^对于[“"]?|[”"：:]+$/g, '');
    const style = num?.style ?? 'about';
    const node = child(placeFor(state, style), name);
    state.stack.push({ style, node });
    state.open = undefined;
    state.pending = undefined;
  }
}

export function endOutline(state: OutlineState): void {
  flushValues(state);
}
