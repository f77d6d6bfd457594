/**
 * 部门整体支出绩效评价报告 / 自评报告 with the structure seeds 000–003 share: 一、部门（单位）概况
 * 二、评价工作开展情况 三、综合评价结论 四、指标分析 五、存在的问题 六、改进措施及建议 七、结果应用和公开;
 * a department's units (seed 001) side by side in 三 and as sub-sections of 四–六.
 */
import type { ScoreResult } from '../../core/result.ts';
import type { ReportInput } from '../types.ts';
import { CHART_TITLE, type Charts, startCharts } from './charts.ts';
import type { Part } from './document.ts';
import { budgetTable, budgetText, duties, staffingTable, staffingText, unitFacts } from './facts.ts';
import { percent, score, sentence, weight } from './format.ts';
import { type NamedResult, groupTable, percentOfTotal, summaryTable, unitsTable } from './score-tables.ts';
import { evaluationWork, groupAnalysis, lostPoints, problems, suggestions } from './sections.ts';
import { bold } from './style.ts';
import { Writer } from './writer.ts';

export const DEPARTMENT_OUTLINE = [
  '部门（单位）概况',
  '评价工作开展情况',
  '综合评价结论',
  '指标分析',
  '存在的问题',
  '改进措施及建议',
  '结果应用和公开',
] as const;

function overview(w: Writer, result: ScoreResult, charts: Charts): void {
  const ev = result.evaluation;
  w.h(1, DEPARTMENT_OUTLINE[0]);
  w.h(2, '基本情况').p(unitFacts(ev) || `${ev.unit.name}。`);
  const d = duties(ev);
  if (d.length > 0) {
    w.h(2, '职能职责');
    for (const duty of d) w.p(`${w.number(4)}${sentence(duty)}`);
  }
  w.h(2, '机构人员').p(staffingText(ev));
  const staff = staffingTable(ev);
  if (staff) w.table('人员编制及实有人数', staff);
  w.h(2, '预算及执行情况').p(budgetText(ev));
  w.table(`${ev.fiscalYear}年度预算及执行情况（单位：${ev.amountUnit}）`, budgetTable(ev));
  w.figure(CHART_TITLE.budget, charts.budget);
  if (ev.goals?.overall) w.h(2, '年度绩效目标').p(sentence(ev.goals.overall));
}

function named(input: ReportInput): NamedResult[] {
  return [input.result, ...(input.units ?? []).map((u) => u.result)].map((result) => ({
    name: result.evaluation.unit.name,
    result,
  }));
}

function conclusion(w: Writer, input: ReportInput, charts: Charts): void {
  const result = input.result;
  const ev = result.evaluation;
  w.h(1, DEPARTMENT_OUTLINE[2]);
  const leafCount = result.roots.flatMap((g) => g.children).length;
  w.p(
    `对${ev.unit.name}${ev.fiscalYear}年度部门整体支出${result.roots.map((g) => g.node.name).join('、')}${result.roots.length}个方面（${leafCount}项二级指标）进行评价，` +
      `总得分${score(result.total)}分（满分${weight(result.totalWeight)}分，得分率${percentOfTotal(result)}），评价等级为“${result.grade}”。` +
      result.roots.map((g) => `${g.node.name}得${score(g.score)}分，得分率${percent(g.rate)}`).join('；') +
      '。',
  );
  w.table('综合评价得分情况', summaryTable(result));
  if (input.units && input.units.length > 0) {
    const all = named(input);
    w.p(
      `本部门及所属${input.units.length}个单位得分如下：${all.map((u) => `${u.name}${score(u.result.total)}分（${u.result.grade}）`).join('，')}。`,
    );
    w.table('部门及所属单位得分对比', unitsTable(all));
  }
  w.figure(CHART_TITLE.score, charts.score);
  if (ev.goals?.achieved) w.p(sentence(ev.goals.achieved));
}

function analysisOf(w: Writer, result: ScoreResult, groupLevel: 2 | 3): void {
  for (const g of result.roots) {
    w.h(groupLevel, g.node.name);
    groupAnalysis(w, g, groupLevel, () => w.table(`${g.node.name}指标得分情况`, groupTable(g)));
  }
}

function analysis(w: Writer, input: ReportInput): void {
  w.h(1, DEPARTMENT_OUTLINE[3]);
  if (!input.units || input.units.length === 0) {
    analysisOf(w, input.result, 2);
    return;
  }
  for (const { name, result } of named(input)) {
    w.h(2, name).p(`${name}总得分${score(result.total)}分，评价等级为“${result.grade}”。`);
    analysisOf(w, result, 3);
  }
}

/** 五 and 六: for a department with units, each unit under its own name. */
function perUnit(
  w: Writer,
  input: ReportInput,
  write: (r: ScoreResult) => number,
  none: (r: ScoreResult) => void,
): void {
  const all = named(input);
  for (const { name, result } of all) {
    if (all.length > 1) w.p([bold(name)]);
    if (write(result) === 0) none(result);
  }
}

function noProblems(w: Writer): (r: ScoreResult) => void {
  return (r) => {
    const missed = lostPoints(r);
    if (missed.length === 0) w.p('评价未发现问题。');
    else w.p(`${missed.map((n) => n.node.name).join('、')}未得满分。`);
  };
}

function application(w: Writer, input: ReportInput): void {
  const ev = input.result.evaluation;
  w.h(1, DEPARTMENT_OUTLINE[6]);
  const n = named(input).reduce((k, u) => k + u.result.evaluation.problems.length, 0);
  w.p(
    `本次评价结果（${score(input.result.total)}分，“${input.result.grade}”）将作为${ev.unit.name}${ev.fiscalYear + 1}年度预算安排和改进管理的依据` +
      (n > 0 ? `，针对上述${n}个问题逐项制定整改措施并落实` : '') +
      '；评价报告按规定随部门决算一并公开，接受社会监督。',
  );
}

export function departmentReport(
  input: ReportInput,
  charts: boolean,
): { title: string; titleLines: string[]; parts: Part[] } {
  const result = input.result;
  const ev = result.evaluation;
  const figures = startCharts(result, charts);
  const w = new Writer();
  overview(w, result, figures);
  w.h(1, DEPARTMENT_OUTLINE[1]);
  evaluationWork(w, result);
  conclusion(w, input, figures);
  analysis(w, input);
  w.h(1, DEPARTMENT_OUTLINE[4]);
  perUnit(w, input, (r) => problems(w, r), noProblems(w));
  w.h(1, DEPARTMENT_OUTLINE[5]);
  perUnit(
    w,
    input,
    (r) => suggestions(w, r.evaluation),
    () => w.p('无。'),
  );
  application(w, input);
  const kind = ev.mode === 'self' ? '自评报告' : '评价报告';
  const name = `${ev.fiscalYear}年度部门整体支出绩效${kind}`;
  return {
    title: `${ev.unit.name}${name}`,
    titleLines: [ev.unit.name, name],
    parts: [{ children: w.blocks, images: w.images }],
  };
}
