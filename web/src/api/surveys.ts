/**
 * The questionnaire routes (问卷调查, docs/surveys.md): managing questionnaires of an evaluation, and
 * the respondent's two routes, which need no account (the token in the link is the credential).
 */
import type { FeedableIndicator, IndicatorLink } from '../../../src/core/survey/feed.ts';
import type { LevelDef, QuestionDef } from '../../../src/core/survey/types.ts';
import type {
  PublicSurvey,
  ResultsJson,
  SurveyDetail,
  SurveySummary,
} from '../../../src/server/store/surveys.ts';
import { request } from '../api.ts';

export { FIVE_LEVELS, FOUR_LEVELS } from '../../../src/core/survey/levels.ts';
export type {
  FeedableIndicator,
  IndicatorLink,
  LevelDef,
  PublicSurvey,
  QuestionDef,
  SurveyDetail,
  SurveySummary,
};
/** A questionnaire's statistics as the service gives them (percentages as text). */
export type SurveyResults = ResultsJson;
export type QuestionResults = ResultsJson['questions'][number];
export type Invitation = SurveyDetail['invitationList'][number];

export interface NewSurvey {
  evaluationId: number;
  name: string;
  intro?: string;
  levels: LevelDef[];
  questions: string[];
  indicators: IndicatorLink[];
}

const path = (id: number, rest = ''): string => `/api/surveys/${String(id)}${rest}`;

export const surveysApi = {
  list: (evaluationId?: number) =>
    request<{ surveys: SurveySummary[]; indicators?: FeedableIndicator[] }>(
      'GET',
      evaluationId === undefined ? '/api/surveys' : `/api/surveys?evaluationId=${String(evaluationId)}`,
    ),
  create: async (s: NewSurvey) => (await request<{ survey: SurveyDetail }>('POST', '/api/surveys', s)).survey,
  get: async (id: number) => (await request<{ survey: SurveyDetail }>('GET', path(id))).survey,
  invite: async (id: number, count: number) =>
    (
      await request<{ invitations: { id: number; label: string; token: string }[] }>(
        'POST',
        path(id, '/invitations'),
        { count },
      )
    ).invitations,
  setPaper: async (id: number, counts: Record<string, Record<string, number>>, sheets: number) =>
    (await request<{ survey: SurveyDetail }>('PUT', path(id, '/paper'), { counts, sheets })).survey,
  apply: (id: number) =>
    request<{
      evaluation: { id: number; version: number; total: string | null; grade: string | null };
      fed: (FeedableIndicator & { value: string })[];
    }>('POST', path(id, '/apply')),
  annexUrl: (id: number) => path(id, '/annex'),
  /** The address a respondent opens. */
  link: (token: string) => `${window.location.origin}${window.location.pathname}#/s/${token}`,
  open: async (token: string) =>
    (await request<{ survey: PublicSurvey }>('GET', `/api/s/${encodeURIComponent(token)}`)).survey,
  submit: (token: string, answers: Record<string, string>) =>
    request<{ ok: true }>('POST', `/api/s/${encodeURIComponent(token)}`, { answers }),
};
