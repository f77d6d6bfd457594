/** 第三方评价: assignments, drafts for comments and replies, evidence files, the work plan, downloads. */
import type {
  Assignment,
  Comment,
  Draft,
  EvidenceFile,
  WorkPlanFile,
} from '../../../src/server/store/third-party.ts';
import { request } from '../api.ts';

export type { Assignment, Draft, EvidenceFile, WorkPlanFile };
/** A comment on a draft and the evaluator's reply, as the service gives it. */
export type DraftComment = Comment;
export type CommentKind = Comment['targetKind'];
export type Decision = NonNullable<Comment['decision']>;

/** As the service's EVIDENCE_MAX_BYTES. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_EXTENSIONS = [
  'pdf',
  'docx',
  'xlsx',
  'doc',
  'xls',
  'png',
  'jpg',
  'jpeg',
  'txt',
  'csv',
  'zip',
];
/** As the service's WORK_PLAN_MAX_BYTES and WORK_PLAN_TYPES. */
export const WORK_PLAN_MAX_BYTES = EVIDENCE_MAX_BYTES;
export const WORK_PLAN_EXTENSIONS = ['pdf', 'docx', 'doc'];

const ev = (id: number): string => `/api/evaluations/${String(id)}`;

export const thirdPartyApi = {
  assignments: async () =>
    (await request<{ assignments: Assignment[] }>('GET', '/api/third-party/assignments')).assignments,
  assign: (evaluationId: number, organisationId: number) =>
    request<undefined>('POST', `${ev(evaluationId)}/assignments`, { organisationId }),
  drafts: async (evaluationId: number) =>
    (await request<{ drafts: Draft[] }>('GET', `${ev(evaluationId)}/third-party/drafts`)).drafts,
  sendDraft: async (evaluationId: number, d: { recipient: string; deadline: string; note?: string }) =>
    (await request<{ draft: Draft }>('POST', `${ev(evaluationId)}/third-party/drafts`, d)).draft,
  comment: async (
    evaluationId: number,
    draftId: number,
    c: { kind: CommentKind; target?: string; text: string },
  ) =>
    (
      await request<{ comment: DraftComment }>(
        'POST',
        `${ev(evaluationId)}/third-party/drafts/${String(draftId)}/comments`,
        c,
      )
    ).comment,
  reply: async (evaluationId: number, commentId: number, r: { decision: Decision; reason?: string }) =>
    (
      await request<{ comment: DraftComment }>(
        'PUT',
        `${ev(evaluationId)}/third-party/comments/${String(commentId)}/reply`,
        r,
      )
    ).comment,
  tableUrl: (evaluationId: number, draftId: number, table: 'feedback' | 'adoption') =>
    `${ev(evaluationId)}/third-party/drafts/${String(draftId)}/tables/${table}`,
  archiveUrl: (evaluationId: number) => `${ev(evaluationId)}/third-party/archive`,
  evidence: async (evaluationId: number) =>
    (await request<{ files: EvidenceFile[] }>('GET', `${ev(evaluationId)}/evidence`)).files,
  upload: async (evaluationId: number, indicator: string, file: File) =>
    (
      await request<{ file: EvidenceFile }>(
        'POST',
        `${ev(evaluationId)}/evidence?indicator=${encodeURIComponent(indicator)}&name=${encodeURIComponent(file.name)}`,
        file,
      )
    ).file,
  evidenceUrl: (evaluationId: number, fileId: number) => `${ev(evaluationId)}/evidence/${String(fileId)}`,
  /** The versions of the work plan, the current one first. */
  workPlans: async (evaluationId: number) =>
    (await request<{ files: WorkPlanFile[] }>('GET', `${ev(evaluationId)}/third-party/work-plan`)).files,
  uploadWorkPlan: async (evaluationId: number, file: File) =>
    (
      await request<{ file: WorkPlanFile }>(
        'POST',
        `${ev(evaluationId)}/third-party/work-plan?name=${encodeURIComponent(file.name)}`,
        file,
      )
    ).file,
  workPlanUrl: (evaluationId: number, fileId: number) =>
    `${ev(evaluationId)}/third-party/work-plan/${String(fileId)}`,
};
