/**
 * 单位对比: the units' indicator trees side by side, one row per indicator code (the union of the
 * trees: a code one unit adds comes right after the code before it in that unit's tree), one cell per unit — its weight, score and 得分率, or
 * null where the unit's tree has no such indicator. Names may differ under one code (each unit
 * lists its own outputs under C11…); the row keeps each unit's name in its cell.
 */
import type { Rat } from '../decimal/index.ts';
import { flatten } from '../engine.ts';
import type { UnitScore } from './types.ts';

export interface SideBySideCell {
  name: string;
  weight: Rat;
  score: Rat;
  /** 得分率; null when the weight is 0. */
  rate: Rat | null;
}

export interface SideBySideRow {
  code: string;
  level: number;
  /** The name in the first unit that has the code. */
  name: string;
  /** Do all units that have the code give it the same name? */
  sameName: boolean;
  /** One per unit, in the units' order. */
  cells: (SideBySideCell | null)[];
}

export function sideBySide(units: readonly UnitScore[]): SideBySideRow[] {
  const rows = new Map<string, SideBySideRow>();
  const order: string[] = [];
  units.forEach((u, i) => {
    let previous: string | undefined;
    for (const s of flatten(u.result.roots)) {
      let row = rows.get(s.node.code);
      if (row === undefined) {
        row = {
          code: s.node.code,
          level: s.node.level,
          name: s.node.name,
          sameName: true,
          cells: units.map(() => null),
        };
        rows.set(s.node.code, row);
        order.splice(previous === undefined ? 0 : order.indexOf(previous) + 1, 0, s.node.code);
      }
      if (row.name !== s.node.name) row.sameName = false;
      row.cells[i] = { name: s.node.name, weight: s.effectiveWeight, score: s.score, rate: s.rate };
      previous = s.node.code;
    }
  });
  return order.map((code) => rows.get(code)).filter((r) => r !== undefined);
}
