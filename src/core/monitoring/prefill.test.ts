import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreEvaluation } from '../engine.ts';
import { parseEvaluation } from '../normalize.ts';
import type { EvaluationInput } from '../schema/evaluation.ts';
import { prefillEvaluation } from './prefill.ts';
import type { Checkpoint, TargetSheet } from './types.ts';

const doc: EvaluationInput = {
  format: 'jixiao/evaluation@1',
  kind: 'project',
  mode: 'self',
  fiscalYear: 2025,
  unit: { name: '某单位' },
  project: { name: '职工培训' },
  amountUnit: '元',
  indicators: [
    {
      name: '产出',
      weight: 100,
      children: [
        { name: '培训人次', weight: 60, target: '≥2000人次', method: { type: 'proportional' } },
        { name: '合格率', weight: 40, target: '≥95%', method: { type: 'proportional' } },
      ],
    },
  ],
};

const sheet: TargetSheet = {
  scope: 'project',
  name: '职工培训',
  amountUnit: '万元',
  budget: { total: '100', fiscal: '80', other: '20' },
  overallGoal: '培训职工 2000 人次',
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '培训人次', target: '≥2000人次' },
    { level1: '产出指标', level2: '质量指标', name: '满意度', target: '≥90%' },
  ],
};

const cp: Checkpoint = {
  months: 12,
  executed: { total: '95.5', fiscal: '80' },
  indicators: [
    {
      name: '培训人次',
      toDate: '1900人次',
      expected: '1900人次',
      likelihood: '有可能',
      cause: '经费保障',
      causeNote: '资金晚到',
      measures: '加快拨付',
    },
    { name: '满意度', toDate: '92%', expected: '92%', likelihood: '确定能' },
  ],
};

describe('monitoring: the year-end evaluation pre-filled from the last checkpoint', () => {
  it('writes budget executed, actuals and deviation texts, and the document still scores', () => {
    const out = prefillEvaluation(doc, sheet, cp);
    assert.deepEqual(out.filled, ['培训人次']);
    assert.deepEqual(out.unmatched, ['满意度']);
    const leaf = out.document.indicators[0]!.children![0]!;
    assert.equal(leaf.actual, '1900人次');
    assert.equal(leaf.deviation, '经费保障：资金晚到');
    assert.equal(leaf.measures, '加快拨付');
    assert.deepEqual(out.document.budget?.executed, { value: '95.5', unit: '万元' });
    assert.deepEqual(out.document.budget?.annual, { value: '100', unit: '万元' });
    assert.deepEqual(out.document.budget?.sources?.[0], {
      name: '财政拨款',
      annual: { value: '80', unit: '万元' },
      executed: { value: '80', unit: '万元' },
    });
    assert.equal(out.document.goals?.overall, '培训职工 2000 人次');
    const ev = parseEvaluation(out.document);
    assert.equal(ev.budget.executed?.n !== undefined, true);
    const result = scoreEvaluation(ev);
    // 60 × 1900/2000 = 57; the other indicator has no actual
    assert.equal(result.roots[0]!.children[0]!.score.n * 1n, 57n * result.roots[0]!.children[0]!.score.d);
    assert.equal(doc.budget, undefined, 'the given document is not changed');
  });

  it('keeps an annual budget the evaluation already has', () => {
    const withBudget = { ...doc, budget: { annual: 1_200_000 } };
    const out = prefillEvaluation(withBudget, sheet, cp);
    assert.equal(out.document.budget?.annual, 1_200_000);
  });
});
