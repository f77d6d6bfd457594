import { z } from 'zod';

/** A decimal as a JSON number or a string ("12.5", "7,202,507.26"); kept exact. */
export const DecimalInput = z
  .union(
    [
      z.number(),
      z
        .string()
        .regex(/^\s*[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?\s*$/, { error: '应为数字（如 12.5 或 "12.50"）' }),
    ],
    {
      error: '应为数字（如 12.5 或 "12.50"）',
    },
  )
  .describe('Decimal number: a JSON number or a numeric string such as "7,202,507.26". Kept exact.');

/** A share of a whole: "60%" or a fraction 0.6. */
export const ShareInput = z
  .union(
    [z.number(), z.string().regex(/^\s*[+-]?\d+(\.\d+)?\s*%?\s*$/, { error: '应为比例（如 "60%" 或 0.6）' })],
    {
      error: '应为比例（如 "60%" 或 0.6）',
    },
  )
  .describe('A share: "60%" (percent) or a fraction such as 0.6.');

/** A rate as a document states it, with its percent sign: "95.6%". */
export const StatedPercent = z
  .string()
  .regex(/^\s*-?\d+(\.\d+)?\s*%\s*$/, { error: '应为带百分号的比率（如 "95.60%"）' })
  .describe('A rate as printed, with its % sign; the number of decimals printed is the precision compared.');

export const AmountUnit = z.enum(['元', '万元']).describe('Unit of money amounts: 元 or 万元.');

/**
 * A money amount: a number or string in the evaluation's amountUnit, a string with an explicit
 * unit ("33.46万元", "7,202,507.26元"), or {value, unit}.
 */
export const AmountInput = z
  .union([z.number(), z.string(), z.object({ value: DecimalInput, unit: AmountUnit }).strict()], {
    error: '应为金额（数字、"33.46万元" 或 {"value": 33.46, "unit": "万元"}）',
  })
  .describe(
    'Money: a number in amountUnit, a string such as "33.46万元" or "7,202,507.26元", or {value, unit}.',
  );

export const Quote = z.string().min(1).describe('The passage quoted verbatim from the document.');
export const Where = z
  .string()
  .describe('Where in the document the passage stands (e.g. "三、（一）", "表1", "第3页").');

export type DecimalInputT = z.infer<typeof DecimalInput>;
export type AmountInputT = z.infer<typeof AmountInput>;
