/**
 * The typed client of the service's REST API (docs/service.md, /api/docs). The browser's session is
 * the HttpOnly cookie; every POST/PUT/PATCH/DELETE echoes the CSRF token given at log-in and by
 * /api/me. Errors arrive as `ApiError` with the service's Chinese message and the field paths.
 */
import type { AuditJson, ScoreJson } from '../../src/core/output.ts';
import type { EvaluationInput } from '../../src/core/schema/evaluation.ts';
import type { CheckReport } from '../../src/checker/report.ts';
import type { Role, Status, WorkflowAction } from '../../src/server/auth/roles.ts';

export type { AuditJson, EvaluationInput, ScoreJson };

/** Roles, evaluation states and workflow actions, with their Chinese names, as the service defines them. */
export type { Role, Status, WorkflowAction };
export { STATUS_NAMES, WORKFLOW_ACTION_NAMES as ACTION_NAMES } from '../../src/server/auth/roles.ts';

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleName: string;
  organisationId: number | null;
  mustChangePassword?: boolean;
}

export interface UserSummary extends Omit<User, 'roleName'> {
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
}

export interface Organisation {
  id: number;
  parentId: number | null;
  kind: 'finance' | 'department' | 'unit' | 'evaluator';
  name: string;
  region: string;
}

export interface TemplateSummary {
  /** Built in (read-only), or saved by a finance bureau or an admin (自定义模板). */
  builtIn?: boolean;
  /** Who saved a custom template. */
  createdBy?: string | null;
  id: string;
  name: string;
  locality: string;
  year: number;
  version: string;
  kind: 'project' | 'department';
  source: string;
  description: string;
}

export interface EvaluationSummary {
  id: number;
  organisationId: number;
  organisationName: string;
  fiscalYear: number;
  kind: string;
  mode: string;
  title: string;
  status: Status;
  statusName?: string;
  version: number;
  total: string | null;
  totalWeight: string | null;
  grade: string | null;
  updatedAt: string;
}

export interface Evaluation extends EvaluationSummary {
  statusName: string;
  actions: WorkflowAction[];
  document: EvaluationInput;
}

export interface LogEntry {
  id: number;
  at: string;
  user: string | null;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface Job {
  id: number;
  kind: 'rescore' | 'reports';
  /** What was asked: the year, and the region prefix, report type and format when given. */
  params: { fiscalYear: number; region?: string; type?: string; format?: string };
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  total: number;
  message: string | null;
  result: unknown;
  hasFile: boolean;
  createdAt: string;
  finishedAt: string | null;
}

/** An unsaved document scored and audited (POST /api/preview). */
export interface Preview {
  score: ScoreJson;
  audit: AuditJson;
}

/** 报告检查 (POST /api/check): what the checker found in an uploaded report. */
export type {
  CheckFinding,
  CheckReport,
  CheckedUnit,
  Severity as CheckSeverity,
} from '../../src/checker/report.ts';

/** The largest report the service checks (its body limit for POST /api/check). */
export const CHECK_MAX_BYTES = 20 * 1024 * 1024;

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;
  constructor(
    status: number,
    code: string,
    message: string,
    issues: FieldIssue[],
    details: Record<string, unknown>,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

let csrfToken = '';
/** Called when the service says the session is gone (401): the app goes back to the log-in page. */
let onUnauthorised: () => void = () => undefined;

export function setUnauthorisedHandler(handler: () => void): void {
  onUnauthorised = handler;
}

/** A request; a Blob body (a file) is sent as it is, as application/octet-stream, anything else as JSON. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: raw ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试', [], {});
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json as { error?: Record<string, unknown> } | undefined)?.error ?? {};
    const { code, message, issues, ...rest } = e;
    const details = Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'status'));
    if (res.status === 401 && path !== '/api/login') onUnauthorised();
    throw new ApiError(
      res.status,
      typeof code === 'string' ? code : 'error',
      typeof message === 'string' ? message : `请求失败（${String(res.status)}）`,
      Array.isArray(issues) ? (issues as FieldIssue[]) : [],
      details,
    );
  }
  return json as T;
}

/** A query string ("?year=2024&rule=mean") of the parameters given, none ('') when none is. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

/** The service's message of an ApiError, `otherwise` for anything else. */
export const errorText = (e: unknown, otherwise: string): string =>
  e instanceof ApiError ? e.message : otherwise;

export const api = {
  async login(username: string, password: string): Promise<User> {
    const r = await request<{ user: User; csrfToken: string }>('POST', '/api/login', { username, password });
    csrfToken = r.csrfToken;
    return r.user;
  },
  async me(): Promise<User> {
    const r = await request<{ user: User; csrfToken: string }>('GET', '/api/me');
    csrfToken = r.csrfToken;
    return r.user;
  },
  logout: () => request<{ ok: true }>('POST', '/api/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ ok: true }>('POST', '/api/me/password', { currentPassword, newPassword }),

  organisations: async () =>
    (await request<{ organisations: Organisation[] }>('GET', '/api/organisations')).organisations,
  addOrganisation: async (org: Omit<Organisation, 'id'>) =>
    (await request<{ organisation: Organisation }>('POST', '/api/organisations', org)).organisation,
  users: async () => (await request<{ users: UserSummary[] }>('GET', '/api/users')).users,
  addUser: async (u: {
    username: string;
    displayName: string;
    role: Role;
    organisationId: number | null;
    password: string;
  }) => (await request<{ user: User }>('POST', '/api/users', u)).user,
  updateUser: async (id: number, change: Record<string, unknown>) =>
    (await request<{ user: UserSummary }>('PATCH', `/api/users/${String(id)}`, change)).user,

  templates: async () => (await request<{ templates: TemplateSummary[] }>('GET', '/api/templates')).templates,
  template: (id: string) =>
    request<{ template: TemplateSummary; document: EvaluationInput }>(
      'GET',
      `/api/templates/${encodeURIComponent(id)}`,
    ),
  templateWorkbookUrl: (id: string) => `/api/templates/${encodeURIComponent(id)}/workbook`,
  /** Saves an evaluation's indicator system (without its results) as a custom template. */
  saveTemplate: async (t: {
    evaluationId: number;
    name: string;
    locality?: string;
    year?: number;
    description?: string;
  }) => (await request<{ template: TemplateSummary }>('POST', '/api/templates', t)).template,
  deleteTemplate: (id: string) => request<undefined>('DELETE', `/api/templates/${encodeURIComponent(id)}`),

  evaluations: async (
    filter: { year?: number; organisation?: number; kind?: string; status?: string } = {},
  ) => {
    return (await request<{ evaluations: EvaluationSummary[] }>('GET', `/api/evaluations${query(filter)}`))
      .evaluations;
  },
  createFromTemplate: async (organisationId: number, templateId: string, fiscalYear: number) =>
    (
      await request<{ evaluation: Evaluation }>('POST', '/api/evaluations', {
        organisationId,
        templateId,
        fiscalYear,
      })
    ).evaluation,
  /** A new evaluation from an evaluation file (one rebuilt from a checked report, say). */
  createFromDocument: async (organisationId: number, document: EvaluationInput) =>
    (await request<{ evaluation: Evaluation }>('POST', '/api/evaluations', { organisationId, document }))
      .evaluation,
  evaluation: async (id: number) =>
    (await request<{ evaluation: Evaluation }>('GET', `/api/evaluations/${String(id)}`)).evaluation,
  save: async (id: number, version: number, document: EvaluationInput) =>
    (
      await request<{ evaluation: Evaluation }>('PUT', `/api/evaluations/${String(id)}`, {
        version,
        document,
      })
    ).evaluation,
  remove: (id: number, version: number) =>
    request<undefined>('DELETE', `/api/evaluations/${String(id)}?version=${String(version)}`),
  move: async (id: number, action: WorkflowAction, reason?: string) =>
    (
      await request<{ evaluation: Evaluation }>('POST', `/api/evaluations/${String(id)}/workflow`, {
        action,
        ...(reason ? { reason } : {}),
      })
    ).evaluation,
  log: async (id: number) =>
    (await request<{ log: LogEntry[] }>('GET', `/api/evaluations/${String(id)}/log`)).log,
  score: (id: number) => request<ScoreJson>('GET', `/api/evaluations/${String(id)}/score`),
  audit: (id: number) => request<AuditJson>('GET', `/api/evaluations/${String(id)}/audit`),
  /** Scores and audits a document that is not saved yet (the editor's live figures). */
  preview: (document: EvaluationInput) =>
    request<{ score: ScoreJson; audit: AuditJson }>('POST', '/api/preview', { document }),
  reportPreview: (id: number, type: string) =>
    request<{ title: string; html: string }>(
      'GET',
      `/api/evaluations/${String(id)}/report/preview?type=${encodeURIComponent(type)}`,
    ),
  reportUrl: (id: number, type: string, format: string) =>
    `/api/evaluations/${String(id)}/report?type=${encodeURIComponent(type)}&format=${encodeURIComponent(format)}`,

  /** 报告检查: the file's bytes as they are, its name in the address; nothing is stored. */
  check: (file: Blob, name: string) =>
    request<CheckReport>('POST', `/api/check?name=${encodeURIComponent(name)}`, file),

  jobs: async () => (await request<{ jobs: Job[] }>('GET', '/api/jobs')).jobs,
  startJob: async (body: Record<string, unknown>) =>
    (await request<{ job: Job }>('POST', '/api/jobs', body)).job,
  job: async (id: number) => (await request<{ job: Job }>('GET', `/api/jobs/${String(id)}`)).job,
  jobFileUrl: (id: number) => `/api/jobs/${String(id)}/file`,
};

export const KIND_NAMES: Record<string, string> = {
  project: '项目支出',
  department: '部门整体支出',
  unit: '单位整体支出',
};

/** A string or number as text; anything else (an object, undefined) as ''. */
export const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The form field an issue's path names ("name", "document.name" → "name"), if it is one of `fields`. */
export function fieldOf<F extends string>(path: string, fields: readonly F[]): F | undefined {
  return fields.find((f) => path === f || path.endsWith(`.${f}`));
}

/**
 * An ApiError's issues that name one of the form's `fields` (by `fieldOf`), as antd's `form.setFields`
 * takes them; [] for any other error.
 */
export function formErrors<F extends string>(
  e: unknown,
  fields: readonly F[],
): { name: F; errors: string[] }[] {
  return e instanceof ApiError
    ? e.issues.flatMap((i) => {
        const name = fieldOf(i.path, fields);
        return name === undefined ? [] : [{ name, errors: [i.message] }];
      })
    : [];
}

/** A stored exact decimal shown with two places ("98" → "98.00"), by text, never through a float. */
export function fixed2(text: string | null | undefined): string {
  if (text === null || text === undefined || text === '') return '—';
  const [int, frac = ''] = text.split('.');
  return `${int ?? '0'}.${(frac + '00').slice(0, 2)}`;
}

export interface DashboardRow {
  id: number;
  title: string;
  organisationId: number;
  organisationName: string;
  fiscalYear: number;
  kind: string;
  status: string;
  total: string;
  grade: string;
  groups: { code: string; name: string; weight: string; score: string; rate: string | null }[];
  executionRate: string | null;
}

export interface Dashboard {
  years: number[];
  fiscalYear: number | null;
  average: string | null;
  rows: DashboardRow[];
  failed: { id: number; title: string; message: string }[];
}

export const dashboardApi = {
  get: (year?: number) =>
    request<Dashboard>('GET', `/api/dashboard${year === undefined ? '' : `?year=${String(year)}`}`),
};
