/**
 * The archive of a third-party evaluation (归档, 财监〔2021〕4号): one .zip with the work plan, the
 * working papers (the scored evaluation and its audit as JSON), the questionnaires (a list, their
 * data, and for each questionnaire run in the system its 调查问卷分析报告 and a results table), the
 * report, the feedback tables and the evidence files, and a 清单.txt listing every file — and saying
 * what is missing — so the package can be checked against the list. Everything is given: nothing
 * is read.
 */
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';

export interface ArchiveFile {
  name: string;
  data: Uint8Array;
}

/** A questionnaire's results, as a table: answers per level for each question, and the rates. */
export interface QuestionnaireResults {
  /** The answer levels' labels, in order. */
  levels: readonly string[];
  questions: readonly {
    text: string;
    /** Answers per level, in the levels' order. */
    counts: readonly number[];
    total: number;
    /** 得分率, a percentage as text (e.g. "85.00%"); null before any answer. */
    rate: string | null;
  }[];
  /** 总体满意度, as text; null before any answer. */
  overall: string | null;
}

export interface ArchiveQuestionnaire {
  name: string;
  respondents?: number | undefined;
  questions: number;
  /** Where it comes from, for the list (默认：评价文件). */
  source?: string | undefined;
  /** Its 调查问卷分析报告 (Word), when it was run in the system. */
  annex?: ArchiveFile | undefined;
  /** Its results, written as a table (CSV) beside the annex. */
  results?: QuestionnaireResults | undefined;
}

export interface ArchiveInput {
  /** The evaluation's title (the package's heading). */
  title: string;
  /** When the package is made (the zip's file times and the list's date). */
  madeAt: Date;
  /** 实施方案 / 工作方案, when there is one. */
  workPlan?: ArchiveFile | undefined;
  /** The scored evaluation (评分结果) and its audit findings, as JSON values. */
  score: unknown;
  audit: unknown;
  /** The evaluation file as stored (its version). */
  document: unknown;
  /**
   * The questionnaires of the evaluation — those of its file and those run in the system (问卷调查)
   * — listed, each with its annex and results when it has them, and the data as JSON.
   */
  questionnaires: readonly ArchiveQuestionnaire[];
  questionnaireData: unknown;
  report: ArchiveFile;
  /** 意见反馈表 and 采纳情况表, per draft. */
  feedback: readonly ArchiveFile[];
  evidence: readonly (ArchiveFile & { indicator: string })[];
}

export const ARCHIVE_LIST = '清单.txt';

export const ARCHIVE_FOLDERS = {
  plan: '01-实施方案',
  papers: '02-工作底稿',
  questionnaires: '03-调查问卷',
  report: '04-评价报告',
  feedback: '05-征求意见',
  evidence: '06-佐证资料',
} as const;

/** A file or folder name that is safe in every file system and cannot climb out of its folder. */
export function safeName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are what is replaced
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .trim();
  return cleaned === '' ? '_' : cleaned.slice(0, 120);
}

const utf8 = new TextEncoder();
const json = (value: unknown): Uint8Array => utf8.encode(`${JSON.stringify(value, null, 2)}\n`);

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV with a BOM, so Excel reads the Chinese. */
function csv(rows: readonly (readonly string[])[]): Uint8Array {
  return utf8.encode(`\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
}

/** The questionnaires as a table. */
function questionnaireTable(list: readonly ArchiveQuestionnaire[]): Uint8Array {
  return csv([
    ['序号', '问卷', '样本数', '题目数', '来源'],
    ...list.map((q, i) => [
      String(i + 1),
      q.name,
      q.respondents === undefined ? '' : String(q.respondents),
      String(q.questions),
      q.source ?? '评价文件',
    ]),
  ]);
}

/** One questionnaire's results: a row per question (answers per level, total, 得分率), then 总体满意度. */
export function questionnaireResultsTable(results: QuestionnaireResults): Uint8Array {
  const blanks = results.levels.map(() => '');
  return csv([
    ['题号', '题目', ...results.levels.map((l) => `${l}（份）`), '有效答卷（份）', '得分率'],
    ...results.questions.map((q, i) => [
      String(i + 1),
      q.text,
      ...results.levels.map((_l, j) => String(q.counts[j] ?? 0)),
      String(q.total),
      q.rate ?? '—',
    ]),
    ['总体满意度', '', ...blanks, '', results.overall ?? '—'],
  ]);
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file of the package (but the list) by its path inside it, and what is missing. */
export function archiveFiles(input: ArchiveInput): { files: Map<string, Uint8Array>; notes: string[] } {
  const files = new Map<string, Uint8Array>();
  const notes: string[] = [];
  const F = ARCHIVE_FOLDERS;
  const put = (path: string, data: Uint8Array): void => {
    let p = path;
    for (let n = 2; files.has(p); n++) p = path.replace(/(\.[^./]*)?$/, (ext) => `（${String(n)}）${ext}`);
    files.set(p, data);
  };
  if (input.workPlan) put(`${F.plan}/${safeName(input.workPlan.name)}`, input.workPlan.data);
  else notes.push(`${F.plan}：系统中没有实施方案，本包未含。`);
  put(`${F.papers}/评价文件.json`, json(input.document));
  put(`${F.papers}/评分结果.json`, json(input.score));
  put(`${F.papers}/审核结果.json`, json(input.audit));
  if (input.questionnaires.length > 0) {
    put(`${F.questionnaires}/问卷清单.csv`, questionnaireTable(input.questionnaires));
    put(`${F.questionnaires}/问卷数据.json`, json(input.questionnaireData));
    for (const q of input.questionnaires) {
      if (q.annex) put(`${F.questionnaires}/${safeName(q.annex.name)}`, q.annex.data);
      if (q.results)
        put(
          `${F.questionnaires}/${safeName(`${q.name}-答卷统计.csv`)}`,
          questionnaireResultsTable(q.results),
        );
    }
  } else notes.push(`${F.questionnaires}：该评价没有问卷。`);
  put(`${F.report}/${safeName(input.report.name)}`, input.report.data);
  for (const f of input.feedback) put(`${F.feedback}/${safeName(f.name)}`, f.data);
  if (input.feedback.length === 0)
    notes.push(`${F.feedback}：尚未发出征求意见稿，没有意见反馈表和采纳情况表。`);
  for (const f of input.evidence) put(`${F.evidence}/${safeName(f.indicator)}/${safeName(f.name)}`, f.data);
  if (input.evidence.length === 0) notes.push(`${F.evidence}：没有上传佐证资料。`);
  return { files, notes };
}

const pad = (n: number): string => String(n).padStart(2, '0');
function dateTime(d: Date): string {
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 清单.txt: every file with its size and SHA-256, then what the package does not contain. */
export function archiveList(
  title: string,
  madeAt: Date,
  files: ReadonlyMap<string, Uint8Array>,
  notes: readonly string[],
): string {
  const lines = [
    `${title} 归档资料清单`,
    `生成时间：${dateTime(madeAt)}`,
    `文件数：${String(files.size)}`,
    '',
  ];
  let i = 0;
  for (const [path, data] of files)
    lines.push(`${String(++i)}. ${path}（${String(data.length)} 字节，SHA-256 ${sha256(data)}）`);
  if (notes.length > 0) lines.push('', '说明：', ...notes.map((n) => `- ${n}`));
  return `${lines.join('\r\n')}\r\n`;
}

/** The package as one .zip (deflated; file names in UTF-8). */
export function buildArchive(input: ArchiveInput): Uint8Array {
  const { files, notes } = archiveFiles(input);
  const list = utf8.encode(archiveList(input.title, input.madeAt, files, notes));
  const entries: Record<string, Uint8Array> = { [ARCHIVE_LIST]: list };
  for (const [path, data] of files) entries[path] = data;
  return zipSync(entries, { level: 6, mtime: input.madeAt });
}
