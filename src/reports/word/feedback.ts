/**
 * The two tables of a third-party evaluation's exchange of views (财监〔2021〕4号, seed 002's
 * annexes): the 意见反馈表 (what the evaluated unit said about the draft sent for comments) and the
 * 采纳情况表 (the evaluator's answer to each comment: 采纳, or 不采纳 and why). One row per comment.
 */
import { pack } from './document.ts';
import { type Row, c, table } from './tables.ts';
import { LANDSCAPE_TEXT_WIDTH, body, subtitle, title } from './style.ts';

export type CommentTarget =
  | { kind: 'indicator'; code: string; name?: string }
  | { kind: 'section'; section: string }
  | { kind: 'whole' };

export interface FeedbackComment {
  target: CommentTarget;
  /** Who made it (the unit or department, or the person). */
  commenter: string;
  text: string;
  /** yyyy-mm-dd */
  date: string;
  reply?: { decision: 'adopted' | 'rejected'; reason: string } | undefined;
}

export interface FeedbackInput {
  /** The evaluation's title. */
  evaluation: string;
  /** The evaluator organisation (评价机构). */
  evaluator: string;
  /** Who the draft was sent to (被评价单位/部门). */
  recipient: string;
  /** The evaluation version the draft is a snapshot of. */
  version: number;
  /** yyyy-mm-dd */
  sentOn: string;
  deadline: string;
  comments: readonly FeedbackComment[];
}

export const FEEDBACK_HEADER = ['序号', '意见针对', '提出单位', '意见内容', '提出日期'] as const;
export const ADOPTION_HEADER = ['序号', '意见针对', '意见内容', '采纳情况', '说明'] as const;

export const DECISION_NAMES = { adopted: '采纳', rejected: '不采纳' } as const;

/** What a comment is about, in words: “指标 A11 预算编制”, “章节：三、…”, “整体”. */
export function targetLabel(t: CommentTarget): string {
  if (t.kind === 'indicator') return `指标 ${t.code}${t.name ? ` ${t.name}` : ''}`;
  if (t.kind === 'section') return `章节：${t.section}`;
  return '整体';
}

function header(cells: readonly string[]): Row {
  return cells.map((t) => c(t, { bold: true }));
}

function heading(input: FeedbackInput, name: string): ReturnType<typeof title> {
  return [
    ...title([input.evaluation, name]),
    subtitle(`评价机构：${input.evaluator}，征求意见对象：${input.recipient}`),
    subtitle(`征求意见稿：第 ${String(input.version)} 版，${input.sentOn} 发出，反馈截止 ${input.deadline}`),
  ];
}

const none = (n: number): Row[] => [[c('（无反馈意见）', { colSpan: n })]];

/** 意见反馈表 as a .docx. */
export function renderFeedbackTable(input: FeedbackInput): Promise<Uint8Array> {
  const rows: Row[] = input.comments.map((x, i) => [
    c(String(i + 1)),
    c(targetLabel(x.target), { align: 'left' }),
    c(x.commenter, { align: 'left' }),
    c(x.text, { align: 'left' }),
    c(x.date),
  ]);
  const grid = table([header(FEEDBACK_HEADER), ...(rows.length > 0 ? rows : none(5))], {
    widths: [1, 3, 3, 9, 2.4],
    headerRows: 1,
    width: LANDSCAPE_TEXT_WIDTH,
  });
  return pack(
    [
      {
        landscape: true,
        children: [
          ...heading(input, '意见反馈表'),
          grid,
          body(`共 ${String(input.comments.length)} 条意见。`),
        ],
      },
    ],
    { title: `${input.evaluation}意见反馈表` },
  );
}

/** 采纳情况表 as a .docx: each comment with 采纳 / 不采纳 / 待回复 and the reason. */
export function renderAdoptionTable(input: FeedbackInput): Promise<Uint8Array> {
  const rows: Row[] = input.comments.map((x, i) => [
    c(String(i + 1)),
    c(targetLabel(x.target), { align: 'left' }),
    c(x.text, { align: 'left' }),
    c(x.reply ? DECISION_NAMES[x.reply.decision] : '待回复'),
    c(
      x.reply === undefined
        ? ''
        : x.reply.decision === 'rejected'
          ? `不采纳，因为${x.reply.reason}`
          : x.reply.reason,
      { align: 'left' },
    ),
  ]);
  const adopted = input.comments.filter((x) => x.reply?.decision === 'adopted').length;
  const rejected = input.comments.filter((x) => x.reply?.decision === 'rejected').length;
  const open = input.comments.length - adopted - rejected;
  const grid = table([header(ADOPTION_HEADER), ...(rows.length > 0 ? rows : none(5))], {
    widths: [1, 3, 7, 1.6, 7],
    headerRows: 1,
    width: LANDSCAPE_TEXT_WIDTH,
  });
  return pack(
    [
      {
        landscape: true,
        children: [
          ...heading(input, '意见采纳情况表'),
          grid,
          body(
            `共 ${String(input.comments.length)} 条意见：采纳 ${String(adopted)} 条，不采纳 ${String(rejected)} 条${open > 0 ? `，待回复 ${String(open)} 条` : ''}。`,
          ),
        ],
      },
    ],
    { title: `${input.evaluation}意见采纳情况表` },
  );
}
