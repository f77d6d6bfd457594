/** Deviations as JSON: exact values as decimal text, flags with their Chinese text. */
import { toFixed } from '../decimal/index.ts';
import type { Deviations } from './deviations.ts';
import { ISSUE_TEXT, executionText } from './messages.ts';

export interface DeviationsJson {
  months: number;
  execution: {
    elapsedPercent: string;
    ratePercent: string | null;
    lagPoints: string | null;
    marginPoints: string;
    behind: boolean;
    text: string;
  };
  indicators: {
    name: string;
    target: string;
    meetsTarget: boolean | null;
    offTrack: boolean;
    issues: { code: string; text: string }[];
  }[];
  offTrack: number;
}

export function deviationsJson(d: Deviations): DeviationsJson {
  const e = d.execution;
  return {
    months: d.months,
    execution: {
      elapsedPercent: toFixed(e.elapsedPercent, 2),
      ratePercent: e.ratePercent === undefined ? null : toFixed(e.ratePercent, 2),
      lagPoints: e.lagPoints === undefined ? null : toFixed(e.lagPoints, 2),
      marginPoints: toFixed(e.marginPoints, 2),
      behind: e.behind,
      text: executionText(e),
    },
    indicators: d.indicators.map((i) => ({
      name: i.name,
      target: i.target,
      meetsTarget: i.meetsTarget ?? null,
      offTrack: i.offTrack,
      issues: i.issues.map((code) => ({ code, text: ISSUE_TEXT[code] })),
    })),
    offTrack: d.offTrack,
  };
}
