/**
 * Reading a questionnaire's definition, a respondent's answers and paper counts from untrusted JSON:
 * every problem is collected with its field path and thrown together (SurveyInputError).
 */
import { ONE, ZERO, gt, isNegative, toPlain, toRat } from '../decimal/index.ts';
import { FOUR_LEVELS } from './levels.ts';
import {
  type Answers,
  type Counts,
  type LevelDef,
  type QuestionDef,
  type SurveyDef,
  type SurveyIssue,
  SurveyInputError,
} from './types.ts';

export const MAX_QUESTIONS = 100;
export const MAX_LEVELS = 7;
export const MAX_TEXT = 500;
/** Most questionnaires of one kind entered on paper for one question and level. */
export const MAX_PAPER_COUNT = 1_000_000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown, path: string, issues: SurveyIssue[], opts: { optional?: boolean } = {}): string {
  if (v === undefined && opts.optional) return '';
  if (typeof v !== 'string' || (v.trim() === '' && !opts.optional)) {
    issues.push({ path, message: '不能为空' });
    return '';
  }
  if (v.trim().length > MAX_TEXT) issues.push({ path, message: `不能超过 ${String(MAX_TEXT)} 个字` });
  return v.trim();
}

function levels(v: unknown, issues: SurveyIssue[]): LevelDef[] {
  if (v === undefined) return [...FOUR_LEVELS];
  if (!Array.isArray(v) || v.length < 2 || v.length > MAX_LEVELS) {
    issues.push({ path: 'levels', message: `应为 2 至 ${String(MAX_LEVELS)} 个答案等级` });
    return [];
  }
  const out: LevelDef[] = [];
  v.forEach((l: unknown, i) => {
    const path = `levels[${String(i)}]`;
    if (!isObject(l)) {
      issues.push({ path, message: '应为 { label, weight }' });
      return;
    }
    const label = text(l['label'], `${path}.label`, issues);
    const raw = l['weight'];
    const w =
      typeof raw === 'string' || typeof raw === 'number'
        ? toRat(typeof raw === 'string' ? raw.trim() : raw)
        : undefined;
    if (w === undefined || isNegative(w) || gt(w, ONE))
      issues.push({ path: `${path}.weight`, message: '权重应为 0 至 1 之间的数' });
    if (out.some((o) => o.label === label))
      issues.push({ path: `${path}.label`, message: `答案等级“${label}”重复` });
    out.push({ label, weight: w === undefined ? '0' : toPlain(w) });
  });
  return out;
}

function questions(v: unknown, issues: SurveyIssue[]): QuestionDef[] {
  if (!Array.isArray(v) || v.length < 1 || v.length > MAX_QUESTIONS) {
    issues.push({ path: 'questions', message: `应为 1 至 ${String(MAX_QUESTIONS)} 道题` });
    return [];
  }
  return v.map((q: unknown, i) => {
    const path = `questions[${String(i)}]`;
    const t = typeof q === 'string' ? q : isObject(q) ? q['text'] : undefined;
    return { id: `q${String(i + 1)}`, text: text(t, typeof q === 'string' ? path : `${path}.text`, issues) };
  });
}

/** A definition from a request body: `name`, `intro`, `levels` (default the four levels), `questions` (texts or { text }). */
export function readDefinition(body: unknown): SurveyDef {
  const issues: SurveyIssue[] = [];
  const b = isObject(body) ? body : {};
  const def: SurveyDef = {
    name: text(b['name'], 'name', issues),
    intro: text(b['intro'], 'intro', issues, { optional: true }),
    levels: levels(b['levels'], issues),
    questions: questions(b['questions'], issues),
  };
  if (
    def.levels.length > 0 &&
    !def.levels.some((l) => toRat(l.weight) !== undefined && gt(toRat(l.weight) ?? ZERO, ZERO))
  )
    issues.push({ path: 'levels', message: '至少一个答案等级的权重应大于 0' });
  if (issues.length > 0) throw new SurveyInputError(issues);
  return def;
}

/** One respondent's answers: every question answered with one of the levels, nothing else. */
export function readAnswers(def: SurveyDef, body: unknown): Answers {
  const issues: SurveyIssue[] = [];
  const given = isObject(body) && isObject(body['answers']) ? body['answers'] : undefined;
  if (given === undefined) throw new SurveyInputError([{ path: 'answers', message: '缺少答案' }]);
  const labels = def.levels.map((l) => l.label);
  const out: Answers = {};
  for (const q of def.questions) {
    const a = given[q.id];
    if (a === undefined) issues.push({ path: `answers.${q.id}`, message: `第 ${q.id.slice(1)} 题未作答` });
    else if (typeof a !== 'string' || !labels.includes(a))
      issues.push({ path: `answers.${q.id}`, message: `应为 ${labels.join('、')} 之一` });
    else out[q.id] = a;
  }
  for (const key of Object.keys(given))
    if (!def.questions.some((q) => q.id === key))
      issues.push({ path: `answers.${key}`, message: '没有这道题' });
  if (issues.length > 0) throw new SurveyInputError(issues);
  return out;
}

/** Paper questionnaires (纸质问卷): per question, a count per level label; every question and level present. */
export function readPaperCounts(def: SurveyDef, body: unknown): Counts {
  const issues: SurveyIssue[] = [];
  const given = isObject(body) && isObject(body['counts']) ? body['counts'] : undefined;
  if (given === undefined) throw new SurveyInputError([{ path: 'counts', message: '缺少各题各等级的份数' }]);
  const out: Counts = {};
  for (const q of def.questions) {
    const per = given[q.id];
    if (!isObject(per)) {
      issues.push({ path: `counts.${q.id}`, message: '缺少本题各等级的份数' });
      continue;
    }
    out[q.id] = def.levels.map((l) => {
      const n = per[l.label] ?? 0;
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > MAX_PAPER_COUNT) {
        issues.push({
          path: `counts.${q.id}.${l.label}`,
          message: `应为 0 至 ${String(MAX_PAPER_COUNT)} 的整数`,
        });
        return 0;
      }
      return n;
    });
    for (const key of Object.keys(per))
      if (!def.levels.some((l) => l.label === key))
        issues.push({ path: `counts.${q.id}.${key}`, message: '没有这个答案等级' });
  }
  for (const key of Object.keys(given))
    if (!def.questions.some((q) => q.id === key))
      issues.push({ path: `counts.${key}`, message: '没有这道题' });
  if (issues.length > 0) throw new SurveyInputError(issues);
  return out;
}
