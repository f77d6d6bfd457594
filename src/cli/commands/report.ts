/**
 * jixiao report FILE --type T [--format F] [--units FILE...] --out PATH: the documents users hand in.
 */
import type { Command } from 'commander';
import { auditEvaluation } from '../../core/audit/index.ts';
import { REPORT_FORMATS, REPORT_NAMES, type ReportFormat, type ReportType } from '../../reports/types.ts';
import { type Done, EXIT, inputError } from '../exit.ts';
import { print, printError, writeFileAtomic } from '../io.ts';
import { loadScored } from '../load.ts';

const TYPES = Object.keys(REPORT_NAMES) as ReportType[];

interface ReportOpts {
  type: string;
  format?: string;
  units?: string[];
  out: string;
  charts: boolean;
  force?: boolean;
}

function checkType(type: string): ReportType {
  if (!(TYPES as string[]).includes(type)) {
    throw inputError(
      '--type',
      `未知的报告类型“${type}”（可选：${TYPES.map((t) => `${t}（${REPORT_NAMES[t]}）`).join('、')}）`,
    );
  }
  return type as ReportType;
}

/** The format: as given, else from the output file's extension, else docx. */
function checkFormat(type: ReportType, format: string | undefined, out: string): ReportFormat {
  const fromName = /\.(docx|xlsx|pdf)$/i.exec(out)?.[1]?.toLowerCase();
  const f = format ?? fromName ?? 'docx';
  if (!(REPORT_FORMATS[type] as readonly string[]).includes(f)) {
    throw inputError(
      '--format',
      `${REPORT_NAMES[type]}没有“${f}”格式（可选：${REPORT_FORMATS[type].join('、')}）`,
    );
  }
  if (fromName !== undefined && fromName !== f)
    throw inputError('--out', `输出文件扩展名 .${fromName} 与格式 ${f} 不一致`);
  return f as ReportFormat;
}

export async function report(file: string, opts: ReportOpts): Promise<void> {
  const type = checkType(opts.type);
  const format = checkFormat(type, opts.format, opts.out);
  const sideBySide = type === 'department' || format === 'xlsx';
  if ((opts.units?.length ?? 0) > 0 && !sideBySide)
    throw inputError(
      '--units',
      '下属单位只能并列在部门整体报告（department）或 Excel 格式的自评表、指标体系评分表中',
    );
  const result = await loadScored(file);
  const units = await Promise.all(
    (opts.units ?? []).map(async (u) => {
      const r = await loadScored(u);
      return { result: r, findings: auditEvaluation(r) };
    }),
  );
  // Loaded on demand: the document libraries are heavy and most commands do not need them.
  const { renderReport } = await import('../../reports/index.ts');
  const bytes = await renderReport(
    { result, findings: auditEvaluation(result), units },
    { type, format, charts: opts.charts },
  );
  await writeFileAtomic(opts.out, bytes, opts.force === true);
  if (opts.charts && (type === 'project' || type === 'department') && format !== 'xlsx') {
    const { findCjkFonts, NO_CJK_FONT_MESSAGE } = await import('../../reports/fonts.ts');
    if (findCjkFonts() === undefined) printError(`提示：${NO_CJK_FONT_MESSAGE}`);
  }
  print(`已生成${REPORT_NAMES[type]}（${format}）：${opts.out}`);
}

export function registerReport(program: Command, done: Done): void {
  program
    .command('report')
    .description('生成报告：项目支出绩效评价报告、部门整体支出绩效评价报告、自评表、指标体系评分表')
    .argument('<file>', '评价文件（JSON）')
    .requiredOption('--type <type>', `报告类型：${TYPES.join(' | ')}`)
    .option('--format <format>', '格式：docx | xlsx | pdf（默认按输出文件扩展名，否则 docx）')
    .option('--units <files...>', '部门报告中并列展示的下属单位评价文件')
    .requiredOption('--out <path>', '输出文件')
    .option('--no-charts', 'Word 报告中不插入图表')
    .option('--force', '覆盖已存在的输出文件')
    .action(async (file: string, opts: ReportOpts) => {
      await report(file, opts);
      done(EXIT.ok);
    });
}
