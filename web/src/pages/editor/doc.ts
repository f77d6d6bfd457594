/** Reading and changing the evaluation document held by the editor, by path ("budget.executed"). */
import type { EvaluationInput, FieldIssue } from '../../api.ts';
import type { Preview } from '../EditorPage.tsx';

export interface TabProps {
  doc: EvaluationInput;
  change: (next: EvaluationInput) => void;
  editable: boolean;
  issues: FieldIssue[];
  preview: Preview | null;
}

type Key = string | number;

export function parsePath(path: string): Key[] {
  return path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

export function getAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const k of parsePath(path)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<Key, unknown>)[k];
  }
  return v;
}

/** A copy of `doc` with `value` at `path` (undefined removes it); parents are created as needed. */
export function setAt<T>(doc: T, path: string, value: unknown): T {
  const out = structuredClone(doc);
  const keys = parsePath(path);
  let v = out as Record<Key, unknown>;
  for (const [i, k] of keys.slice(0, -1).entries()) {
    if (v[k] === null || typeof v[k] !== 'object') v[k] = typeof keys[i + 1] === 'number' ? [] : {};
    v = v[k] as Record<Key, unknown>;
  }
  const last = keys.at(-1);
  if (last === undefined) return out;
  if (value === undefined) Reflect.deleteProperty(v, last);
  else v[last] = value;
  return out;
}

/** The messages the service gave for this field. */
export function issueAt(issues: FieldIssue[], path: string): string | undefined {
  const mine = issues.filter((i) => i.path === `document.${path}` || i.path.startsWith(`document.${path}.`));
  return mine.length === 0 ? undefined : mine.map((i) => i.message).join('；');
}
