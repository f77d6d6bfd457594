/**
 * The one entry the CLI and the service call: a report of a given type in a given format.
 * Word documents come from word/, workbooks from excel/, PDF is the Word document through LibreOffice.
 */
import { renderExcel } from './excel/index.ts';
import { docxToPdf } from './pdf.ts';
import { REPORT_FORMATS, REPORT_NAMES, ReportError, type ReportInput, type ReportOptions } from './types.ts';
import { renderWord } from './word/index.ts';

export * from './types.ts';

export async function renderReport(input: ReportInput, opts: ReportOptions): Promise<Uint8Array> {
  const { type, format } = opts;
  if (!REPORT_FORMATS[type].includes(format)) {
    throw new ReportError(
      'unsupported-format',
      `${REPORT_NAMES[type]}没有 ${format} 格式（可选：${REPORT_FORMATS[type].join('、')}）`,
    );
  }
  if (format === 'xlsx') {
    if (type !== 'self-table' && type !== 'indicators')
      throw new ReportError('unsupported-format', `${REPORT_NAMES[type]}没有 xlsx 格式`);
    return renderExcel(input, type);
  }
  const docx = await renderWord(input, type, { charts: opts.charts ?? true });
  return format === 'pdf' ? docxToPdf(docx) : docx;
}
