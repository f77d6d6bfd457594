/**
 * Results into the evaluation (结果应用于指标): the questionnaire goes into the file's `surveys` with
 * its counts per level (the core derives the exact shares from them), and each linked indicator is
 * pointed at it — a likert indicator scores the survey's mean 得分率 (its inline shares/rate are
 * dropped); a tiers indicator gets the overall satisfaction as its 完成值. Pure: document in, new
 * document out.
 */
import type { IndicatorNode } from '../model.ts';
import { parseEvaluation } from '../normalize.ts';
import { type SurveyResults, percentHalfUp2 } from './results.ts';
import { type SurveyDef, type SurveyIssue, SurveyInputError } from './types.ts';

/** A leaf indicator a questionnaire can feed. */
export interface FeedableIndicator {
  code: string;
  name: string;
  method: 'likert' | 'tiers';
}

export interface FedIndicator extends FeedableIndicator {
  /** What it was given: the survey reference (likert) or the satisfaction as 完成值 (tiers). */
  value: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function leaves(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => (n.children.length === 0 ? [n] : leaves(n.children)));
}

/** The leaf indicators scored by likert or tiers, which a questionnaire may feed. */
export function feedableIndicators(document: unknown): FeedableIndicator[] {
  return leaves(parseEvaluation(document).indicators).flatMap((n) =>
    n.method?.type === 'likert' || n.method?.type === 'tiers'
      ? [{ code: n.code, name: n.name, method: n.method.type }]
      : [],
  );
}

/** The object at a field path such as `indicators[0].children[2]` in a parsed JSON document. */
function at(root: Json, path: string): Json | undefined {
  let node: unknown = root;
  for (const m of path.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) node = isObject(node) ? node[m[1]] : undefined;
    else node = Array.isArray(node) ? (node as unknown[])[Number(m[2])] : undefined;
  }
  return isObject(node) ? node : undefined;
}

export interface FeedInput {
  /** The id the survey gets in the file's `surveys` (replaced when present). */
  surveyId: string;
  def: SurveyDef;
  results: SurveyResults;
  /** Questionnaires received (online responses plus paper sheets). */
  respondents: number;
  /** The indicators to feed, by code; with a question, that question's 得分率 alone. */
  indicators: readonly IndicatorLink[];
}

/** An indicator a questionnaire feeds: its code, and optionally the one question it takes. */
export interface IndicatorLink {
  code: string;
  question?: string | undefined;
}

/** The document with the survey and the linked indicators filled in; SurveyInputError naming what is wrong. */
export function feedEvaluation(document: unknown, input: FeedInput): { document: Json; fed: FedIndicator[] } {
  const { def, results } = input;
  const answered = results.questions.filter((q) => q.total > 0);
  if (answered.length === 0 || results.overall === undefined)
    throw new SurveyInputError([{ path: 'responses', message: '尚无答卷，无法应用到评价' }]);
  const nodes = leaves(parseEvaluation(document).indicators);
  const doc = structuredClone(document) as Json;
  const issues: SurveyIssue[] = [];
  const fed: FedIndicator[] = [];
  const overall = results.overall;
  for (const [i, { code, question }] of input.indicators.entries()) {
    const asked = question === undefined ? undefined : answered.find((q) => q.id === question);
    if (question !== undefined && asked?.rate === undefined) {
      issues.push({
        path: `indicators[${String(i)}].question`,
        message: `问卷中没有已作答的题目“${question}”`,
      });
      continue;
    }
    const satisfaction = percentHalfUp2(asked?.rate ?? overall);
    const node = nodes.find((n) => n.code === code);
    const raw = node && at(doc, node.path);
    const method = raw?.['method'];
    if (node === undefined || raw === undefined) {
      issues.push({ path: `indicators[${String(i)}]`, message: `评价中没有末级指标“${code}”` });
      continue;
    }
    if (!isObject(method) || (method['type'] !== 'likert' && method['type'] !== 'tiers')) {
      issues.push({
        path: `indicators[${String(i)}]`,
        message: `指标“${node.name}”的评分方法不是问卷得分率（likert）或分档（tiers）`,
      });
      continue;
    }
    if (method['type'] === 'likert') {
      const { type, rule } = method;
      raw['method'] = {
        type,
        survey: input.surveyId,
        ...(question === undefined ? {} : { question }),
        ...(rule === undefined ? {} : { rule }),
      };
    }
    raw['actual'] = satisfaction;
    fed.push({
      code,
      name: node.name,
      method: method['type'],
      value:
        method['type'] === 'likert'
          ? `问卷“${def.name}”${asked ? `第 ${asked.id.slice(1)} 题得分率` : '各题得分率平均'}（${satisfaction}）`
          : satisfaction,
    });
  }
  if (issues.length > 0) throw new SurveyInputError(issues);
  const survey = {
    id: input.surveyId,
    name: def.name,
    respondents: input.respondents,
    levels: def.levels.map((l) => ({ label: l.label, weight: l.weight })),
    questions: answered.map((q) => ({
      id: q.id,
      text: q.text,
      counts: Object.fromEntries(def.levels.map((l, k) => [l.label, q.counts[k] ?? 0])),
    })),
  };
  const surveys = Array.isArray(doc['surveys']) ? (doc['surveys'] as unknown[]) : [];
  doc['surveys'] = [...surveys.filter((s) => !isObject(s) || s['id'] !== input.surveyId), survey];
  return { document: doc, fed };
}
