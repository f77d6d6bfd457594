/**
 * 调查问卷分析报告 (the questionnaire annex of a third-party report, seed 002's 问卷分析): the survey
 * at a glance (online and paper questionnaires, the answer levels and their weights), one table per
 * question (份数, 占比, 加权得分, 得分率) and the overall satisfaction. Percentages are rounded
 * half-up to 2 places; the 得分率 are computed from the exact shares, not from the rounded ones.
 */
import { type Rat, ZERO, mul } from '../../core/decimal/index.ts';
import { levelWeights, percentHalfUp2, type SurveyResults } from '../../core/survey/results.ts';
import type { SurveyDef } from '../../core/survey/types.ts';
import { pack } from './document.ts';
import { DASH } from './format.ts';
import { subtitle, title } from './style.ts';
import { type Row, c, table } from './tables.ts';
import { Writer } from './writer.ts';

export interface SurveyAnnexInput {
  /** The evaluation the questionnaire belongs to. */
  evaluationTitle: string;
  def: SurveyDef;
  results: SurveyResults;
  /** Responses received through the links. */
  online: number;
  /** Paper questionnaires entered as counts. */
  paperSheets: number;
}

export const SURVEY_ANNEX_TITLE = '调查问卷分析报告';

const rate = (r: Rat | undefined): string => (r === undefined ? DASH : percentHalfUp2(r));

function questionTable(def: SurveyDef, q: SurveyResults['questions'][number]): Row[] {
  const weights = levelWeights(def);
  return [
    ['答案等级', '等级权重', '份数', '占比', '加权得分'].map((h) => c(h)),
    ...def.levels.map((l, i) => {
      const share = q.shares[i] ?? ZERO;
      return [
        c(l.label),
        c(l.weight),
        c(String(q.counts[i] ?? 0)),
        c(q.total === 0 ? DASH : percentHalfUp2(share)),
        c(q.total === 0 ? DASH : percentHalfUp2(mul(share, weights[i] ?? ZERO))),
      ];
    }),
    [
      c('合计', { bold: true }),
      c(DASH),
      c(String(q.total), { bold: true }),
      c(q.total === 0 ? DASH : '100.00%', { bold: true }),
      c(`得分率 ${rate(q.rate)}`, { bold: true }),
    ],
  ];
}

export async function surveyAnnex(input: SurveyAnnexInput): Promise<Uint8Array> {
  const { def, results } = input;
  const w = new Writer();
  const total = input.online + input.paperSheets;
  w.h(1, '调查概况');
  w.p(
    `为了解服务对象对${input.evaluationTitle}的评价，开展“${def.name}”问卷调查，共收回有效问卷 ${String(total)} 份，` +
      `其中网络问卷 ${String(input.online)} 份、纸质问卷 ${String(input.paperSheets)} 份；问卷共 ${String(def.questions.length)} 题，` +
      `每题设 ${def.levels.map((l) => l.label).join('、')} ${String(def.levels.length)} 个答案等级。`,
  );
  if (def.intro !== '') w.p(`问卷说明：${def.intro}`);
  w.table(
    '答案等级及权重',
    table([[c('答案等级'), c('权重')], ...def.levels.map((l) => [c(l.label), c(l.weight)])], {
      widths: [2, 1],
      headerRows: 1,
    }),
  );
  w.p(
    '各题得分率 = Σ（各答案等级占比 × 该等级权重）；总体满意度为各题得分率的算术平均。占比与得分率按四舍五入保留两位小数列示，计算以未经舍入的比例进行。',
  );
  w.h(1, '各题统计分析');
  for (const [i, q] of results.questions.entries()) {
    w.h(2, q.text);
    w.table(
      `第${String(i + 1)}题“${q.text}”答卷统计`,
      table(questionTable(def, q), { widths: [2, 1.2, 1, 1.4, 1.4], headerRows: 1 }),
    );
    w.p(q.total === 0 ? '本题尚无答卷。' : `本题有效答卷 ${String(q.total)} 份，得分率为 ${rate(q.rate)}。`);
  }
  w.h(1, '总体满意度');
  w.table(
    '各题得分率汇总',
    table(
      [
        ['题号', '题目', '有效答卷（份）', '得分率'].map((h) => c(h)),
        ...results.questions.map((q, i) => [
          c(String(i + 1)),
          c(q.text, { align: 'left' }),
          c(String(q.total)),
          c(rate(q.rate)),
        ]),
        [c('总体满意度', { colSpan: 3, bold: true }), c(rate(results.overall), { bold: true })],
      ],
      { widths: [0.8, 4, 1.4, 1.4], headerRows: 1 },
    ),
  );
  w.p(
    results.overall === undefined
      ? '尚无答卷，无法计算总体满意度。'
      : `综上，“${def.name}”的总体满意度为 ${rate(results.overall)}。`,
  );
  return pack(
    [
      {
        children: [
          ...title(SURVEY_ANNEX_TITLE),
          subtitle(`${input.evaluationTitle}\u3000${def.name}`),
          ...w.blocks,
        ],
      },
    ],
    { title: `${def.name}${SURVEY_ANNEX_TITLE}` },
  );
}
