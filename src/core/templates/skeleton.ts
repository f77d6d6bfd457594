/** Turns a template's data into an evaluation skeleton, applying the caller's options. */
import { FORMAT, type EvaluationInput } from '../schema/evaluation.ts';
import type { RulesInput } from './presets.ts';
import { coded, type Spec } from './tree.ts';
import type { BuildOptions, Template } from './types.ts';

export const DEFAULT_UNIT_NAME = '（单位名称）';
export const DEFAULT_PROJECT_NAME = '（项目名称）';

/** A template written as data: everything but `build`, plus fresh copies of its rules and tree. */
export interface TemplateData extends Omit<Template, 'build'> {
  rules: () => RulesInput;
  indicators: () => Spec[];
}

export function defineTemplate(data: TemplateData): Template {
  const { rules, indicators, ...meta } = data;
  return {
    ...meta,
    build: (options: BuildOptions = {}) => skeleton(data, options, rules(), indicators()),
  };
}

function skeleton(
  meta: TemplateData,
  options: BuildOptions,
  rules: RulesInput,
  tree: Spec[],
): EvaluationInput {
  return {
    format: FORMAT,
    kind: meta.kind,
    mode: options.mode ?? meta.defaultMode,
    // The core never reads the clock: without a fiscal year the template's own year applies.
    fiscalYear: options.fiscalYear ?? meta.year,
    unit: { name: nonBlank(options.unitName) ?? DEFAULT_UNIT_NAME },
    ...(meta.kind === 'project' ? { project: { name: DEFAULT_PROJECT_NAME } } : {}),
    template: { id: meta.id, version: meta.version },
    rules,
    indicators: coded(tree),
  };
}

function nonBlank(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
