/**
 * What a report states, pulled out of its blocks: title, year, kind and unit; the units it
 * evaluates (a department's report may score each of its units, as seed 001 does: "1.南昌市总工会"
 * … "2.南昌市工人文化宫" … repeated under each heading); per unit the indicator tree from the tables
 * and the text, and the figures the text states.
 */
import type { ReportDocument } from './document.ts';
import { readFlatBudgetTables } from './budget-table.ts';
import { readFacts } from './facts.ts';
import { endOutline, newState, readLine, type OutlineState } from './outline.ts';
import { readTables } from './tables.ts';
import { type Line, linesOf } from './text.ts';
import { type XUnit, leaves, newUnit } from './tree.ts';
import { tableGrid } from './document.ts';

export interface Extracted {
  title?: string;
  year?: number;
  kind?: 'department' | 'unit' | 'project';
  mode: 'self' | 'third-party' | 'finance' | 'department';
  /** The unit the report is about: for a report on several units, their department. */
  unit?: string;
  units: XUnit[];
  /**
   * A report on several units: what it states of the department as a whole ("南昌市总工会及直属事业
   * 单位……共计4,077.27万元"), to be checked against the units' figures.
   */
  department?: XUnit;
  unextracted: string[];
}

const ORG =
  /(?:[\u4e00-\u9fff]{2,14}?(?:总工会|工会|中心|文化宫|局|委员会|办公室|院|所|站|队|馆|学校|厅|联合会|协会|政府|公司))+(?:（本级）|\(本级\))?/g;
/** Words a name match drags in from the sentence before the name. */
/** One organisation name (ORG is global, for matchAll). */
const ORG_ONE = new RegExp(ORG.source);
const LEAD = /^(?:\d{4}年度?|年度|年|对|由|经|为|在|根据|按照|将|与|和|及|的)+/;
const UNIT_HEADING = new RegExp(String.raw`^\d{1,2}\s*[.．、]\s*(${ORG.source})$`);
const TITLE = /(绩效(?:自评|评价)?报告|绩效自评表|评价报告|自评报告)/;

function titleOf(doc: ReportDocument): string | undefined {
  for (const b of doc.blocks.slice(0, 40)) {
    if (b.kind !== 'paragraph') continue;
    const t = b.text.replace(/\s+/g, '');
    if (t.length >= 8 && t.length <= 70 && TITLE.test(t) && /\d{4}年|年度/.test(t)) return t;
  }
  return undefined;
}

function yearOf(title: string | undefined, text: string): number | undefined {
  const t = title !== undefined ? /(20\d{2})\s*年/.exec(title) : null;
  if (t) return Number(t[1]);
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/(20\d{2})\s*年度/g))
    counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  if (counts.size === 0)
    for (const m of text.matchAll(/(20\d{2})\s*年(?!\d)/g))
      counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  let best: number | undefined;
  for (const [y, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = y;
  return best;
}

function kindOf(title: string | undefined, head: string): Extracted['kind'] {
  const t = `${title ?? ''} ${head}`;
  if (
    /项目支出绩效|项目绩效|项目支出/.test(title ?? '') ||
    (!/整体支出/.test(t) && /项目(支出)?绩效/.test(t))
  )
    return 'project';
  if (/单位整体支出/.test(t) && !/部门整体支出/.test(t)) return 'unit';
  if (/部门整体|整体支出/.test(t)) return 'department';
  return undefined;
}

/** The evaluated unit: "单位名称：X", a form's 单位名称 cell, the title, or the organisation named most. */
function unitNameOf(doc: ReportDocument, title: string | undefined, text: string): string | undefined {
  const named =
    /(?:单位名称|部门名称|部门（单位）名称|项目单位|实施单位)\s*[：:]?\s*([\u4e00-\u9fff（）()]{2,30})/.exec(
      text,
    );
  if (named?.[1] !== undefined && ORG_ONE.test(named[1])) return named[1];
  // a project's report names who carries it out: "该项目由阿克陶县总工会实施"
  const doer = new RegExp(String.raw`(?:该|本)?项目由(${ORG.source})(?:负责)?(?:组织)?实施`).exec(text);
  if (doer?.[1] !== undefined) return doer[1];
  for (const b of doc.blocks) {
    if (b.kind !== 'table') continue;
    for (const row of tableGrid(b)) {
      const k = row.findIndex((c) => /单位名称|部门（单位）名称/.test(c));
      const v = k >= 0 ? row.slice(k + 1).find((c) => c !== '' && c !== row[k]) : undefined;
      if (v !== undefined) return v;
    }
  }
  if (title !== undefined) {
    const m = ORG_ONE.exec(title.replace(/^\d{4}年度?/, ''));
    if (m) return m[0].replace(/^\d{4}年度?/, '');
  }
  const counts = new Map<string, number>();
  for (const m of text.matchAll(ORG)) {
    const name = m[0].replace(LEAD, '');
    if (name.length >= 4) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [name, n] of counts) {
    const b = best === undefined ? 0 : (counts.get(best) ?? 0);
    if (best === undefined || n > b || (n === b && name.length > best.length)) best = name;
  }
  return best;
}

/** Units scored one after another under repeated headings "1.南昌市总工会" … "2.…". */
function unitHeadings(lines: readonly Line[]): Map<number, string> {
  const seen = new Map<string, number[]>();
  lines.forEach((l, i) => {
    const m = UNIT_HEADING.exec(l.text.replace(/\s+/g, ''));
    if (m?.[1] !== undefined) seen.set(m[1], [...(seen.get(m[1]) ?? []), i]);
  });
  const repeated = [...seen].filter(([, at]) => at.length >= 2);
  const out = new Map<number, string>();
  if (repeated.length < 2) return out;
  for (const [name, at] of repeated) for (const i of at) out.set(i, name);
  return out;
}

const clean = (name: string): string => name.replace(/（本级）|\(本级\)/, '');

export function extract(doc: ReportDocument): Extracted {
  const unextracted: string[] = [];
  const allText = doc.blocks
    .map((b) =>
      b.kind === 'paragraph'
        ? b.text
        : tableGrid(b)
            .map((r) => r.join(' '))
            .join('\n'),
    )
    .join('\n');
  const title = titleOf(doc);
  const year = yearOf(title, allText);
  const kind = kindOf(title, allText.slice(0, 3000));
  const facts = { project: kind === 'project' };
  const mode: Extracted['mode'] = /会计师事务所|第三方|受托|我们接受|我所/.test(allText)
    ? 'third-party'
    : /自评/.test(`${title ?? ''}${allText.slice(0, 3000)}`)
      ? 'self'
      : 'finance';

  // tables are read first, for the unit the report is about; multi-unit reports put their units in text
  const mainName = unitNameOf(doc, title, allText) ?? '（未识别单位）';
  const main = newUnit(clean(mainName));
  const { used, unreadable } = readTables(doc, () => main);
  unextracted.push(...unreadable);

  const lines = linesOf(doc, (i) => {
    if (used.has(i)) return undefined;
    const b = doc.blocks[i];
    return b?.kind === 'table'
      ? tableGrid(b).flatMap((row) => row.filter((c, k) => c !== '' && row.indexOf(c) === k))
      : undefined;
  });
  const headings = unitHeadings(lines);
  const units = new Map<string, XUnit>();
  const states = new Map<XUnit, OutlineState>();
  const unitNamed = (name: string): XUnit => {
    const key = clean(name);
    let u = units.get(key);
    if (!u) {
      u = units.size === 0 && key === main.name ? main : newUnit(key);
      units.set(key, u);
    }
    return u;
  };
  if (headings.size === 0) units.set(main.name, main);
  // the units in the order the report takes them
  for (const i of [...headings.keys()].sort((a, b) => a - b)) unitNamed(headings.get(i) as string);
  const names = [...new Set(headings.values())].map(clean).sort((a, b) => b.length - a.length);
  const departmentName = departmentOf(names, allText) ?? main.name;
  const department = newUnit(departmentName);
  // a flattened budget table belongs to the unit named just above it, or to the only unit
  unextracted.push(
    ...readFlatBudgetTables(lines, (i) => {
      const near = lines
        .slice(Math.max(0, i - 12), i)
        .map((l) => l.text)
        .join(' ');
      const named = names.find((n) => near.includes(n));
      return named !== undefined ? unitNamed(named) : headings.size === 0 ? main : undefined;
    }),
  );
  let context: XUnit | undefined;
  const stateOf = (u: XUnit): OutlineState => {
    let s = states.get(u);
    if (!s) {
      s = newState(u);
      states.set(u, s);
    }
    return s;
  };
  let previous: Line | undefined;
  lines.forEach((line, i) => {
    const heading = headings.get(i);
    if (heading !== undefined) {
      context = unitNamed(heading);
      const s = stateOf(context);
      s.stack = [];
      s.open = undefined;
      previous = line;
      return;
    }
    // a new section ends the unit a heading opened; its level-1 context carries to every unit
    if (
      /^[一二三四五六七八九十]+[、.．]|^[（(][一二三四五六七八九十]+[)）]/.test(line.text) &&
      headings.size > 0
    ) {
      context = undefined;
      for (const name of names) readLine(stateOf(unitNamed(name)), line, previous);
      previous = line;
      return;
    }
    if (context === undefined && headings.size > 0 && /。./.test(line.text)) {
      // outside a unit's part, a paragraph may speak of each unit in turn, a sentence each
      let about: string | undefined;
      for (const sentence of line.text.split(/(?<=。)/)) {
        about = names.find((n) => sentence.slice(0, n.length + 12).includes(n)) ?? about;
        const unit = unitNamed(about ?? names.at(-1) ?? main.name);
        const part = { ...line, text: sentence.trim() };
        if (part.text === '') continue;
        // a sentence on the whole department speaks of none of its units alone
        readFacts(speaksOfAll(part.text, names, departmentName) ? department : unit, part, facts);
        if (about !== undefined) readLine(stateOf(unit), part, previous);
      }
      previous = line;
      return;
    }
    const mentioned = names.find((n) => line.text.slice(0, n.length + 12).includes(n));
    const factsUnit =
      mentioned !== undefined
        ? unitNamed(mentioned)
        : (context ?? (headings.size > 0 ? unitNamed(names.at(-1) ?? main.name) : main));
    const before = factsUnit.amounts.length;
    if (context === undefined && headings.size > 0 && speaksOfAll(line.text, names, departmentName))
      readFacts(department, line, facts);
    else readFacts(factsUnit, line, facts);
    // a unit's part of the report that names another unit: the figure stands in this unit's part
    if (context !== undefined && context !== factsUnit)
      for (const a of factsUnit.amounts.slice(before)) a.under = context.name;
    const target =
      context ?? (mentioned !== undefined ? unitNamed(mentioned) : headings.size > 0 ? undefined : main);
    if (target) readLine(stateOf(target), line, previous);
    else
      for (const name of names)
        if (/得分|等级|综合评分/.test(line.text)) readLine(stateOf(unitNamed(name)), line, previous);
    previous = line;
  });
  for (const s of states.values()) endOutline(s);

  const all = [...units.values()];
  for (const u of all) {
    if (leaves(u.roots).length === 0)
      unextracted.push(`${u.name}：未找到评分指标（既没有可识别的指标表，也没有写明分值、得分的指标段落）`);
  }
  return {
    ...(title !== undefined ? { title } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(kind !== undefined ? { kind } : {}),
    mode,
    unit: headings.size > 0 ? departmentName : main.name,
    units: all,
    ...(headings.size > 0 ? { department } : {}),
    unextracted,
  };
}

/**
 * The department of a report on several units: the unit whose name begins every other's
 * ("南昌市总工会" of "南昌市总工会宣教中心"), or the one the text names with its units
 * ("南昌市总工会及直属事业单位").
 */
function departmentOf(names: readonly string[], text: string): string | undefined {
  if (names.length < 2) return undefined;
  return names.find((n) => names.every((o) => o.startsWith(n))) ?? names.find((n) => withUnits(n).test(text));
}

/** "南昌市总工会及直属事业单位", "…及所属单位". */
const withUnits = (name: string): RegExp =>
  new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}及(?:其)?(?:直属|所属|下属|下设)`);

/** A sentence about the whole department: it names it with its units, or names two units or more. */
function speaksOfAll(sentence: string, names: readonly string[], department: string): boolean {
  if (withUnits(department).test(sentence)) return true;
  let rest = sentence;
  let named = 0;
  // longest first, so that "南昌市总工会" inside "南昌市总工会宣教中心" is not counted again
  for (const n of names)
    if (rest.includes(n)) {
      named++;
      rest = rest.split(n).join('');
    }
  return named >= 2;
}
