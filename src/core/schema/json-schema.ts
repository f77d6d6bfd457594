import { z } from 'zod';
import { Evaluation, FORMAT } from './evaluation.ts';

/** The JSON Schema of the file format, generated from the same zod source as the validators. */
export function evaluationJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Evaluation, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://jixiao.example/schema/evaluation-1.json',
    title: `jixiao evaluation (${FORMAT})`,
    description:
      '一次预算绩效评价：单位、预算、指标体系、评分方法、完成值及报告所述数据。 One budget performance evaluation. See docs/file-format.md.',
  };
}
