/** Sections shared by the project and department reports: 评价工作开展情况, 指标分析, 问题, 建议. */
import { cmp, toPlain } from '../../core/decimal/index.ts';
import type { Evaluation } from '../../core/model.ts';
import type { ScoreResult, ScoredNode } from '../../core/result.ts';
import { methodLabel } from '../../core/scoring/registry.ts';
import { flatten } from '../../core/engine.ts';
import { money, percent, score, sentence, weight } from './format.ts';
import { groupSummary, indicatorText, leaves } from './indicator-text.ts';
import { bold, plain } from './style.ts';
import type { Writer } from './writer.ts';

export const MODE_LABEL: Record<Evaluation['mode'], string> = {
  self: '单位自评',
  department: '部门评价',
  finance: '财政评价',
  'third-party': '第三方评价',
};

/** "阿克陶县总工会2022年度工会社会化聘用人员社保缴费项目" / "嵩明县总工会2020年度部门整体支出". */
export function subject(ev: Evaluation): string {
  return ev.project
    ? `${ev.unit.name}${ev.fiscalYear}年度“${ev.project.name}”项目`
    : `${ev.unit.name}${ev.fiscalYear}年度部门整体支出`;
}

function levelNames(result: ScoreResult, level: number): string[] {
  return flatten(result.roots)
    .filter((n) => n.node.level === level)
    .map((n) => n.node.name);
}

function methodCounts(result: ScoreResult): string {
  const counts = new Map<string, number>();
  for (const n of flatten(result.roots)) {
    if (n.children.length > 0) continue;
    const label = n.node.method
      ? methodLabel(n.node.method.type)
      : n.status === 'not-applicable'
        ? '不适用'
        : '未定方法';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, k]) => `${label}（${k}个指标）`).join('、');
}

function gradeBands(ev: Evaluation): string {
  const bands = ev.rules.grades;
  return bands
    .map((b, i) => {
      const min = toPlain(b.min);
      const upper = bands[i - 1];
      if (!upper) return `${b.grade}（${min}分（含）以上）`;
      return b.min.n === 0n
        ? `${b.grade}（${toPlain(upper.min)}分以下）`
        : `${b.grade}（${min}分（含）—${toPlain(upper.min)}分）`;
    })
    .join('；');
}

/** 二、绩效评价工作开展情况: object and scope, indicator system, methods, standards, process. */
export function evaluationWork(w: Writer, result: ScoreResult): void {
  const ev = result.evaluation;
  const roots = result.roots;
  const leafCount = roots.flatMap(leaves).length;
  w.h(2, '绩效评价目的、对象和范围');
  w.p(
    `本次评价对象为${subject(ev)}${ev.budget.annual !== undefined ? `，全年预算${money(ev, ev.budget.annual)}` : ''}。` +
      `评价范围涵盖${roots.map((r) => r.node.name).join('、')}${roots.length}个方面共${leafCount}项末级指标，` +
      `通过对照年度指标值核实完成情况，评价资金使用和绩效目标的实现程度。`,
  );
  w.h(2, '绩效评价指标体系、评价方法和评价标准');
  const template = ev.template ? `采用指标体系模板“${ev.template.id}”（${ev.template.version}版），` : '';
  w.p(
    `${template}一级指标为：${roots.map((r) => `${r.node.name}（${weight(r.effectiveWeight)}分）`).join('、')}，合计${weight(result.totalWeight)}分。` +
      `二级指标为：${levelNames(result, 2).join('、')}。`,
  );
  const rounding = ev.rules.rounding;
  w.p(
    `各指标按其评分方法计分：${methodCounts(result)}。` +
      `指标得分保留${rounding.places}位小数（${rounding.mode === 'truncate' ? '截尾' : '四舍五入'}）。`,
  );
  w.p(`评价结果分为${ev.rules.grades.length}个等级：${gradeBands(ev)}。`);
  w.h(2, '绩效评价工作过程');
  const by = ev.evaluator
    ? `由${ev.evaluator.name}${ev.evaluator.kind ? `（${ev.evaluator.kind}）` : ''}实施`
    : `由${ev.unit.name}组织实施`;
  const surveys = ev.surveys.map(
    (s) => `“${s.name}”${s.respondents !== undefined ? `（${s.respondents}份）` : ''}`,
  );
  w.p(
    `本次评价为${MODE_LABEL[ev.mode]}，${by}。` +
      (surveys.length > 0 ? `评价中开展了问卷调查${surveys.join('、')}，结果用于满意度等指标计分。` : ''),
  );
}

/** The body of one indicator: "（1）name：text" (or "①name：text" one level deeper). */
function leafParagraph(w: Writer, n: ScoredNode, level: number): void {
  w.p([bold(`${w.number(level)}${n.node.name}：`), plain(indicatorText(n))]);
}

/**
 * One level-1 group's analysis: its summary (and table), then per level-2 group a heading, or a
 * numbered bold line when the group heading is already at level 3, and its leaves.
 */
export function groupAnalysis(w: Writer, g: ScoredNode, groupLevel: 2 | 3, extra?: () => void): void {
  w.p(groupSummary(g));
  extra?.();
  const subLevel = groupLevel + 1;
  for (const child of g.children) {
    if (child.children.length === 0) {
      leafParagraph(w, child, subLevel);
      continue;
    }
    const figures = `分值${weight(child.effectiveWeight)}分，得${score(child.score)}分，得分率${percent(child.rate)}。`;
    if (subLevel === 3) w.h(3, child.node.name).p(`${child.node.name}${figures}`);
    else w.p([bold(`${w.number(subLevel)}${child.node.name}：`), plain(figures)]);
    for (const leaf of leaves(child)) leafParagraph(w, leaf, subLevel + 1);
  }
}

/** Problems from the evaluation (never the audit's findings), with the indicators they concern. */
export function problems(w: Writer, result: ScoreResult, prefix = ''): number {
  const ev = result.evaluation;
  ev.problems.forEach((p, i) => {
    const names = p.indicators.map((c) => result.byCode.get(c)?.node.name).filter((x): x is string => !!x);
    const about = names.length > 0 ? `（涉及指标：${names.join('、')}）` : '';
    w.p(`${prefix}${i + 1}.${sentence(p.text + about)}`);
  });
  return ev.problems.length;
}

/** Indicators that lost points, with their reason where given: the causes behind the problems. */
export function lostPoints(result: ScoreResult): ScoredNode[] {
  return result.roots.flatMap(leaves).filter((n) => cmp(n.score, n.effectiveWeight) < 0);
}

export function suggestions(w: Writer, ev: Evaluation, prefix = ''): number {
  ev.suggestions.forEach((s, i) => w.p(`${prefix}${i + 1}.${sentence(s.text)}`));
  return ev.suggestions.length;
}
