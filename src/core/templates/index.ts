/** The built-in indicator-system templates (内置指标体系模板). */
import { liuyang2022Department } from './liuyang-2022-department.ts';
import { mof2020Project } from './mof-2020-10-project.ts';
import { mof2020Self } from './mof-2020-10-self.ts';
import { mof2021SelfNoCost } from './mof-2021-101-self-nocost.ts';
import { mof2021Self } from './mof-2021-101-self.ts';
import { nanchang2018Department } from './nanchang-2018-department.ts';
import { nanchang2023Department } from './nanchang-2023-department.ts';
import { songming2020Department } from './songming-2020-department.ts';
import type { Template } from './types.ts';

export type { BuildOptions, EvaluationMode, Template } from './types.ts';
export { PENDING_LEVEL } from './presets.ts';
export { DEFAULT_PROJECT_NAME, DEFAULT_UNIT_NAME } from './skeleton.ts';

/** National templates first, then local ones by year. */
export const templates: readonly Template[] = Object.freeze([
  mof2020Project,
  mof2020Self,
  mof2021Self,
  mof2021SelfNoCost,
  nanchang2018Department,
  songming2020Department,
  liuyang2022Department,
  nanchang2023Department,
]);

/** The template with this id, or undefined. */
export function findTemplate(id: string): Template | undefined {
  return templates.find((t) => t.id === id);
}

/** What a template is, without its builder (the CLI's `templates --json`, the API's list). */
export interface TemplateSummary {
  id: string;
  name: string;
  locality: string;
  year: number;
  version: string;
  kind: Template['kind'];
  source: string;
  description: string;
}

export function templateSummaries(): TemplateSummary[] {
  return templates.map((t) => ({
    id: t.id,
    name: t.name,
    locality: t.locality,
    year: t.year,
    version: t.version,
    kind: t.kind,
    source: t.source,
    description: t.description,
  }));
}
