/** jixiao validate FILE: check a file against the format and the weight rules. */
import type { Command } from 'commander';
import type { IndicatorNode } from '../../core/model.ts';
import { type Done, EXIT } from '../exit.ts';
import { print } from '../io.ts';
import { loadEvaluation } from '../load.ts';

function countNodes(nodes: readonly IndicatorNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
}

export async function validate(file: string): Promise<void> {
  const ev = await loadEvaluation(file);
  print(`校验通过：${ev.unit.name} ${ev.fiscalYear}，${countNodes(ev.indicators)} 个指标`);
}

export function registerValidate(program: Command, done: Done): void {
  program
    .command('validate')
    .description('校验评价文件（格式、必填项、数值、权重之和）')
    .argument('<file>', '评价文件（JSON）')
    .action(async (file: string) => {
      await validate(file);
      done(EXIT.ok);
    });
}
