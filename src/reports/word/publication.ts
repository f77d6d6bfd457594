/**
 * 绩效评价结果公开 (a publication-ready summary of one evaluation): unit, project, year, score and
 * grade, the main results, the problems found, the rectification items with their status as of a
 * given day, and the budget consequence under the rule in force, quoted.
 */
import type { ScoreResult } from '../../core/result.ts';
import {
  type Consequence,
  RECTIFICATION_STATUS_NAMES,
  type RectificationItem,
  consequenceText,
  rectificationStatus,
} from '../../core/results/index.ts';
import { pack } from './document.ts';
import { budgetText } from './facts.ts';
import { score, sentence } from './format.ts';
import { summaryTable } from './score-tables.ts';
import { MODE_LABEL, problems, subject } from './sections.ts';
import { subtitle, title } from './style.ts';
import { type Row, c, table } from './tables.ts';
import { Writer } from './writer.ts';

export interface PublicationInput {
  result: ScoreResult;
  items: readonly RectificationItem[];
  /** The day the statuses are as of (yyyy-mm-dd), from the caller's clock. */
  today: string;
  /** The budget consequence of the grade, when the rule names it. */
  consequence?: Consequence;
}

export const PUBLICATION_OUTLINE = ['基本情况', '评价结果', '存在的问题', '整改情况', '结果应用'] as const;

/** “2024-06-30” → “2024年6月30日”. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y ?? ''}年${String(Number(m))}月${String(Number(d))}日`;
}

function itemsTable(items: readonly RectificationItem[], today: string) {
  const rows: Row[] = [
    [
      c('序号'),
      c('整改事项'),
      c('针对问题'),
      c('责任单位/责任人'),
      c('整改期限'),
      c('状态'),
      c('整改措施及结果'),
    ],
    ...items.map((it, i): Row => {
      const owner = [it.ownerUnit, it.ownerPerson].filter((s) => s !== '').join('/');
      const done = [it.measures, it.result].filter((s) => s !== '').join('\n');
      return [
        c(String(i + 1)),
        c(it.text, { align: 'left' }),
        c(it.problem || '—', { align: 'left' }),
        c(owner || '—'),
        c(chineseDate(it.deadline)),
        c(RECTIFICATION_STATUS_NAMES[rectificationStatus(it, today)]),
        c(done || '—', { align: 'left' }),
      ];
    }),
  ];
  return table(rows, { widths: [0.7, 3, 2.6, 1.8, 1.6, 1, 3] });
}

export function publicationParts(input: PublicationInput): Writer {
  const { result, items, today } = input;
  const ev = result.evaluation;
  const w = new Writer();
  w.h(1, PUBLICATION_OUTLINE[0]);
  w.p(`评价对象：${subject(ev)}。`);
  w.p(`被评价单位：${ev.unit.name}${ev.unit.department ? `（主管部门：${ev.unit.department}）` : ''}。`);
  if (ev.project) w.p(`项目名称：${ev.project.name}。`);
  w.p(
    `评价年度：${String(ev.fiscalYear)}年度；评价方式：${MODE_LABEL[ev.mode]}${ev.evaluator ? `（评价机构：${ev.evaluator.name}）` : ''}。`,
  );
  const money = budgetText(ev);
  if (money !== '') w.p(sentence(money));

  w.h(1, PUBLICATION_OUTLINE[1]);
  w.p(`经评价，综合得分${score(result.total)}分，评价等级为“${result.grade}”。`);
  w.table('评价得分情况', summaryTable(result));
  w.p(`主要绩效：${ev.goals?.achieved ? sentence(ev.goals.achieved) : '详见评价报告。'}`);
  if (ev.goals?.overall) w.p(`年度总体目标：${sentence(ev.goals.overall)}`);

  w.h(1, PUBLICATION_OUTLINE[2]);
  if (problems(w, result) === 0) w.p('评价未发现需要整改的问题。');

  w.h(1, PUBLICATION_OUTLINE[3]);
  if (items.length === 0) w.p('尚未确定整改事项。');
  else {
    const counts = new Map<string, number>();
    for (const it of items) {
      const name = RECTIFICATION_STATUS_NAMES[rectificationStatus(it, today)];
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const tally = [...counts].map(([name, n]) => `${name}${String(n)}项`).join('，');
    w.p(`截至${chineseDate(today)}，共确定整改事项${String(items.length)}项，其中${tally}。`);
    w.table('整改事项及进展', itemsTable(items, today));
  }

  w.h(1, PUBLICATION_OUTLINE[4]);
  const k = input.consequence;
  if (k?.ok) w.p(consequenceText(k));
  else if (k && !k.ok && k.code === 'grade-not-in-rule')
    w.p(`预算挂钩规则未规定“${k.grade}”等级的调整，下一年度预算按有关规定安排。`);
  else w.p('评价结果作为下一年度预算安排的重要依据。');
  w.p('本评价结果按规定向社会公开，接受社会监督。');
  return w;
}

export async function renderPublication(input: PublicationInput): Promise<Uint8Array> {
  const ev = input.result.evaluation;
  const name = ev.project ? `“${ev.project.name}”项目` : '部门整体支出';
  const heading = `${String(ev.fiscalYear)}年度${name}绩效评价结果公开`;
  const w = publicationParts(input);
  return pack(
    [
      {
        children: [...title([ev.unit.name, heading]), subtitle(chineseDate(input.today)), ...w.blocks],
        images: w.images,
      },
    ],
    { title: `${ev.unit.name}${heading}` },
  );
}
