/** jixiao template [--from FILE.json | --template ID] --out FILE.xlsx: the Excel import template. */
import type { Command } from 'commander';
import type { EvaluationInput } from '../../core/schema/evaluation.ts';
import { findTemplate, templates } from '../../core/templates/index.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import { type Done, EXIT, inputError } from '../exit.ts';
import { print, readJson, writeFileAtomic } from '../io.ts';

interface TemplateOpts {
  from?: string;
  template?: string;
  out: string;
  force?: boolean;
}

async function source(opts: TemplateOpts): Promise<EvaluationInput | undefined> {
  if (opts.from !== undefined && opts.template !== undefined)
    throw inputError('--from', '--from 与 --template 只能选一个');
  if (opts.from !== undefined) {
    const json = await readJson(opts.from);
    parseEvaluation(json); // only a valid evaluation pre-fills the workbook
    return json as EvaluationInput;
  }
  if (opts.template !== undefined) {
    const t = findTemplate(opts.template.trim());
    if (t === undefined) {
      const ids = templates.map((x) => x.id).join('、');
      throw inputError('--template', `未知的模板“${opts.template}”；可用模板：${ids}`);
    }
    return t.build();
  }
  return undefined;
}

export async function template(opts: TemplateOpts): Promise<void> {
  if (!/\.xlsx$/i.test(opts.out)) throw inputError('--out', '输出文件应以 .xlsx 结尾');
  const from = await source(opts);
  // Loaded on demand: exceljs is heavy and most commands do not need it.
  const { buildImportTemplate } = await import('../../importers/excel/template.ts');
  const bytes = await buildImportTemplate(from === undefined ? {} : { from });
  await writeFileAtomic(opts.out, bytes, opts.force === true);
  print(`已生成导入模板：${opts.out}`);
  print(`下一步：按“说明”工作表填写后运行 jixiao import ${opts.out} --out evaluation.json`);
}

export function registerTemplate(program: Command, done: Done): void {
  program
    .command('template')
    .description('生成 Excel 导入模板（可由评价文件或内置模板预填）')
    .option('--from <file>', '用已有的评价文件（JSON）预填')
    .option('--template <id>', '用内置指标体系模板预填（见 jixiao templates）')
    .requiredOption('--out <file>', '输出文件（.xlsx）')
    .option('--force', '覆盖已存在的输出文件')
    .action(async (opts: TemplateOpts) => {
      await template(opts);
      done(EXIT.ok);
    });
}
