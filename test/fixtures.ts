/** Small evaluation inputs for tests, built from seed 001 宣教中心's output indicators. */
import type { EvaluationInput } from '../src/core/schema/evaluation.ts';

export function xuanjiao(): EvaluationInput {
  return {
    format: 'jixiao/evaluation@1',
    kind: 'unit',
    mode: 'self',
    fiscalYear: 2023,
    unit: { name: '南昌市总工会宣教中心', department: '南昌市总工会' },
    amountUnit: '万元',
    budget: { annual: '121.20', executed: '121.20', threePublic: { budget: 0, executed: 0 } },
    staffing: { authorized: { total: 16 }, actual: { total: 8 } },
    indicators: [
      {
        code: 'C',
        name: '部门产出',
        weight: 10,
        dimension: 'output',
        children: [
          {
            code: 'C1',
            name: '产出数量',
            children: [
              {
                code: 'C11',
                name: '微信公众号总浏览量',
                weight: 3,
                target: '≥300万次',
                actual: '215万次',
                method: { type: 'band', floor: '60%' },
              },
              {
                code: 'C12',
                name: '官网更新动态信息',
                weight: 4,
                target: '≥2000篇',
                actual: '1656篇',
                method: { type: 'band' },
              },
            ],
          },
          {
            code: 'C2',
            name: '在职人员控制率',
            weight: 2,
            target: '≤115%',
            actual: { ratio: 'staffControlRate' },
            method: { type: 'threshold' },
          },
          {
            code: 'C3',
            name: '“三公经费”控制率',
            weight: 1,
            target: '≤100%',
            actual: { ratio: 'threePublicControlRate' },
            method: { type: 'threshold' },
          },
        ],
      },
      {
        code: 'D',
        name: '效益',
        weight: 90,
        dimension: 'outcome',
        children: [
          {
            code: 'D1',
            name: '满意度',
            weight: 90,
            actual: '95%',
            method: { type: 'manual', score: 85, reason: '按满意度评分' },
          },
        ],
      },
    ],
  };
}
