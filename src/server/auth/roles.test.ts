import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTIONS,
  ROLES,
  ROLE_NAMES,
  STATUSES,
  STATUS_NAMES,
  type Action,
  type Role,
  type Status,
  type WorkflowAction,
  WORKFLOW_ACTIONS,
  allowedActions,
  can,
  editable,
  immutable,
  isRole,
  permissionFor,
  transition,
} from './roles.ts';

describe('roles', () => {
  it('names every role in Chinese', () => {
    assert.deepEqual([...ROLES], ['admin', 'finance', 'department', 'unit', 'evaluator']);
    assert.deepEqual(ROLE_NAMES, {
      admin: '管理员',
      finance: '财政（财政局评价人员）',
      department: '主管部门（部门审核）',
      unit: '单位填报',
      evaluator: '第三方评价机构',
    });
    assert.equal(isRole('unit'), true);
    assert.equal(isRole('root'), false);
    assert.equal(isRole('constructor'), false);
  });
});

describe('can', () => {
  // Written out by hand from the brief, independently of PERMISSIONS.
  //                          admin finance dept unit evaluator
  const EXPECTED = `
    org:manage              Y     .     .     .     .
    user:manage             Y     .     .     .     .
    evaluation:create       Y     .     Y     Y     .
    evaluation:edit         Y     Y     Y     Y     Y
    evaluation:delete       Y     .     Y     Y     .
    evaluation:read         Y     Y     Y     Y     Y
    evaluation:revise       Y     Y     .     .     .
    evaluation:assign       Y     Y     .     .     .
    template:manage         Y     Y     .     .     .
    report:download         Y     Y     Y     Y     Y
    job:run                 Y     Y     .     .     .
    workflow:submit         Y     .     Y     Y     Y
    workflow:start-review   Y     Y     Y     .     .
    workflow:return         Y     Y     Y     .     .
    workflow:approve        Y     Y     Y     .     .
    workflow:finalise       Y     Y     .     .     .
    workflow:archive        Y     Y     .     .     .
    workflow:reopen         Y     .     .     .     .
  `;
  const rows = EXPECTED.trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));

  it('matches the expected table in every cell', () => {
    assert.deepEqual(
      rows.map((r) => r[0]),
      [...ACTIONS],
      'the expectation covers every action',
    );
    for (const [action, ...marks] of rows) {
      ROLES.forEach((role, i) => {
        assert.equal(can(role, action as Action), marks[i] === 'Y', `${role} × ${String(action)}`);
      });
    }
  });

  it('gets the key cells right', () => {
    assert.equal(can('unit', 'workflow:approve'), false);
    assert.equal(can('evaluator', 'evaluation:delete'), false);
    assert.equal(can('department', 'workflow:finalise'), false);
    assert.equal(can('finance', 'user:manage'), false);
    assert.equal(can('finance', 'workflow:finalise'), true);
    assert.equal(can('evaluator', 'evaluation:edit'), true);
    assert.equal(can('department', 'workflow:reopen'), false);
    for (const a of ACTIONS) assert.equal(can('admin', a), true, a);
  });

  it('refuses unknown roles and actions', () => {
    assert.equal(can('root' as Role, 'evaluation:read'), false);
    assert.equal(can('__proto__' as Role, 'evaluation:read'), false);
    assert.equal(can('unit', 'evaluation:destroy' as Action), false);
  });
});

describe('workflow', () => {
  it('names the states in Chinese', () => {
    assert.deepEqual(
      STATUSES.map((s) => STATUS_NAMES[s]),
      ['草稿', '已提交', '审核中', '退回', '已审核', '定稿', '归档'],
    );
  });

  // Every legal move, written out independently of TRANSITIONS.
  const LEGAL: [Status, WorkflowAction, Status][] = [
    ['draft', 'submit', 'submitted'],
    ['returned', 'submit', 'submitted'],
    ['submitted', 'start-review', 'reviewing'],
    ['submitted', 'return', 'returned'],
    ['reviewing', 'return', 'returned'],
    ['reviewing', 'approve', 'approved'],
    ['approved', 'finalise', 'finalised'],
    ['finalised', 'archive', 'archived'],
    ['approved', 'reopen', 'draft'],
  ];

  it('allows every legal move', () => {
    for (const [from, action, to] of LEGAL) {
      assert.deepEqual(transition(from, action, '材料不全'), { ok: true, status: to }, `${from} ${action}`);
    }
  });

  it('refuses every other move, naming the current state and the action', () => {
    const legal = new Set(LEGAL.map(([from, action]) => `${from} ${action}`));
    let refused = 0;
    for (const status of STATUSES) {
      for (const action of WORKFLOW_ACTIONS) {
        if (legal.has(`${status} ${action}`)) continue;
        const r = transition(status, action, '材料不全');
        assert.equal(r.ok, false, `${status} ${action}`);
        assert.ok(!r.ok && r.message.startsWith(`当前状态为“${STATUS_NAMES[status]}”，不能执行“`));
        refused++;
      }
    }
    assert.equal(refused, STATUSES.length * WORKFLOW_ACTIONS.length - LEGAL.length);
  });

  it('gives the exact messages for a sample of illegal moves', () => {
    assert.deepEqual(transition('finalised', 'submit'), {
      ok: false,
      message: '当前状态为“定稿”，不能执行“提交”',
    });
    assert.deepEqual(transition('finalised', 'reopen'), {
      ok: false,
      message: '当前状态为“定稿”，不能执行“重新打开”',
    });
    assert.deepEqual(transition('archived', 'reopen'), {
      ok: false,
      message: '当前状态为“归档”，不能执行“重新打开”',
    });
    assert.deepEqual(transition('draft', 'approve'), {
      ok: false,
      message: '当前状态为“草稿”，不能执行“审核通过”',
    });
    assert.deepEqual(transition('submitted', 'approve'), {
      ok: false,
      message: '当前状态为“已提交”，不能执行“审核通过”',
    });
    assert.deepEqual(transition('approved', 'return', '数据有误'), {
      ok: false,
      message: '当前状态为“已审核”，不能执行“退回”',
    });
    assert.deepEqual(transition('reviewing', 'submit'), {
      ok: false,
      message: '当前状态为“审核中”，不能执行“提交”',
    });
  });

  it('requires a return reason of at least 2 characters after trimming', () => {
    const need = { ok: false, message: '退回时须填写退回原因' };
    assert.deepEqual(transition('reviewing', 'return'), need);
    assert.deepEqual(transition('reviewing', 'return', ''), need);
    assert.deepEqual(transition('reviewing', 'return', '   \n\t '), need);
    assert.deepEqual(transition('reviewing', 'return', ' 错 '), need);
    assert.deepEqual(transition('submitted', 'return', '　　'), need); // ideographic spaces
    assert.deepEqual(transition('reviewing', 'return', '错误'), { ok: true, status: 'returned' });
    assert.deepEqual(transition('submitted', 'return', ' 缺少佐证材料 '), { ok: true, status: 'returned' });
    // Other actions need no reason.
    assert.deepEqual(transition('draft', 'submit'), { ok: true, status: 'submitted' });
  });

  it('refuses unknown states and actions', () => {
    assert.deepEqual(transition('deleted' as Status, 'submit'), { ok: false, message: '评价状态无效' });
    assert.deepEqual(transition('draft', 'publish' as WorkflowAction), {
      ok: false,
      message: '未知的流程操作',
    });
  });

  it('maps workflow actions to permissions', () => {
    assert.equal(permissionFor('start-review'), 'workflow:start-review');
    for (const a of WORKFLOW_ACTIONS) assert.ok((ACTIONS as readonly string[]).includes(permissionFor(a)));
  });

  it('lists the moves a role may make from a state', () => {
    assert.deepEqual(allowedActions('unit', 'draft'), ['submit']);
    assert.deepEqual(allowedActions('unit', 'submitted'), []);
    assert.deepEqual(allowedActions('department', 'submitted'), ['start-review', 'return']);
    assert.deepEqual(allowedActions('finance', 'approved'), ['finalise']);
    assert.deepEqual(allowedActions('admin', 'approved'), ['finalise', 'reopen']);
    assert.deepEqual(allowedActions('admin', 'archived'), []);
  });

  it('edits only drafts and returned evaluations; finalised and archived are immutable', () => {
    assert.deepEqual(
      STATUSES.filter((s) => editable(s)),
      ['draft', 'returned'],
    );
    assert.deepEqual(
      STATUSES.filter((s) => immutable(s)),
      ['finalised', 'archived'],
    );
  });

  it('never leads out of an immutable state except finalised → archived', () => {
    for (const status of STATUSES.filter((s) => immutable(s))) {
      for (const action of WORKFLOW_ACTIONS) {
        const r = transition(status, action, '理由充分');
        if (r.ok) assert.deepEqual([status, action, r.status], ['finalised', 'archive', 'archived']);
      }
    }
  });
});
