/**
 * Indicator trees written without codes, coded by position: level-1 groups A, B, C …, their
 * children A1, A2 …, grandchildren A11, A12 … (the scheme seed 002 prints). Codes come from the
 * position so that a template cannot carry a typo or a duplicate.
 */
import type { Dimension, IndicatorInputT } from '../schema/evaluation.ts';
import type { MethodInput } from '../schema/methods.ts';
import type { z } from 'zod';

type TargetInput = IndicatorInputT['target'];

/** An indicator before coding. */
export interface Spec {
  name: string;
  weight: number;
  dimension?: z.infer<typeof Dimension> | undefined;
  target?: TargetInput;
  method?: MethodInput | undefined;
  children?: Spec[] | undefined;
}

/** A group (一级/二级指标) whose children's weights add up to `weight`. */
export function group(name: string, weight: number, children: Spec[], dimension?: Spec['dimension']): Spec {
  return { name, weight, children, ...(dimension === undefined ? {} : { dimension }) };
}

/** A scored indicator with its method and, where the rule fixes it, its target. */
export function leaf(name: string, weight: number, method: MethodInput, target?: TargetInput): Spec {
  return { name, weight, method, ...(target === undefined ? {} : { target }) };
}

const LEVEL1_LETTERS = 'ABCDEFGHIJ';

/** Codes every node by its position (A, A1, A11 …). */
export function coded(specs: readonly Spec[]): IndicatorInputT[] {
  if (specs.length > LEVEL1_LETTERS.length) throw new RangeError('too many level-1 groups');
  return specs.map((spec, i) => codeNode(spec, LEVEL1_LETTERS.charAt(i)));
}

function codeNode(spec: Spec, code: string): IndicatorInputT {
  const { children, ...rest } = spec;
  // More than 9 siblings would make codes ambiguous (A1 + 10 = A110 = A11 + 0).
  if (children !== undefined && children.length > 9) throw new RangeError(`too many children under ${code}`);
  const node: IndicatorInputT = { code, ...rest };
  if (children !== undefined) node.children = children.map((child, i) => codeNode(child, `${code}${i + 1}`));
  return node;
}

/** A level-1 indicator scored directly (e.g. 预算执行率 in a self-evaluation form) with its dimension. */
export function withDimension(spec: Spec, dimension: NonNullable<Spec['dimension']>): Spec {
  return { ...spec, dimension };
}
