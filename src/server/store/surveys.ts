/**
 * Questionnaires in the database (调查问卷, 公众评判法): built on an evaluation the actor may edit,
 * read within the actor's scope, published as invitation links (tokens kept only hashed), answered
 * once per invitation without an account, completed by paper counts, and applied to the
 * evaluation's indicators as a new version of its document. The arithmetic is src/core/survey's.
 */
import { toPlain } from '../../core/decimal/index.ts';
import { readAnswers, readDefinition, readPaperCounts } from '../../core/survey/definition.ts';
import {
  type FedIndicator,
  type FeedableIndicator,
  type IndicatorLink,
  feedEvaluation,
  feedableIndicators,
} from '../../core/survey/feed.ts';
import {
  type SurveyResults,
  addCounts,
  emptyCounts,
  percentHalfUp2,
  surveyResults,
  tally,
} from '../../core/survey/results.ts';
import { type Answers, type Counts, type SurveyDef, SurveyInputError } from '../../core/survey/types.ts';
import { type Action, can, newToken, tokenHash } from '../auth/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { ServiceError, badInput, conflict, forbidden, notFound } from '../errors.ts';
import {
  type EvaluationRecord,
  type EvaluationSummary,
  getEvaluation,
  scopedConditions,
  updateEvaluation,
} from './evaluations.ts';
import { type Actor, evaluationScope } from './scope.ts';

/** Most invitations made at once. */
export const MAX_INVITATIONS = 1000;
/** A token as newToken makes it: 32 bytes, base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

interface Row {
  id: number;
  evaluation_id: number;
  evaluation_title: string;
  evaluation_status: string;
  name: string;
  intro: string;
  levels: SurveyDef['levels'];
  questions: SurveyDef['questions'];
  indicators: IndicatorLink[];
  paper_counts: Counts;
  paper_sheets: number;
  created_at: Date;
  invitations: number;
  responses: number;
}

const COLUMNS = `s.id, s.evaluation_id, e.title as evaluation_title, e.status as evaluation_status, s.name, s.intro, s.levels, s.questions,
  s.indicators, s.paper_counts, s.paper_sheets, s.created_at,
  (select count(*)::int from survey_invitations i where i.survey_id = s.id) as invitations,
  (select count(*)::int from survey_responses r where r.survey_id = s.id) as responses`;

export interface SurveySummary {
  id: number;
  evaluationId: number;
  evaluationTitle: string;
  name: string;
  questions: number;
  invitations: number;
  responses: number;
  paperSheets: number;
  createdAt: string;
}

export interface ResultsJson {
  /** Questionnaires received: online responses plus paper sheets. */
  respondents: number;
  online: number;
  paperSheets: number;
  /** Overall satisfaction, a percentage rounded half-up to 2 places; null before any answer. */
  overall: string | null;
  /** The same, exact (up to 10 places of the fraction). */
  overallExact: string | null;
  questions: {
    id: string;
    text: string;
    total: number;
    counts: number[];
    online: number[];
    paper: number[];
    shares: string[];
    rate: string | null;
  }[];
}

export interface SurveyDetail extends SurveySummary {
  intro: string;
  levels: SurveyDef['levels'];
  questionList: SurveyDef['questions'];
  indicators: IndicatorLink[];
  paperCounts: Counts;
  invitationList: {
    id: number;
    label: string;
    answered: boolean;
    createdAt: string;
    submittedAt: string | null;
  }[];
  results: ResultsJson;
}

const defOf = (r: Row): SurveyDef => ({
  name: r.name,
  intro: r.intro,
  levels: r.levels,
  questions: r.questions,
});

function summary(r: Row): SurveySummary {
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    evaluationTitle: r.evaluation_title,
    name: r.name,
    questions: r.questions.length,
    invitations: r.invitations,
    responses: r.responses,
    paperSheets: r.paper_sheets,
    createdAt: r.created_at.toISOString(),
  };
}

/** The questionnaire's input errors as the service's 400, naming each field. */
function asBadInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SurveyInputError) throw badInput(e.message, e.issues);
    throw e;
  }
}

/** Respondents are told this once the evaluation is finalised or archived. */
export const SURVEY_CLOSED = '本问卷已截止（评价已定稿），不再接收答卷';

/**
 * A questionnaire closes with its evaluation: once finalised or archived, no links are added, no
 * answers or paper counts accepted — the results it gave stay as they were.
 */
function stillOpen(row: Row, closed = '评价已定稿或归档，问卷已截止，不能再生成链接或录入纸质问卷'): void {
  if (row.evaluation_status === 'finalised' || row.evaluation_status === 'archived') throw conflict(closed);
}

function need(actor: Actor, action: Action): void {
  if (!can(actor.role, action)) throw forbidden();
}

/** One questionnaire of an evaluation in the actor's scope, or 404. */
async function surveyRow(db: Queryable, actor: Actor, id: number): Promise<Row> {
  const scope = evaluationScope(actor, 2);
  const r = await db.query<Row>(
    `select ${COLUMNS} from surveys s join evaluations e on e.id = s.evaluation_id
       join organisations o on o.id = e.organisation_id where s.id = $1 and ${scope.sql}`,
    [id, ...scope.params],
  );
  const row = r.rows[0];
  if (row === undefined) throw notFound('问卷');
  return row;
}

export async function listSurveys(
  db: Queryable,
  actor: Actor,
  evaluationId?: number,
): Promise<{ surveys: SurveySummary[]; indicators?: FeedableIndicator[] }> {
  need(actor, 'evaluation:read');
  const { where, params, add } = scopedConditions(actor);
  if (evaluationId !== undefined) add('s.evaluation_id = ?', evaluationId);
  const r = await db.query<Row>(
    `select ${COLUMNS} from surveys s join evaluations e on e.id = s.evaluation_id
       join organisations o on o.id = e.organisation_id where ${where.join(' and ')} order by s.id desc`,
    params,
  );
  const surveys = r.rows.map(summary);
  if (evaluationId === undefined) return { surveys };
  const ev = await getEvaluation(db, actor, evaluationId);
  return { surveys, indicators: feedableIndicators(ev.document) };
}

function links(value: unknown, feedable: readonly FeedableIndicator[], def: SurveyDef): IndicatorLink[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw badInput('indicators 应为数组', [{ path: 'indicators', message: '应为数组' }]);
  return value.map((v: unknown, i): IndicatorLink => {
    const path = `indicators[${String(i)}]`;
    const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
    const code = typeof v === 'string' ? v : o['code'];
    const question = o['question'];
    if (typeof code !== 'string' || !feedable.some((f) => f.code === code))
      throw badInput(`${path}：评价中没有可由问卷计分（likert 或 tiers）的末级指标“${String(code)}”`, [
        { path, message: '不是可由问卷计分的末级指标' },
      ]);
    if (
      question !== undefined &&
      (typeof question !== 'string' || !def.questions.some((q) => q.id === question))
    )
      throw badInput(`${path}.question：问卷中没有这道题`, [
        { path: `${path}.question`, message: '没有这道题' },
      ]);
    return question === undefined ? { code } : { code, question };
  });
}

export async function createSurvey(
  db: Database,
  actor: Actor,
  body: Record<string, unknown>,
): Promise<SurveyDetail> {
  need(actor, 'evaluation:edit');
  const evaluationId = body['evaluationId'];
  if (typeof evaluationId !== 'number' || !Number.isInteger(evaluationId) || evaluationId < 1)
    throw badInput('evaluationId 应为评价编号', [{ path: 'evaluationId', message: '应为正整数' }]);
  const ev = await getEvaluation(db, actor, evaluationId);
  const def = asBadInput(() => readDefinition(body));
  const indicators = links(body['indicators'], feedableIndicators(ev.document), def);
  const r = await db.query<{ id: number }>(
    `insert into surveys (evaluation_id, name, intro, levels, questions, indicators, created_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      evaluationId,
      def.name,
      def.intro,
      JSON.stringify(def.levels),
      JSON.stringify(def.questions),
      JSON.stringify(indicators),
      actor.id,
    ],
  );
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('insert returned nothing');
  return getSurvey(db, actor, id);
}

/** Online answers of a questionnaire, tallied. */
async function onlineCounts(db: Queryable, row: Row): Promise<{ counts: Counts; n: number }> {
  const r = await db.query<{ answers: Answers }>(
    'select answers from survey_responses where survey_id = $1',
    [row.id],
  );
  return {
    counts: tally(
      defOf(row),
      r.rows.map((x) => x.answers),
    ),
    n: r.rows.length,
  };
}

export interface Computed {
  def: SurveyDef;
  results: SurveyResults;
  online: number;
  paperSheets: number;
  json: ResultsJson;
}

async function compute(db: Queryable, row: Row): Promise<Computed> {
  const def = defOf(row);
  const online = await onlineCounts(db, row);
  const paper = addCounts(def, emptyCounts(def), row.paper_counts);
  const results = surveyResults(def, addCounts(def, online.counts, paper));
  const json: ResultsJson = {
    respondents: online.n + row.paper_sheets,
    online: online.n,
    paperSheets: row.paper_sheets,
    overall: results.overall === undefined ? null : percentHalfUp2(results.overall),
    overallExact: results.overall === undefined ? null : toPlain(results.overall, 10),
    questions: results.questions.map((q) => ({
      id: q.id,
      text: q.text,
      total: q.total,
      counts: q.counts,
      online: online.counts[q.id] ?? [],
      paper: paper[q.id] ?? [],
      shares: q.shares.map(percentHalfUp2),
      rate: q.rate === undefined ? null : percentHalfUp2(q.rate),
    })),
  };
  return { def, results, online: online.n, paperSheets: row.paper_sheets, json };
}

export async function getSurvey(db: Queryable, actor: Actor, id: number): Promise<SurveyDetail> {
  need(actor, 'evaluation:read');
  const row = await surveyRow(db, actor, id);
  const inv = await db.query<{ id: number; label: string; created_at: Date; submitted_at: Date | null }>(
    `select i.id, i.label, i.created_at, r.submitted_at from survey_invitations i
       left join survey_responses r on r.invitation_id = i.id where i.survey_id = $1 order by i.id`,
    [id],
  );
  const { json } = await compute(db, row);
  return {
    ...summary(row),
    intro: row.intro,
    levels: row.levels,
    questionList: row.questions,
    indicators: row.indicators,
    paperCounts: row.paper_counts,
    invitationList: inv.rows.map((i) => ({
      id: i.id,
      label: i.label,
      answered: i.submitted_at !== null,
      createdAt: i.created_at.toISOString(),
      submittedAt: i.submitted_at?.toISOString() ?? null,
    })),
    results: json,
  };
}

/** The results with the definition, for the annex. */
export async function surveyForAnnex(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<Computed & { evaluationTitle: string }> {
  need(actor, 'report:download');
  const row = await surveyRow(db, actor, id);
  return { ...(await compute(db, row)), evaluationTitle: row.evaluation_title };
}

/** New invitation links: the tokens are returned once and kept only as their hashes. */
export async function createInvitations(
  db: Database,
  actor: Actor,
  id: number,
  body: Record<string, unknown>,
): Promise<{ id: number; label: string; token: string }[]> {
  need(actor, 'evaluation:edit');
  stillOpen(await surveyRow(db, actor, id));
  const labels = body['labels'];
  const count = body['count'];
  let names: string[];
  if (Array.isArray(labels)) {
    if (
      labels.length < 1 ||
      labels.length > MAX_INVITATIONS ||
      !labels.every((l) => typeof l === 'string' && l.length <= 100)
    )
      throw badInput(`labels 应为 1 至 ${String(MAX_INVITATIONS)} 个不超过 100 字的名称`, [
        { path: 'labels', message: '无效' },
      ]);
    names = labels.map((l: string) => l.trim());
  } else if (typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= MAX_INVITATIONS) {
    names = Array.from({ length: count }, () => '');
  } else
    throw badInput(`count 应为 1 至 ${String(MAX_INVITATIONS)} 的整数（或给出 labels）`, [
      { path: 'count', message: `应为 1 至 ${String(MAX_INVITATIONS)} 的整数` },
    ]);
  return db.transaction(async (tx) => {
    const out: { id: number; label: string; token: string }[] = [];
    for (const label of names) {
      const token = newToken();
      const r = await tx.query<{ id: number }>(
        'insert into survey_invitations (survey_id, token_hash, label) values ($1, $2, $3) returning id',
        [id, tokenHash(token), label],
      );
      const invitationId = r.rows[0]?.id;
      if (invitationId === undefined) throw new Error('insert returned nothing');
      out.push({ id: invitationId, label, token });
    }
    return out;
  });
}

/** Replaces the paper questionnaires' counts (and the number of paper sheets). */
export async function setPaperCounts(
  db: Database,
  actor: Actor,
  id: number,
  body: Record<string, unknown>,
): Promise<SurveyDetail> {
  need(actor, 'evaluation:edit');
  const row = await surveyRow(db, actor, id);
  stillOpen(row);
  const counts = asBadInput(() => readPaperCounts(defOf(row), body));
  const most = Math.max(0, ...Object.values(counts).map((c) => c.reduce((s, n) => s + n, 0)));
  const sheets = body['sheets'] ?? most;
  if (typeof sheets !== 'number' || !Number.isSafeInteger(sheets) || sheets < most)
    throw badInput(`sheets（纸质问卷份数）应为不小于各题作答份数（${String(most)}）的整数`, [
      { path: 'sheets', message: `应为不小于 ${String(most)} 的整数` },
    ]);
  await db.query('update surveys set paper_counts = $2, paper_sheets = $3 where id = $1', [
    id,
    JSON.stringify(counts),
    sheets,
  ]);
  return getSurvey(db, actor, id);
}

/** Writes the results into the evaluation (a new version): the survey, and its linked indicators. */
export async function applySurvey(
  db: Database,
  actor: Actor,
  id: number,
): Promise<{ evaluation: EvaluationSummary; fed: FedIndicator[] }> {
  need(actor, 'evaluation:edit');
  const row = await surveyRow(db, actor, id);
  if (row.indicators.length === 0)
    throw badInput('问卷未关联任何指标，请先选择要计分的指标', [
      { path: 'indicators', message: '未关联指标' },
    ]);
  const ev = await getEvaluation(db, actor, row.evaluation_id);
  const c = await compute(db, row);
  const { document, fed } = asBadInput(() =>
    feedEvaluation(ev.document, {
      surveyId: `survey-${String(row.id)}`,
      def: c.def,
      results: c.results,
      respondents: c.json.respondents,
      indicators: row.indicators,
    }),
  );
  const saved: Partial<EvaluationRecord> = await updateEvaluation(db, actor, ev.id, ev.version, document);
  // the summary only: the caller asked for the results' application, not the whole file back
  delete saved.document;
  return { evaluation: saved as EvaluationSummary, fed };
}

/** What a respondent sees: the questionnaire, never anything about other respondents. */
export interface PublicSurvey {
  name: string;
  intro: string;
  levels: string[];
  questions: SurveyDef['questions'];
  answered: boolean;
}

async function invitation(
  db: Queryable,
  token: string,
): Promise<{ invitationId: number; row: Row; answered: boolean }> {
  if (!TOKEN_SHAPE.test(token)) throw new ServiceError(404, 'not-found', '问卷链接无效或已失效');
  const r = await db.query<Row & { invitation_id: number; answered: boolean }>(
    `select ${COLUMNS}, i.id as invitation_id,
            exists (select 1 from survey_responses r where r.invitation_id = i.id) as answered
       from survey_invitations i join surveys s on s.id = i.survey_id
       join evaluations e on e.id = s.evaluation_id where i.token_hash = $1`,
    [tokenHash(token)],
  );
  const row = r.rows[0];
  if (row === undefined) throw new ServiceError(404, 'not-found', '问卷链接无效或已失效');
  return { invitationId: row.invitation_id, row, answered: row.answered };
}

export async function publicSurvey(db: Queryable, token: string): Promise<PublicSurvey> {
  const { row, answered } = await invitation(db, token);
  if (!answered) stillOpen(row, SURVEY_CLOSED);
  return {
    name: row.name,
    intro: row.intro,
    levels: row.levels.map((l) => l.label),
    questions: row.questions,
    answered,
  };
}

export const ALREADY_ANSWERED = '该问卷链接已提交过答卷，每个链接只能提交一次';

/** Stores one respondent's answers; a second submission on the same invitation is refused (409). */
export async function submitResponse(db: Queryable, token: string, body: unknown): Promise<void> {
  const { invitationId, row, answered } = await invitation(db, token);
  if (answered) throw conflict(ALREADY_ANSWERED);
  stillOpen(row, SURVEY_CLOSED);
  const answers = asBadInput(() => readAnswers(defOf(row), body));
  // the unique invitation_id decides between concurrent submissions: exactly one is stored
  const r = await db.query(
    `insert into survey_responses (invitation_id, survey_id, answers) values ($1, $2, $3)
       on conflict (invitation_id) do nothing returning id`,
    [invitationId, row.id, JSON.stringify(answers)],
  );
  if (r.rowCount === 0) throw conflict(ALREADY_ANSWERED);
}
