/** 正文与表格不一致: a problem the report names for an indicator that it scored with full marks. */
import { eq } from '../../decimal/index.ts';
import { type AuditContext, documentScore, nodeLabel, plain, report } from '../context.ts';

export function checkProblems(ctx: AuditContext): void {
  ctx.ev.problems.forEach((p, i) => {
    for (const code of p.indicators) {
      const s = ctx.result.byCode.get(code);
      if (!s) {
        report(
          ctx,
          'warning',
          'text-contradicts-table',
          `problems[${i}]`,
          `存在问题所指指标“${code}”不在指标体系中`,
          { quote: p.text },
        );
        continue;
      }
      const score = documentScore(s);
      if (eq(score, s.node.weight)) {
        report(
          ctx,
          'warning',
          'text-contradicts-table',
          `problems[${i}]`,
          `存在问题指出“${p.text.length > 60 ? p.text.slice(0, 60) + '…' : p.text}”，而 ${nodeLabel(s.node)} 得满分 ${plain(score)}`,
          { stated: plain(score), quote: p.text },
        );
      }
    }
  });
}
