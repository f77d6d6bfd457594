import { z } from 'zod';
import { Method } from './methods.ts';
import {
  AmountInput,
  AmountUnit,
  DecimalInput,
  Quote,
  ShareInput,
  StatedPercent,
  Where,
} from './primitives.ts';

export const FORMAT = 'jixiao/evaluation@1';

const quoted = { quote: Quote, where: Where.optional() };

/** What a document states about one indicator or group (from a table or from the text). */
export const Statement = z
  .object({
    score: DecimalInput.optional().describe('The score stated (得分).'),
    weight: DecimalInput.optional().describe('The weight stated (分值/权重).'),
    rate: StatedPercent.optional().describe('The 得分率 stated.'),
    source: z
      .enum(['table', 'text'])
      .optional()
      .describe('Whether the statement comes from a table or running text.'),
    ...quoted,
  })
  .strict();

const Target = z
  .union([
    z.string().min(1),
    z
      .object({
        op: z.enum(['>=', '<=', '=', '>', '<', 'range']).describe('≥ ≤ = > < or a range [value, max]'),
        value: DecimalInput,
        max: DecimalInput.optional(),
        unit: z.string().optional().describe('人, 次, 个, 篇, 万元, % …'),
      })
      .strict(),
    z.object({ text: z.string().min(1) }).strict(),
  ])
  .describe(
    '指标值: "≥2000人", "=100%", "≤115%", "80%-100%", a qualitative text such as "有效提升", or {op, value, unit}.',
  );

const Actual = z
  .union([
    z.number(),
    z.string().min(1),
    z.object({ value: DecimalInput, unit: z.string().optional() }).strict(),
    z.object({ text: z.string().min(1) }).strict(),
    z
      .object({
        ratio: z
          .string()
          .min(1)
          .describe('A ratio code (see ratios) computed from the budget and staffing data.'),
        scope: z.string().optional(),
      })
      .strict(),
  ])
  .describe(
    '完成值: "1808人", "95.35%", a text such as "按要求完成", {value, unit}, or {ratio} computed from the data.',
  );

export const Dimension = z
  .enum([
    'input',
    'decision',
    'process',
    'management',
    'output',
    'outcome',
    'satisfaction',
    'execution',
    'performance',
  ])
  .describe(
    'What a level-1 group measures: 投入, 决策, 过程, 管理, 产出, 效益, 满意度, 预算执行, 绩效 (产出+效益).',
  );

const IndicatorBase = z
  .object({
    code: z
      .string()
      .min(1)
      .optional()
      .describe('Stable code (A11, C31); generated from the position when absent.'),
    name: z.string().min(1, { error: '指标名称不能为空' }),
    weight: DecimalInput.optional().describe(
      '权重/分值. A group without a weight takes the sum of its children.',
    ),
    dimension: Dimension.optional(),
    target: Target.optional(),
    actual: Actual.optional(),
    method: Method.optional(),
    notApplicable: z
      .union([z.literal(true), z.object({ reason: z.string().min(1) }).strict()])
      .optional()
      .describe('不适用: scored by the indicator system’s notApplicable policy.'),
    override: z
      .object({
        score: DecimalInput,
        reason: z.string().min(1, { error: '调整得分必须说明理由' }),
        by: z.string().optional(),
        at: z.string().optional(),
      })
      .strict()
      .optional()
      .describe('An evaluator’s override; the computed score is kept beside it.'),
    deviation: z.string().optional().describe('偏差原因分析'),
    measures: z.string().optional().describe('改进措施'),
    evidence: z.array(z.string()).optional().describe('佐证资料'),
    stated: z.array(Statement).optional().describe('What the document states about this node.'),
  })
  .strict();

export type IndicatorInputT = z.infer<typeof IndicatorBase> & { children?: IndicatorInputT[] | undefined };

export const Indicator: z.ZodType<IndicatorInputT> = z.lazy(() =>
  IndicatorBase.extend({
    children: z
      .array(Indicator)
      .optional()
      .describe('Sub-indicators; their weights sum to this node’s weight.'),
  }).strict(),
);

const BudgetLine = z
  .object({
    initial: AmountInput.optional().describe('年初预算数'),
    adjustment: AmountInput.optional().describe('预算调整数 (追加 +, 调减 −)'),
    annual: AmountInput.optional().describe('全年预算数 (after adjustment)'),
    executed: AmountInput.optional().describe('全年执行数 / 决算数'),
  })
  .strict();

export const Budget = z
  .object({
    initial: AmountInput.optional().describe('年初预算数'),
    adjustment: AmountInput.optional().describe('预算调整数, signed (追加 +, 调减 −)'),
    annual: AmountInput.optional().describe('全年预算数 (adjusted)'),
    planned: AmountInput.optional().describe('计划投入 (资金到位率 denominator; default annual)'),
    received: AmountInput.optional().describe('实际到位'),
    executed: AmountInput.optional().describe('执行数 / 决算支出'),
    carryOver: AmountInput.optional().describe('结转结余 (default annual − executed)'),
    basic: BudgetLine.optional().describe('基本支出'),
    personnel: BudgetLine.optional().describe('人员经费'),
    publicFunds: BudgetLine.optional().describe('公用经费'),
    project: BudgetLine.optional().describe('项目支出'),
    sources: z
      .array(BudgetLine.extend({ name: z.string().min(1) }).strict())
      .optional()
      .describe('By source: 财政拨款, 其他资金 …'),
    threePublic: z
      .object({
        budget: AmountInput.optional(),
        executed: AmountInput.optional(),
        previousYear: AmountInput.optional().describe('上年三公经费决算'),
      })
      .strict()
      .optional()
      .describe('三公经费'),
    procurement: z
      .object({ budget: AmountInput.optional(), executed: AmountInput.optional() })
      .strict()
      .optional()
      .describe('政府采购'),
    cost: z
      .object({ planned: AmountInput.optional(), actual: AmountInput.optional() })
      .strict()
      .optional()
      .describe('计划成本 / 实际成本'),
  })
  .strict();

const StaffCounts = z
  .object({
    total: DecimalInput.optional(),
    administrative: DecimalInput.optional().describe('行政'),
    institutional: DecimalInput.optional().describe('事业'),
    service: DecimalInput.optional().describe('工勤'),
  })
  .strict();

export const Staffing = z
  .object({
    authorized: StaffCounts.optional().describe('编制数'),
    actual: StaffCounts.optional().describe('实有在职人数'),
    retired: DecimalInput.optional().describe('退休人员'),
  })
  .strict();

export const Survey = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1).describe('e.g. 会员满意度调查'),
    respondents: z.number().int().nonnegative().optional(),
    levels: z
      .array(z.object({ label: z.string().min(1), weight: ShareInput }).strict())
      .optional()
      .describe('Default 非常满意 1, 满意 0.5, 一般 0.25, 不满意 0.'),
    questions: z
      .array(
        z
          .object({
            id: z.string().min(1),
            text: z.string().optional(),
            shares: z.record(z.string(), ShareInput).optional().describe('Share of answers per level'),
            counts: z
              .record(z.string(), z.number().int().nonnegative())
              .optional()
              .describe('Answers per level'),
            rate: ShareInput.optional().describe(
              'The question’s 得分率 when only the rate is published (no shares per level).',
            ),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const GradeBand = z.object({ grade: z.string().min(1), min: DecimalInput }).strict();

export const Rules = z
  .object({
    rounding: z
      .object({ mode: z.enum(['half-up', 'truncate']), places: z.number().int().min(0).max(6) })
      .strict()
      .optional()
      .describe('Score rounding; default half-up to 2 places (四舍五入).'),
    grades: z
      .array(GradeBand)
      .min(1)
      .optional()
      .describe('Grade bands; default 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差.'),
    notApplicable: z
      .enum(['full', 'zero', 'redistribute'])
      .optional()
      .describe(
        'How a not-applicable indicator scores: full marks (default), zero, or its weight redistributed to its siblings.',
      ),
    totalWeight: DecimalInput.optional().describe('Sum the level-1 weights must reach; default 100.'),
    minOutputOutcomeShare: DecimalInput.optional().describe(
      '产出 + 效益 must carry at least this many points (财预〔2020〕10号: 60).',
    ),
    targetSetting: z
      .object({ above: ShareInput.optional(), below: ShareInput.optional() })
      .strict()
      .optional()
      .describe(
        'Warn when an actual exceeds its target by more than `above` (default 30%) or falls short by more than `below` (default 20%).',
      ),
  })
  .strict();

const RatioClaim = z
  .object({
    ratio: z.string().min(1).describe('A ratio code, or "custom" with numerator and denominator.'),
    scope: z
      .string()
      .optional()
      .describe('basic, project, personnel, publicFunds, source:<name>, administrative …'),
    label: z.string().optional(),
    value: StatedPercent,
    numerator: AmountInput.optional().describe('The numerator the document uses, when it states one.'),
    denominator: AmountInput.optional().describe('The denominator the document uses, when it states one.'),
    ...quoted,
  })
  .strict();

export const Claims = z
  .object({
    total: z.array(Statement).optional().describe('Stated totals (总分).'),
    grade: z.array(z.object({ grade: z.string().min(1), ...quoted }).strict()).optional(),
    ratios: z.array(RatioClaim).optional().describe('Stated rates (预算执行率 …) and shares (占…%).'),
    amounts: z
      .array(
        z
          .object({
            field: z
              .string()
              .min(1)
              .describe('Path of the figure, e.g. budget.basic.executed or staffing.actual.total'),
            value: AmountInput,
            ...quoted,
          })
          .strict(),
      )
      .optional()
      .describe('Figures stated in the text, compared with the data.'),
    sums: z
      .array(
        z
          .object({
            label: z.string().optional(),
            parts: z.array(z.object({ label: z.string(), value: AmountInput }).strict()).min(1),
            total: AmountInput,
            ...quoted,
          })
          .strict(),
      )
      .optional()
      .describe('Stated parts and the whole they should add up to.'),
    counts: z
      .array(
        z
          .object({
            level: z.number().int().min(1).max(9).describe('Indicator level counted (1, 2, 3)'),
            under: z.string().optional().describe('Code of the group counted within; absent: the whole tree'),
            value: z.number().int().nonnegative(),
            ...quoted,
          })
          .strict(),
      )
      .optional()
      .describe('Stated numbers of indicators.'),
  })
  .strict();

export const Evaluation = z
  .object({
    format: z.literal(FORMAT, { error: `format 应为 "${FORMAT}"` }),
    id: z.string().optional(),
    title: z.string().optional(),
    kind: z.enum(['department', 'unit', 'project']).describe('部门整体支出 / 单位整体支出 / 项目支出'),
    mode: z
      .enum(['self', 'department', 'finance', 'third-party'])
      .describe('自评 / 部门评价 / 财政评价 / 第三方评价'),
    fiscalYear: z.number().int().min(1990).max(2100),
    unit: z
      .object({
        name: z.string().min(1),
        department: z.string().optional().describe('主管部门'),
        creditCode: z.string().optional().describe('统一社会信用代码'),
        address: z.string().optional(),
        head: z.string().optional().describe('负责人'),
        fundingSource: z.string().optional().describe('经费来源'),
        nature: z.string().optional().describe('单位性质'),
        internalOrgs: z.array(z.string()).optional().describe('内设机构'),
        subordinates: z.array(z.string()).optional().describe('下属单位'),
        duties: z.array(z.string()).optional().describe('职能职责'),
      })
      .strict(),
    project: z
      .object({ name: z.string().min(1), description: z.string().optional() })
      .strict()
      .optional(),
    evaluator: z
      .object({ name: z.string().min(1), kind: z.string().optional() })
      .strict()
      .optional(),
    template: z.object({ id: z.string(), version: z.string() }).strict().optional(),
    amountUnit: AmountUnit.optional().describe('Unit of plain-number amounts in this file; default 元.'),
    budget: Budget.optional(),
    staffing: Staffing.optional(),
    goals: z.object({ overall: z.string().optional(), achieved: z.string().optional() }).strict().optional(),
    rules: Rules.optional(),
    surveys: z.array(Survey).optional(),
    indicators: z.array(Indicator).min(1, { error: '至少需要一个指标' }),
    problems: z
      .array(z.object({ text: z.string().min(1), indicators: z.array(z.string()).optional() }).strict())
      .optional()
      .describe('存在问题; `indicators` names the codes a problem concerns.'),
    suggestions: z.array(z.object({ text: z.string().min(1) }).strict()).optional(),
    claims: Claims.optional(),
  })
  .strict();

export type EvaluationInput = z.infer<typeof Evaluation>;
export type StatementInput = z.infer<typeof Statement>;
export type ClaimsInput = z.infer<typeof Claims>;
