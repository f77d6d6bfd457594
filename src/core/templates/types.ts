/**
 * A built-in indicator-system template (指标体系模板): pure data from which a new evaluation
 * starts (`jixiao init --template <id>`). No I/O and no clock: the fiscal year comes from the
 * caller or, when absent, from the template's own year.
 */
import type { EvaluationInput } from '../schema/evaluation.ts';

export type EvaluationMode = EvaluationInput['mode'];

export interface BuildOptions {
  /** 单位名称; default "（单位名称）". */
  unitName?: string | undefined;
  /** 评价年度; default the template's `year`. */
  fiscalYear?: number | undefined;
  /** 自评 / 部门评价 / 财政评价 / 第三方评价; default the template's `defaultMode`. */
  mode?: EvaluationMode | undefined;
}

export interface Template {
  /** Stable id, e.g. "mof-2020-10-project". */
  id: string;
  /** Chinese name shown to users. */
  name: string;
  /** 全国, 江西省南昌市 … */
  locality: string;
  /** The year the rules apply from. */
  year: number;
  version: string;
  kind: EvaluationInput['kind'];
  /** The document the template follows, e.g. 财预〔2020〕10号. */
  source: string;
  /** Chinese description. */
  description: string;
  /** The mode the source document is written for; `build` uses it when no mode is given. */
  defaultMode: EvaluationMode;
  /** A complete, schema-valid skeleton: the indicator tree, weights, methods, fixed targets; no actuals. */
  build(options?: BuildOptions): EvaluationInput;
}
