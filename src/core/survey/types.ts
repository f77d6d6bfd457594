/**
 * A questionnaire (调查问卷, 公众评判法) as stored and exchanged: plain JSON, level weights as exact
 * decimal text so that nothing passes through a float.
 */

/** An answer level (非常满意 …) and its weight in the 得分率, e.g. "0.5". */
export interface LevelDef {
  label: string;
  weight: string;
}

export interface QuestionDef {
  /** Stable within the questionnaire (q1, q2 …); answers and counts are keyed by it. */
  id: string;
  text: string;
}

export interface SurveyDef {
  name: string;
  /** 问卷说明 shown to respondents above the questions. */
  intro: string;
  levels: LevelDef[];
  questions: QuestionDef[];
}

/** Answers per level of each question, in the order of the levels: question id → counts. */
export type Counts = Record<string, number[]>;

/** One respondent's answers: question id → level label. */
export type Answers = Record<string, string>;

/** A problem with input, naming its field path; Chinese message. */
export interface SurveyIssue {
  path: string;
  message: string;
}

/** Bad questionnaire input (definition, answers, paper counts, feeding): every issue names its field. */
export class SurveyInputError extends Error {
  readonly issues: SurveyIssue[];
  constructor(issues: SurveyIssue[]) {
    super(issues.map((i) => `${i.path}：${i.message}`).join('；'));
    this.name = 'SurveyInputError';
    this.issues = issues;
  }
}
