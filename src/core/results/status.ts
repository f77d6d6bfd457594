/**
 * The state of a rectification item (整改事项). Three states are stored — 待整改, 整改中, 已整改 —
 * and 逾期 (overdue) is derived: an item not yet done whose deadline lies before today. Today comes
 * from an injected clock, so the same item reads the same on any machine for the same instant.
 */

/** Stored states, by stable code. */
export const RECTIFICATION_STATES = ['pending', 'in-progress', 'done'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

/** What a reader sees: a stored state, or overdue. */
export type RectificationStatus = RectificationState | 'overdue';

export const RECTIFICATION_STATUS_NAMES: Readonly<Record<RectificationStatus, string>> = {
  pending: '待整改',
  'in-progress': '整改中',
  done: '已整改',
  overdue: '逾期',
};

export function isRectificationState(s: unknown): s is RectificationState {
  return typeof s === 'string' && (RECTIFICATION_STATES as readonly string[]).includes(s);
}

/** A calendar date, yyyy-mm-dd, that exists (2024-02-30 does not). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** China Standard Time, UTC+8 all year (no daylight saving). */
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** The calendar date in China of an instant: deadlines are dates of the issuing body's calendar. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * 逾期 when not done and the deadline is before today (the deadline day itself still counts as in
 * time); otherwise the stored state. Dates compare as yyyy-mm-dd text.
 */
export function rectificationStatus(
  item: { state: RectificationState; deadline: string },
  today: string,
): RectificationStatus {
  if (item.state !== 'done' && item.deadline < today) return 'overdue';
  return item.state;
}

/** Open: still to be rectified (待整改, 整改中 or 逾期), hence carried into next year's evaluation. */
export const isOpen = (item: { state: RectificationState }): boolean => item.state !== 'done';
