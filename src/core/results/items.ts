/**
 * Rectification items (整改事项): what one is, how a new one or a change is read from untrusted
 * JSON (problems returned with the field's path), and the drafts an evaluation's problems and
 * suggestions (存在问题, 有关建议) give.
 */
import { type RectificationState, isIsoDate, isRectificationState } from './status.ts';

export interface RectificationItem {
  id: number;
  evaluationId: number;
  /** Where it came from: 'manual', or 'problem:0' / 'suggestion:2' of the evaluation document. */
  source: string;
  /** 整改事项 */
  text: string;
  /** 针对的问题 */
  problem: string;
  /** 责任单位 */
  ownerUnit: string;
  /** 责任人 */
  ownerPerson: string;
  /** 整改期限, yyyy-mm-dd */
  deadline: string;
  state: RectificationState;
  /** 整改措施 */
  measures: string;
  /** 整改结果 */
  result: string;
}

/** The fields a change may set; a unit (单位) may set only the progress ones. */
export const PROGRESS_FIELDS = ['state', 'measures', 'result'] as const;
export const PLAN_FIELDS = ['text', 'problem', 'ownerUnit', 'ownerPerson', 'deadline'] as const;
export type ItemField = (typeof PROGRESS_FIELDS)[number] | (typeof PLAN_FIELDS)[number];

export type ItemChange = Partial<Pick<RectificationItem, ItemField>>;

export interface FieldIssue {
  path: string;
  message: string;
}

const LIMITS: Record<Exclude<ItemField, 'state' | 'deadline'>, number> = {
  text: 1000,
  problem: 2000,
  ownerUnit: 100,
  ownerPerson: 50,
  measures: 4000,
  result: 4000,
};

/**
 * Reads the fields present in `body` (unknown keys are refused); `required` must be present. Text
 * is trimmed; the item text may not be empty.
 */
export function readItemFields(
  body: Record<string, unknown>,
  required: readonly ItemField[] = [],
): { ok: true; change: ItemChange } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const change: ItemChange = {};
  const known = new Set<string>([...PROGRESS_FIELDS, ...PLAN_FIELDS]);
  for (const key of Object.keys(body))
    if (!known.has(key)) issues.push({ path: key, message: '不认识的字段' });
  for (const key of required) if (body[key] === undefined) issues.push({ path: key, message: '必填' });
  for (const [key, limit] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
    const v = body[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > limit) {
      issues.push({ path: key, message: `应为不超过 ${String(limit)} 字的文字` });
      continue;
    }
    if (key === 'text' && v.trim() === '') {
      issues.push({ path: key, message: '整改事项不能为空' });
      continue;
    }
    change[key] = v.trim();
  }
  if (body['deadline'] !== undefined) {
    if (isIsoDate(body['deadline'])) change.deadline = body['deadline'];
    else issues.push({ path: 'deadline', message: '应为日期 yyyy-mm-dd' });
  }
  if (body['state'] !== undefined) {
    if (isRectificationState(body['state'])) change.state = body['state'];
    else issues.push({ path: 'state', message: '应为 pending、in-progress 或 done' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, change };
}

/** A draft item: what an evaluation's problems and suggestions propose. */
export interface ItemDraft {
  source: string;
  text: string;
  problem: string;
}

/**
 * One draft per problem, answered by the suggestion at the same position when there is one (the
 * reports list them in the same order); each suggestion left over becomes a draft of its own.
 */
export function draftsFromEvaluation(doc: {
  problems: readonly { text: string }[];
  suggestions: readonly { text: string }[];
}): ItemDraft[] {
  const out: ItemDraft[] = doc.problems.map((p, i) => ({
    source: `problem:${String(i)}`,
    text: doc.suggestions[i]?.text ?? `针对“${p.text}”进行整改`,
    problem: p.text,
  }));
  for (let i = doc.problems.length; i < doc.suggestions.length; i++) {
    const s = doc.suggestions[i];
    if (s !== undefined) out.push({ source: `suggestion:${String(i)}`, text: s.text, problem: '' });
  }
  return out;
}
