/**
 * 项目支出绩效评价报告 on the outline of 财预〔2020〕10号 as seed 004 follows it:
 * 一、基本情况 二、绩效评价工作开展情况 三、综合评价情况及评价结论 四、绩效评价指标分析
 * 五、预算执行进度与绩效指标偏差 六、主要经验及做法、存在的问题及原因分析 七、有关建议 八、其他需要说明的问题.
 */
import { cmp } from '../../core/decimal/index.ts';
import type { ScoreResult, ScoredNode } from '../../core/result.ts';
import type { ReportInput } from '../types.ts';
import { CHART_TITLE, type Charts, startCharts } from './charts.ts';
import type { Part } from './document.ts';
import { duties, budgetText, staffingText, unitFacts } from './facts.ts';
import {
  cleanNote,
  money,
  percent,
  rateOf,
  score,
  sentence,
  targetText,
  actualText,
  weight,
} from './format.ts';
import { leaves } from './indicator-text.ts';
import { summaryTable, percentOfTotal } from './score-tables.ts';
import { evaluationWork, groupAnalysis, lostPoints, problems, suggestions } from './sections.ts';
import { Writer } from './writer.ts';
import { headingNumber } from './numbering.ts';

export const PROJECT_OUTLINE = [
  '基本情况',
  '绩效评价工作开展情况',
  '综合评价情况及评价结论',
  '绩效评价指标分析',
  '预算执行进度与绩效指标偏差',
  '主要经验及做法、存在的问题及原因分析',
  '有关建议',
  '其他需要说明的问题',
] as const;

function basics(w: Writer, result: ScoreResult, charts: Charts): void {
  const ev = result.evaluation;
  const b = ev.budget;
  w.h(1, PROJECT_OUTLINE[0]).h(2, '项目概况');
  w.h(3, '项目背景及主要内容').p(ev.project?.description ? sentence(ev.project.description) : '');
  w.h(3, '项目实施主体').p(unitFacts(ev));
  const d = duties(ev);
  if (d.length > 0) w.p(`主要职能：${d.join('；')}。`);
  w.p(staffingText(ev));
  w.h(3, '资金投入和使用情况').p(budgetText(ev));
  if (b.sources.length > 0)
    w.p(
      `资金来源：${b.sources.map((s) => `${s.name}${money(ev, s.annual)}${s.executed !== undefined ? `（执行${money(ev, s.executed)}，执行率${rateOf(s.executed, s.annual)}）` : ''}`).join('；')}。`,
    );
  w.figure(CHART_TITLE.budget, charts.budget);
  w.h(2, '项目绩效目标');
  w.h(3, '项目绩效总目标').p(ev.goals?.overall ? sentence(ev.goals.overall) : '未设定总体目标。');
  w.h(3, '绩效指标');
  targets(w, result.roots);
}

/** Per level-1 group the indicators with a target: "（1）产出目标 ①数量指标：“…”指标值为≥24人；…" */
function targets(w: Writer, roots: readonly ScoredNode[]): void {
  for (const g of roots) {
    const withTarget = leaves(g).filter((l) => l.node.target);
    if (withTarget.length === 0) continue;
    w.p(`${w.number(4)}${g.node.name}目标`);
    const parents = g.children.length > 0 && g.children.some((k) => k.children.length > 0) ? g.children : [g];
    let k = 0;
    for (const p of parents) {
      const items = leaves(p).filter((l) => l.node.target);
      if (items.length === 0) continue;
      k++;
      const lead = p === g ? '' : `${headingNumber(5, k)}${p.node.name}：`;
      w.p(`${lead}${items.map((l) => `“${l.node.name}”指标，年度指标值为${targetText(l)}`).join('；')}。`);
    }
  }
}

function conclusion(w: Writer, result: ScoreResult, charts: Charts): void {
  const ev = result.evaluation;
  w.h(1, PROJECT_OUTLINE[2]).h(2, '综合评价情况');
  w.p(
    `经评价，${ev.project?.name ?? ev.unit.name}项目总得分${score(result.total)}分（满分${weight(result.totalWeight)}分），绩效评级为“${result.grade}”。其中，` +
      result.roots
        .map(
          (g) =>
            `${g.node.name}类指标得分${score(g.score)}分（分值${weight(g.effectiveWeight)}分，得分率${percent(g.rate)}）`,
        )
        .join('，') +
      '。',
  );
  w.table('综合评价得分情况', summaryTable(result));
  w.figure(CHART_TITLE.score, charts.score);
  w.h(2, '综合评价结论');
  w.p(ev.goals?.achieved ? sentence(ev.goals.achieved) : '');
  const weakest = weakestGroup(result.roots);
  if (weakest && result.roots.length > 1)
    w.p(`各一级指标中，${weakest.node.name}类指标得分率最低，为${percent(weakest.rate)}。`);
}

function weakestGroup(roots: readonly ScoredNode[]): ScoredNode | undefined {
  let low: ScoredNode | undefined;
  for (const g of roots) if (g.rate && (!low?.rate || cmp(g.rate, low.rate) < 0)) low = g;
  return low;
}

function analysis(w: Writer, result: ScoreResult): void {
  w.h(1, PROJECT_OUTLINE[3]);
  for (const g of result.roots) {
    w.h(2, g.node.name.startsWith('项目') ? `${g.node.name}情况` : `项目${g.node.name}情况`);
    groupAnalysis(w, g, 2);
  }
}

function deviation(w: Writer, result: ScoreResult): void {
  const ev = result.evaluation;
  const b = ev.budget;
  w.h(1, PROJECT_OUTLINE[4]);
  const rate = rateOf(b.executed, b.annual);
  w.p(
    `项目全年预算${money(ev, b.annual)}，${b.received !== undefined ? `到位${money(ev, b.received)}，` : ''}实际支出${money(ev, b.executed)}，预算执行率${rate}；` +
      `绩效指标总得分率${percentOfTotal(result)}（${score(result.total)}分 ÷ ${weight(result.totalWeight)}分）。`,
  );
  const missed = lostPoints(result);
  if (missed.length === 0) {
    w.p('各项绩效指标均得满分，未发现绩效指标偏差。');
    return;
  }
  w.p(`未得满分的指标${missed.length}项：`);
  for (const n of missed) {
    const reason = cleanNote(n.node.deviation);
    const measures = cleanNote(n.node.measures);
    w.p(
      `${w.number(4)}${n.node.name}：年度指标值${targetText(n)}，全年完成值${actualText(n)}，得${score(n.score)}分（分值${weight(n.effectiveWeight)}分）。` +
        (reason ? sentence(`偏差原因：${reason}`) : '') +
        (measures ? sentence(`改进措施：${measures}`) : ''),
    );
  }
}

function experience(w: Writer, result: ScoreResult): void {
  w.h(1, PROJECT_OUTLINE[5]).h(2, '主要经验及做法');
  const missed = lostPoints(result);
  const full = result.roots.filter((g) => !leaves(g).some((l) => missed.includes(l)));
  const others = result.roots.filter((g) => !full.includes(g));
  if (full.length > 0)
    w.p(`${full.map((g) => g.node.name).join('、')}类指标全部得满分，相关工作规范有效，做法应予保持。`);
  for (const g of others) {
    const good = leaves(g).filter((l) => !missed.includes(l));
    if (good.length > 0) w.p(`${g.node.name}类指标中，${good.map((l) => l.node.name).join('、')}得满分。`);
  }
  w.h(2, '存在的问题及原因分析');
  if (problems(w, result) === 0) {
    if (missed.length === 0) w.p('评价未发现问题。');
    for (const n of missed)
      w.p(
        sentence(
          `${n.node.name}未得满分${cleanNote(n.node.deviation) ? `，原因：${cleanNote(n.node.deviation)}` : ''}`,
        ),
      );
  }
}

function others(w: Writer, result: ScoreResult): void {
  w.h(1, PROJECT_OUTLINE[7]);
  const special = result.roots.flatMap(leaves).filter((n) => n.status !== 'scored');
  if (special.length === 0) {
    w.p('无。');
    return;
  }
  for (const n of special) w.p(sentence(`${n.node.name}：${n.explanation}`));
}

export function projectReport(
  input: ReportInput,
  charts: boolean,
): { title: string; titleLines: string[]; parts: Part[] } {
  const result = input.result;
  const ev = result.evaluation;
  const figures = startCharts(result, charts);
  const w = new Writer();
  basics(w, result, figures);
  w.h(1, PROJECT_OUTLINE[1]);
  evaluationWork(w, result);
  conclusion(w, result, figures);
  analysis(w, result);
  deviation(w, result);
  experience(w, result);
  w.h(1, PROJECT_OUTLINE[6]);
  if (suggestions(w, ev) === 0) {
    const measures = lostPoints(result)
      .map((n) => cleanNote(n.node.measures))
      .filter((m): m is string => !!m);
    if (measures.length === 0) w.p('无。');
    measures.forEach((m, i) => w.p(`${i + 1}.${sentence(m)}`));
  }
  others(w, result);
  const kind = ev.mode === 'self' ? '自评' : '评价';
  // three lines (unit, year and project, report kind): one line would wrap at an arbitrary place
  const lines = [ev.unit.name, `${ev.fiscalYear}年度${ev.project?.name ?? ''}`, `项目支出绩效${kind}报告`];
  return { title: lines.join(''), titleLines: lines, parts: [{ children: w.blocks, images: w.images }] };
}
