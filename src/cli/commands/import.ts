/** jixiao import FILE.xlsx --out evaluation.json: read a filled import workbook into the file format. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliInputError, type Done, EXIT, inputError } from '../exit.ts';
import { jsonText, print, writeFileAtomic } from '../io.ts';

interface ImportOpts {
  out: string;
  force?: boolean;
}

async function checkReadable(file: string): Promise<void> {
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw inputError(file, '这是一个目录，不是文件');
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    throw inputError(file, code === 'ENOENT' ? '文件不存在' : '无法读取');
  }
}

function countIndicators(nodes: readonly { children?: unknown[] | undefined }[]): number {
  return nodes.reduce((n, x) => n + 1 + countIndicators((x.children ?? []) as { children?: unknown[] }[]), 0);
}

export async function importCommand(file: string, opts: ImportOpts): Promise<void> {
  await checkReadable(file);
  const { ImportError, importWorkbook, issueLocation } = await import('../../importers/excel/import.ts');
  let ev;
  try {
    ev = await importWorkbook(createReadStream(file));
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    throw new CliInputError(e.issues.map((i) => ({ path: issueLocation(i), message: i.message })));
  }
  await writeFileAtomic(opts.out, jsonText(ev), opts.force === true);
  print(`已导入 ${ev.unit.name} ${ev.fiscalYear}，${countIndicators(ev.indicators)} 个指标：${opts.out}`);
}

export function registerImport(program: Command, done: Done): void {
  program
    .command('import')
    .description('导入填好的 Excel 模板，生成评价文件（JSON）')
    .argument('<file>', 'Excel 工作簿（.xlsx，由 jixiao template 生成）')
    .requiredOption('--out <file>', '输出的评价文件（JSON）')
    .option('--force', '覆盖已存在的输出文件')
    .action(async (file: string, opts: ImportOpts) => {
      await importCommand(file, opts);
      done(EXIT.ok);
    });
}
