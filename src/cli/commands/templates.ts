/** jixiao templates [--json]: the built-in indicator-system templates. */
import type { Command } from 'commander';
import { templateSummaries, templates } from '../../core/templates/index.ts';
import { type Done, EXIT } from '../exit.ts';
import { jsonText, print } from '../io.ts';
import { renderTable } from '../table.ts';

function templatesJson(): unknown {
  return templateSummaries();
}

function renderTemplates(): string {
  const rows = templates.map((t) => [t.id, t.name, t.locality, String(t.year), t.version]);
  return [
    renderTable(['编号', '名称', '地区', '年度', '版本'], rows),
    '',
    '用法：jixiao init --template <编号> [--unit 单位名称] [--year 年度]',
  ].join('\n');
}

export function registerTemplates(program: Command, done: Done): void {
  program
    .command('templates')
    .description('列出内置的评价指标体系模板')
    .option('--json', '以 JSON 输出（仅输出 JSON）')
    .action((opts: { json?: boolean }) => {
      print(opts.json === true ? jsonText(templatesJson()) : renderTemplates());
      done(EXIT.ok);
    });
}
