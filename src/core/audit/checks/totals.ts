/** The stated total and grade: against the document's own level-1 scores, the recomputed total and the bands. */
import { eq, sum, type Rat } from '../../decimal/index.ts';
import { gradeOf } from '../../grading.ts';
import { type AuditContext, cite, documentSum, plain, primaryScore, report, scoreText } from '../context.ts';

export function checkTotals(ctx: AuditContext): void {
  const { ev, result } = ctx;
  const stated = primaryScore(ev.claims.total);
  for (const other of ev.claims.total.filter((t) => t !== stated && t.score !== undefined)) {
    if (stated?.score !== undefined && other.score !== undefined && !eq(other.score, stated.score)) {
      report(
        ctx,
        'error',
        'figure-conflict',
        'total',
        `总分前后不一致：${cite(stated)}为 ${plain(stated.score)}，${cite(other)}为 ${plain(other.score)}`,
        {
          stated: plain(other.score),
          computed: plain(stated.score),
          quote: other.quote,
          where: other.where,
        },
      );
    }
  }
  if (stated?.score !== undefined) {
    const maybe = result.roots.map(documentSum);
    const levelOne = maybe.filter((x): x is Rat => x !== undefined);
    if (levelOne.length === maybe.length) {
      const s = sum(levelOne);
      if (!eq(s, stated.score)) {
        report(
          ctx,
          'error',
          'subtotal-mismatch',
          'total',
          `${cite(stated)}总分 ${plain(stated.score)}，而一级指标得分之和 ${levelOne.map(plain).join(' + ')} = ${plain(s)}`,
          {
            stated: plain(stated.score),
            computed: plain(s),
            quote: stated.quote,
            where: stated.where,
          },
        );
      }
    }
    if (!eq(stated.score, result.total)) {
      report(
        ctx,
        'error',
        'score-mismatch',
        'total',
        `${cite(stated)}总分 ${plain(stated.score)}，按评分规则重算为 ${scoreText(ev, result.total)}`,
        {
          stated: plain(stated.score),
          computed: scoreText(ev, result.total),
          quote: stated.quote,
          where: stated.where,
        },
      );
    }
  }
  for (const g of ev.claims.grade) {
    if (stated?.score !== undefined) {
      const expected = gradeOf(stated.score, ev.rules.grades);
      if (expected !== g.grade) {
        report(
          ctx,
          'error',
          'grade-mismatch',
          'grade',
          `${cite(g)}等级“${g.grade}”，而所述总分 ${plain(stated.score)} 按等级区间应为“${expected}”`,
          {
            stated: g.grade,
            computed: expected,
            quote: g.quote,
            where: g.where,
          },
        );
        continue;
      }
    }
    if (result.grade !== g.grade) {
      report(
        ctx,
        'error',
        'grade-mismatch',
        'grade',
        `${cite(g)}等级“${g.grade}”，而重算总分 ${scoreText(ev, result.total)} 对应等级为“${result.grade}”`,
        {
          stated: g.grade,
          computed: result.grade,
          quote: g.quote,
          where: g.where,
        },
      );
    }
  }
}
