/** The indicator system and the data themselves: weights, survey shares, spending above budget. */
import { ONE, type Rat, eq, gt, lt, sum } from '../../decimal/index.ts';
import { flatten } from '../../engine.ts';
import type { BudgetLine } from '../../model.ts';
import { share } from '../../scoring/support.ts';
import { type AuditContext, money, nodeLabel, percent, plain, report } from '../context.ts';

const OUTPUT_OUTCOME = new Set(['output', 'outcome', 'satisfaction', 'performance']);

function checkWeights(ctx: AuditContext): void {
  const { ev } = ctx;
  const total = sum(ev.indicators.map((n) => n.weight));
  if (!eq(total, ev.rules.totalWeight)) {
    report(
      ctx,
      'error',
      'weights-total',
      'indicators',
      `一级指标权重合计 ${ev.indicators.map((n) => plain(n.weight)).join(' + ')} = ${plain(total)}，应为 ${plain(ev.rules.totalWeight)}`,
      {
        stated: plain(total),
        computed: plain(ev.rules.totalWeight),
      },
    );
  }
  const min = ev.rules.minOutputOutcomeShare;
  if (min !== undefined) {
    const groups = ev.indicators.filter((n) => n.dimension !== undefined && OUTPUT_OUTCOME.has(n.dimension));
    const share = sum(groups.map((n) => n.weight));
    if (lt(share, min)) {
      report(
        ctx,
        'error',
        'output-outcome-share',
        'indicators',
        `产出与效益指标合计 ${plain(share)} 分${groups.length > 0 ? `（${groups.map((g) => `${g.name} ${plain(g.weight)}`).join('、')}）` : ''}，低于规定的 ${plain(min)} 分`,
        { stated: plain(share), computed: plain(min) },
      );
    }
  }
  for (const s of flatten(ctx.result.roots)) {
    const m = s.node.method;
    if (m?.type !== 'elements') continue;
    const points = sum(m.elements.map((e) => share(e.points)));
    if (gt(points, s.node.weight)) {
      report(
        ctx,
        'error',
        'elements-exceed-weight',
        s.node.code,
        `${nodeLabel(s.node)}：要素分值合计 ${m.elements.map((e) => plain(share(e.points))).join(' + ')} = ${plain(points)}，超过权重 ${plain(s.node.weight)}`,
        {
          stated: plain(points),
          computed: plain(s.node.weight),
        },
      );
    }
  }
}

function sharesTotal(ctx: AuditContext, shares: Iterable<Rat>, location: string, what: string): void {
  const list = [...shares];
  const total = sum(list);
  if (list.length > 0 && !eq(total, ONE)) {
    report(
      ctx,
      'warning',
      'shares-not-100',
      location,
      `${what}各选项占比之和为 ${list.map((x) => percent(x)).join(' + ')} = ${percent(total)}，不等于 100%`,
      {
        stated: percent(total),
        computed: '100.00%',
      },
    );
  }
}

function checkSurveys(ctx: AuditContext): void {
  ctx.ev.surveys.forEach((s, i) => {
    s.questions.forEach((q, j) => {
      sharesTotal(ctx, q.shares.values(), `surveys[${i}].questions[${j}]`, `问卷“${s.name}”第 ${q.id} 题`);
    });
  });
  for (const s of flatten(ctx.result.roots)) {
    const m = s.node.method;
    if (m?.type === 'likert' && m.shares)
      sharesTotal(ctx, Object.values(m.shares).map(share), s.node.code, nodeLabel(s.node));
  }
}

function checkSpending(ctx: AuditContext): void {
  const { ev } = ctx;
  const b = ev.budget;
  const lines: [string, string, BudgetLine | undefined][] = [
    ['budget', '', b],
    ['budget.basic', '基本支出', b.basic],
    ['budget.project', '项目支出', b.project],
    ['budget.personnel', '人员经费', b.personnel],
    ['budget.publicFunds', '公用经费', b.publicFunds],
    ...b.sources.map((s, i): [string, string, BudgetLine] => [`budget.sources[${i}]`, s.name, s]),
  ];
  for (const [path, name, line] of lines) {
    if (line?.annual === undefined || line.executed === undefined) continue;
    if (gt(line.executed, line.annual)) {
      report(
        ctx,
        'warning',
        'execution-over-budget',
        `${path}.executed`,
        `${name}执行数 ${money(ev, line.executed)} 超过全年预算数 ${money(ev, line.annual)}`,
        {
          stated: money(ev, line.executed),
          computed: money(ev, line.annual),
        },
      );
    }
  }
}

export function checkStructure(ctx: AuditContext): void {
  checkWeights(ctx);
  checkSurveys(ctx);
  checkSpending(ctx);
}
