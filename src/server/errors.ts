/** Errors the service turns into HTTP responses: a status, a stable code and a Chinese message. */
export class ServiceError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field-level problems, e.g. from validating an evaluation file. */
  readonly issues: readonly { path: string; message: string }[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { issues?: readonly { path: string; message: string }[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ServiceError';
    this.status = status;
    this.code = code;
    this.issues = extra.issues;
    this.details = extra.details;
  }
}

export const notFound = (what: string): ServiceError =>
  new ServiceError(404, 'not-found', `${what}不存在或无权查看`);
export const forbidden = (message = '当前角色无权执行此操作'): ServiceError =>
  new ServiceError(403, 'forbidden', message);
export const badInput = (
  message: string,
  issues?: readonly { path: string; message: string }[],
): ServiceError => new ServiceError(400, 'bad-input', message, issues ? { issues } : {});
/** 400 for input with field-level problems: "<what>有误：path：message；…", each one in `issues`. */
export const invalidInput = (
  what: string,
  issues: readonly { path: string; message: string }[],
): ServiceError =>
  badInput(`${what}有误：${issues.map((i) => `${i.path}：${i.message}`).join('；')}`, issues);
export const conflict = (message: string, details?: Record<string, unknown>): ServiceError =>
  new ServiceError(409, 'conflict', message, details ? { details } : {});
