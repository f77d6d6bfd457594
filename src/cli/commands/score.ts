/** jixiao score FILE [--json]: the scored indicator tree, total and grade. */
import type { Command } from 'commander';
import { type ScoreJson, scoreToJson } from '../../core/output.ts';
import type { ScoreResult } from '../../core/result.ts';
import { type Done, EXIT } from '../exit.ts';
import { jsonText, print } from '../io.ts';
import { kindLabel } from '../labels.ts';
import { loadScored } from '../load.ts';
import { renderTable } from '../table.ts';

type Row = ScoreJson['indicators'][number];

const STATUS_NOTES: Partial<Record<Row['status'], string>> = {
  override: '评价人调整',
  'not-applicable': '不适用',
  unscorable: '无法计分',
};

function header(result: ScoreResult): string[] {
  const ev = result.evaluation;
  const lines = [`单位：${ev.unit.name}`, `年度：${ev.fiscalYear}`, `类型：${kindLabel(ev)}`];
  if (ev.project) lines.push(`项目：${ev.project.name}`);
  return lines;
}

function table(json: ScoreJson): string {
  const rows = json.indicators.map((i) => [
    i.code,
    '  '.repeat(Math.max(0, i.level - 1)) + i.name,
    i.weight,
    i.score,
    i.rate ?? '—',
  ]);
  return renderTable(['代码', '指标', '权重', '得分', '得分率'], rows, {
    align: ['left', 'left', 'right', 'right', 'right'],
  });
}

/** Indicators not scored by their method, with the reason, so a reader is not misled by the table. */
function notes(json: ScoreJson): string[] {
  return json.indicators.flatMap((i) => {
    const label = STATUS_NOTES[i.status];
    return label === undefined ? [] : [`  ${i.code} ${i.name}（${label}）：${i.explanation}`];
  });
}

export function renderScore(result: ScoreResult): string {
  const json = scoreToJson(result);
  const extra = notes(json);
  return [
    ...header(result),
    '',
    table(json),
    ...(extra.length > 0 ? ['', '说明：', ...extra] : []),
    '',
    `总分：${json.total}（满分 ${json.totalWeight}）`,
    `等级：${json.grade}`,
  ].join('\n');
}

export async function score(file: string, opts: { json?: boolean }): Promise<void> {
  const result = await loadScored(file);
  print(opts.json === true ? jsonText(scoreToJson(result)) : renderScore(result));
}

export function registerScore(program: Command, done: Done): void {
  program
    .command('score')
    .description('计算各级指标得分、总分和等级')
    .argument('<file>', '评价文件（JSON）')
    .option('--json', '以 JSON 输出（仅输出 JSON）')
    .action(async (file: string, opts: { json?: boolean }) => {
      await score(file, opts);
      done(EXIT.ok);
    });
}
