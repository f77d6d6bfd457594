/** jixiao init --template ID: start an evaluation file from a built-in template. */
import type { Command } from 'commander';
import type { Evaluation } from '../../core/model.ts';
import { findTemplate, templates } from '../../core/templates/index.ts';
import { CliInputError, type Done, EXIT, type Issue } from '../exit.ts';
import { jsonText, print, writeFileAtomic } from '../io.ts';
import { MODE_LABELS } from '../labels.ts';

export interface InitOptions {
  template?: string;
  out?: string;
  unit?: string;
  year?: string;
  mode?: string;
  force?: boolean;
}

type Mode = Evaluation['mode'];

const DEFAULT_OUT = 'evaluation.json';
const MODES = Object.keys(MODE_LABELS) as Mode[];

/** A mode by code (self) or by its Chinese label (自评). */
function parseMode(text: string): Mode | undefined {
  const t = text.trim();
  return MODES.find((m) => m === t || MODE_LABELS[m] === t);
}

function templateIds(): string {
  return templates.map((t) => t.id).join('、');
}

interface BuildParams {
  unitName?: string;
  fiscalYear?: number;
  mode?: Mode;
}

/** Check every option first so the user sees all mistakes in one run. */
function checkOptions(opts: InitOptions): BuildParams {
  const issues: Issue[] = [];
  const params: BuildParams = {};
  if (opts.unit !== undefined) {
    if (opts.unit.trim() === '') issues.push({ path: '--unit', message: '单位名称不能为空' });
    else params.unitName = opts.unit.trim();
  }
  if (opts.year !== undefined) {
    const year = opts.year.trim();
    if (!/^\d{4}$/.test(year))
      issues.push({ path: '--year', message: `“${opts.year}”不是四位数年份（如 2024）` });
    else if (Number(year) < 1990 || Number(year) > 2100)
      issues.push({ path: '--year', message: '年份应在 1990 至 2100 之间' });
    else params.fiscalYear = Number(year);
  }
  if (opts.mode !== undefined) {
    const mode = parseMode(opts.mode);
    const allowed = MODES.map((m) => `${m}（${MODE_LABELS[m]}）`).join('、');
    if (mode === undefined)
      issues.push({ path: '--mode', message: `未知的评价方式“${opts.mode}”，应为 ${allowed}` });
    else params.mode = mode;
  }
  if (issues.length > 0) throw new CliInputError(issues);
  return params;
}

export async function init(opts: InitOptions): Promise<void> {
  const id = opts.template?.trim();
  if (id === undefined || id === '') {
    throw new CliInputError([{ path: '--template', message: `请指定模板编号；可用模板：${templateIds()}` }]);
  }
  const template = findTemplate(id);
  if (template === undefined) {
    throw new CliInputError([
      {
        path: '--template',
        message: `未知的模板“${id}”；可用模板：${templateIds()}（运行 jixiao templates 查看）`,
      },
    ]);
  }
  const params = checkOptions(opts);
  const out = opts.out ?? DEFAULT_OUT;
  await writeFileAtomic(out, jsonText(template.build(params)), opts.force === true);
  print(`已生成 ${out}（模板：${template.name}，版本 ${template.version}）`);
  print(`下一步：填写完成值后运行 jixiao validate ${out}，再运行 jixiao score ${out}`);
}

export function registerInit(program: Command, done: Done): void {
  program
    .command('init')
    .description('按内置模板生成一个新的评价文件')
    .option('--template <id>', '模板编号（见 jixiao templates）')
    .option('--out <file>', `输出文件（默认 ${DEFAULT_OUT}）`)
    .option('--unit <name>', '单位名称')
    .option('--year <yyyy>', '评价年度（四位数年份）')
    .option(
      '--mode <mode>',
      '评价方式：self 自评、department 部门评价、finance 财政评价、third-party 第三方评价',
    )
    .option('--force', '覆盖已存在的输出文件')
    .action(async (opts: InitOptions) => {
      await init(opts);
      done(EXIT.ok);
    });
}
