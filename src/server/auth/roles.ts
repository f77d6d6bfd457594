/**
 * Roles, permissions and the evaluation workflow (角色、权限与评价流程).
 *
 * `can` answers at the level of a role only. Scope — a unit (单位) touches only its own
 * evaluations, a department (主管部门) only its units', a third-party evaluator only the ones it
 * is assigned — is checked by the service against the evaluation's owner; both checks must pass.
 */

export const ROLES = ['admin', 'finance', 'department', 'unit', 'evaluator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: '管理员',
  finance: '财政（财政局评价人员）',
  department: '主管部门（部门审核）',
  unit: '单位填报',
  evaluator: '第三方评价机构',
};

export function isRole(s: string): s is Role {
  return Object.hasOwn(ROLE_NAMES, s);
}

export const ACTIONS = [
  'org:manage',
  'user:manage',
  'evaluation:create',
  'evaluation:edit',
  'evaluation:delete',
  'evaluation:read',
  // a new version of a finalised evaluation (定稿后修改：新建版本), and entrusting one to a third party
  'evaluation:revise',
  'evaluation:assign',
  'template:manage',
  'report:download',
  'job:run',
  'workflow:submit',
  'workflow:start-review',
  'workflow:return',
  'workflow:approve',
  'workflow:finalise',
  'workflow:archive',
  'workflow:reopen',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Every role may read evaluations (in its scope) and download their reports. */
const READ: readonly Action[] = ['evaluation:read', 'report:download'];

/**
 * The permission table (权限表), as data. Each row lists what the role may do; anything not
 * listed is refused.
 */
export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  // 管理员: runs the system — organisations, accounts, templates — and alone may reopen an
  // approved evaluation (back to draft) to correct it before it is finalised.
  admin: ACTIONS,
  // 财政: the finance bureau organises the evaluation, keeps the indicator templates, runs batch
  // jobs, reviews and gives the final word (finalise, archive). Its evaluators score, hence edit.
  // It does not create evaluations (units and departments do) nor manage accounts (admin does).
  // Only it (and the admin) opens a new version of a finalised evaluation and entrusts
  // evaluations to third-party evaluators (委托第三方).
  finance: [
    ...READ,
    'evaluation:edit',
    'evaluation:revise',
    'evaluation:assign',
    'template:manage',
    'job:run',
    'workflow:start-review',
    'workflow:return',
    'workflow:approve',
    'workflow:finalise',
    'workflow:archive',
  ],
  // 主管部门: prepares and corrects its units' drafts, submits them, and does the first review
  // (部门审核): start review, return, approve. Finalising is for the finance bureau.
  department: [
    ...READ,
    'evaluation:create',
    'evaluation:edit',
    'evaluation:delete',
    'workflow:submit',
    'workflow:start-review',
    'workflow:return',
    'workflow:approve',
  ],
  // 单位: fills in its own evaluation (单位自评) and submits it; it never reviews its own work.
  unit: [...READ, 'evaluation:create', 'evaluation:edit', 'evaluation:delete', 'workflow:submit'],
  // 第三方评价机构: scores the evaluations it is assigned and submits them; it neither creates nor
  // deletes them, and has no say in review.
  evaluator: [...READ, 'evaluation:edit', 'workflow:submit'],
};

/** May this role perform this action? Unknown roles or actions (e.g. from storage) get false. */
export function can(role: Role, action: Action): boolean {
  if (!isRole(role)) return false;
  return PERMISSIONS[role].includes(action);
}

export const STATUSES = [
  'draft',
  'submitted',
  'reviewing',
  'returned',
  'approved',
  'finalised',
  'archived',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_NAMES: Readonly<Record<Status, string>> = {
  draft: '草稿',
  submitted: '已提交',
  reviewing: '审核中',
  returned: '退回',
  approved: '已审核',
  finalised: '定稿',
  archived: '归档',
};

export function isStatus(s: string): s is Status {
  return Object.hasOwn(STATUS_NAMES, s);
}

export const WORKFLOW_ACTIONS = [
  'submit',
  'start-review',
  'return',
  'approve',
  'finalise',
  'archive',
  'reopen',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const WORKFLOW_ACTION_NAMES: Readonly<Record<WorkflowAction, string>> = {
  submit: '提交',
  'start-review': '开始审核',
  return: '退回',
  approve: '审核通过',
  finalise: '定稿',
  archive: '归档',
  reopen: '重新打开',
};

export function isWorkflowAction(s: string): s is WorkflowAction {
  return Object.hasOwn(WORKFLOW_ACTION_NAMES, s);
}

/** The permission a workflow action needs, e.g. 'submit' → 'workflow:submit'. */
export function permissionFor(action: WorkflowAction): `workflow:${WorkflowAction}` & Action {
  return `workflow:${action}`;
}

/**
 * The workflow (流程): for each action, the states it may start from and the state it leads to.
 * A finalised (定稿) evaluation is immutable — a change makes a new version — so nothing leads
 * out of 'finalised' except archiving, and 'reopen' (admin only) goes from approved back to draft.
 */
export const TRANSITIONS: Readonly<Record<WorkflowAction, { from: readonly Status[]; to: Status }>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  'start-review': { from: ['submitted'], to: 'reviewing' },
  return: { from: ['submitted', 'reviewing'], to: 'returned' },
  approve: { from: ['reviewing'], to: 'approved' },
  finalise: { from: ['approved'], to: 'finalised' },
  archive: { from: ['finalised'], to: 'archived' },
  reopen: { from: ['approved'], to: 'draft' },
};

/** Shortest return reason (退回原因), in characters after trimming. */
export const MIN_RETURN_REASON = 2;

export type TransitionResult = { ok: true; status: Status } | { ok: false; message: string };

/**
 * The state after `action` from `status`, or a Chinese message saying why not. A return needs a
 * reason of at least MIN_RETURN_REASON characters. Permission (`can`) is checked separately.
 */
export function transition(status: Status, action: WorkflowAction, reason?: string): TransitionResult {
  if (!isStatus(status)) return { ok: false, message: '评价状态无效' };
  if (!isWorkflowAction(action)) return { ok: false, message: '未知的流程操作' };
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      message: `当前状态为“${STATUS_NAMES[status]}”，不能执行“${WORKFLOW_ACTION_NAMES[action]}”`,
    };
  }
  if (action === 'return') {
    const text = typeof reason === 'string' ? reason.trim() : '';
    if (Array.from(text).length < MIN_RETURN_REASON) return { ok: false, message: '退回时须填写退回原因' };
  }
  return { ok: true, status: rule.to };
}

/** Workflow actions this role may take on an evaluation in this state (for buttons in the UI). */
export function allowedActions(role: Role, status: Status): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => can(role, permissionFor(a)) && TRANSITIONS[a].from.includes(status));
}

/** Only drafts and returned evaluations may be changed in place (可编辑). */
export function editable(status: Status): boolean {
  return status === 'draft' || status === 'returned';
}

/** Finalised and archived evaluations never change (不可变); a change makes a new version. */
export function immutable(status: Status): boolean {
  return status === 'finalised' || status === 'archived';
}
