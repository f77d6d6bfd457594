/**
 * 排名: units ordered by total, highest first. Equal totals (exactly equal, i.e. equal as shown to 2
 * places, since totals are sums of rounded scores) share a rank — 并列. `competition` ranking skips
 * the ranks the tie used (1, 2, 2, 4); `dense` does not (1, 2, 2, 3). Ties are listed by name.
 */
import { type Rat, cmp } from '../decimal/index.ts';

export type TieRule = 'competition' | 'dense';

export interface Rankable {
  key: string;
  name: string;
  total: Rat;
}

export type Ranked<T extends Rankable> = T & { rank: number; tied: boolean };

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function rank<T extends Rankable>(items: readonly T[], ties: TieRule = 'competition'): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => cmp(b.total, a.total) || byName(a.name, b.name));
  const out: Ranked<T>[] = [];
  let distinct = 0;
  sorted.forEach((item, i) => {
    const prev = sorted[i - 1];
    const sameAsPrev = prev !== undefined && cmp(prev.total, item.total) === 0;
    if (!sameAsPrev) distinct++;
    const r = sameAsPrev ? (out[i - 1]?.rank ?? 1) : ties === 'dense' ? distinct : i + 1;
    const next = sorted[i + 1];
    const tied = sameAsPrev || (next !== undefined && cmp(next.total, item.total) === 0);
    out.push({ ...item, rank: r, tied });
  });
  return out;
}
