/**
 * 组织与用户 (admins only): the organisation tree on the left, the accounts of the chosen
 * organisation on the right. Organisations are created here; accounts are created, edited,
 * disabled / enabled, have their password reset (to be changed at the next log-in) and are unlocked.
 */
import {
  ApartmentOutlined,
  PlusOutlined,
  ReloadOutlined,
  SearchOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  type FormInstance,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  type ChangeEvent,
  type Key,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { ApiError, type Organisation, type Role, type UserSummary, api, errorText } from '../api.ts';

type OrgKind = Organisation['kind'];

const KIND_LABELS: Record<OrgKind, string> = {
  finance: '财政',
  department: '主管部门',
  unit: '单位',
  evaluator: '第三方',
};

const KIND_COLOURS: Record<OrgKind, string> = {
  finance: 'gold',
  department: 'blue',
  unit: 'green',
  evaluator: 'purple',
};

/** The full names in the organisation form. */
const KIND_OPTIONS: { value: OrgKind; label: string }[] = [
  { value: 'finance', label: '财政部门' },
  { value: 'department', label: '主管部门' },
  { value: 'unit', label: '预算单位' },
  { value: 'evaluator', label: '第三方评价机构' },
];

const KIND_ORDER: Record<OrgKind, number> = { finance: 0, department: 1, unit: 2, evaluator: 3 };

const ROLE_NAMES: Record<Role, string> = {
  admin: '管理员',
  finance: '财政',
  department: '主管部门',
  unit: '单位填报',
  evaluator: '第三方',
};

const ROLE_COLOURS: Record<Role, string> = {
  admin: 'magenta',
  finance: 'gold',
  department: 'blue',
  unit: 'green',
  evaluator: 'purple',
};

const ROLE_OPTIONS = (Object.keys(ROLE_NAMES) as Role[]).map((value) => ({
  value,
  label: ROLE_NAMES[value],
}));

/** The role a new account in an organisation of this kind usually has. */
const ROLE_OF_KIND: Record<OrgKind, Role> = {
  finance: 'finance',
  department: 'department',
  unit: 'unit',
  evaluator: 'evaluator',
};

const USERNAME = /^[A-Za-z0-9_.-]{3,64}$/;
const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_RULES =
  '至少 10 个字符（不超过 128 个），包含大写字母、小写字母、数字、其他符号中的至少三类，不能包含用户名，同一字符不能连续出现超过 3 次。';

/** Enter in any field submits the form: the button browsers click on Enter, out of sight and out of the tab order. */
function EnterSubmits() {
  return (
    <button
      type="submit"
      tabIndex={-1}
      aria-hidden="true"
      style={{
        position: 'absolute',
        width: 1,
        height: 1,
        padding: 0,
        margin: -1,
        overflow: 'hidden',
        clip: 'rect(0 0 0 0)',
        border: 0,
      }}
    />
  );
}

/** The service's field errors (issues[].path) that belong to one of the form's fields, by field. */
function fieldErrors<K extends string>(e: ApiError, fields: readonly K[]): { name: K; errors: string[] }[] {
  const isField = (p: string): p is K => (fields as readonly string[]).includes(p);
  const byField = new Map<K, string[]>();
  for (const issue of e.issues)
    if (isField(issue.path)) byField.set(issue.path, [...(byField.get(issue.path) ?? []), issue.message]);
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

/**
 * A dialog holding a form that OK and Enter submit (`onFinish` once the rules pass); the form is
 * cleared when the dialog closes. `intro` stands above the form.
 */
function ModalForm<V>({
  title,
  open,
  okText,
  busy,
  form,
  initialValues,
  onClose,
  onFinish,
  onValuesChange,
  intro,
  children,
}: {
  title: string;
  open: boolean;
  okText: string;
  busy: boolean;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  onClose: () => void;
  onFinish: (v: V) => Promise<void>;
  onValuesChange?: (changed: Partial<V>) => void;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      {intro}
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        clearOnDestroy
        onFinish={(v: V) => void onFinish(v)}
        onValuesChange={onValuesChange}
      >
        {children}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

// ——— the organisation tree ———

interface OrgNode {
  org: Organisation;
  children: OrgNode[];
}

/** The forest by parentId; an organisation whose parent is missing (or in a cycle) is at the top. */
function buildForest(orgs: Organisation[]): OrgNode[] {
  const nodes = orgs.map((org): OrgNode => ({ org, children: [] }));
  const byId = new Map(nodes.map((n): [number, OrgNode] => [n.org.id, n]));
  const inCycle = (start: Organisation): boolean => {
    const seen = new Set<number>([start.id]);
    let parent = start.parentId === null ? undefined : byId.get(start.parentId);
    while (parent !== undefined) {
      if (seen.has(parent.org.id)) return true;
      seen.add(parent.org.id);
      parent = parent.org.parentId === null ? undefined : byId.get(parent.org.parentId);
    }
    return false;
  };
  const roots: OrgNode[] = [];
  for (const n of nodes) {
    const parent = n.org.parentId === null ? undefined : byId.get(n.org.parentId);
    if (parent === undefined || inCycle(n.org)) roots.push(n);
    else parent.children.push(n);
  }
  // finance bureaus first, then departments …; otherwise the service's order (region, id)
  return roots
    .map((n, i) => ({ n, i }))
    .sort((a, b) => KIND_ORDER[a.n.org.kind] - KIND_ORDER[b.n.org.kind] || a.i - b.i)
    .map(({ n }) => n);
}

/** The nodes whose name contains the query, with their ancestors; a match keeps all its children. */
function filterForest(nodes: OrgNode[], query: string): OrgNode[] {
  const q = query.trim().toLowerCase();
  if (q === '') return nodes;
  const out: OrgNode[] = [];
  for (const n of nodes) {
    if (n.org.name.toLowerCase().includes(q)) out.push(n);
    else {
      const children = filterForest(n.children, q);
      if (children.length > 0) out.push({ org: n.org, children });
    }
  }
  return out;
}

function parentKeys(nodes: OrgNode[]): Key[] {
  return nodes.flatMap((n) => (n.children.length > 0 ? [String(n.org.id), ...parentKeys(n.children)] : []));
}

function descendantIds(node: OrgNode): number[] {
  return [node.org.id, ...node.children.flatMap(descendantIds)];
}

function findNode(nodes: OrgNode[], id: number): OrgNode | undefined {
  for (const n of nodes) {
    if (n.org.id === id) return n;
    const found = findNode(n.children, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

function Highlighted({ text, query }: { text: string; query: string }) {
  const q = query.trim().toLowerCase();
  const at = q === '' ? -1 : text.toLowerCase().indexOf(q);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <span style={{ color: '#f5222d', fontWeight: 600 }}>{text.slice(at, at + q.length)}</span>
      {text.slice(at + q.length)}
    </>
  );
}

function toTreeData(nodes: OrgNode[], query: string, userCounts: Map<number, number>): TreeDataNode[] {
  return nodes.map((n) => {
    const count = userCounts.get(n.org.id) ?? 0;
    const title: ReactNode = (
      <span title={n.org.region === '' ? n.org.name : `${n.org.name}（${n.org.region}）`}>
        <Highlighted text={n.org.name} query={query} />
        <Tag
          color={KIND_COLOURS[n.org.kind]}
          style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}
        >
          {KIND_LABELS[n.org.kind]}
        </Tag>
        {count > 0 && <Typography.Text type="secondary">{count} 人</Typography.Text>}
      </span>
    );
    return {
      key: String(n.org.id),
      title,
      children: n.children.length > 0 ? toTreeData(n.children, query, userCounts) : undefined,
    };
  });
}

// ——— the page ———

type UserDialogState = { mode: 'new' } | { mode: 'edit'; user: UserSummary } | null;

export function AdminPage() {
  const { message, modal } = AntApp.useApp();
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [orgsLoading, setOrgsLoading] = useState(true);
  const [usersLoading, setUsersLoading] = useState(true);
  const [selected, setSelected] = useState<number | null>(null);
  const [includeChildren, setIncludeChildren] = useState(false);
  const [search, setSearch] = useState('');
  const [userSearch, setUserSearch] = useState('');
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [orgDialog, setOrgDialog] = useState(false);
  const [userDialog, setUserDialog] = useState<UserDialogState>(null);
  const [resetFor, setResetFor] = useState<UserSummary | null>(null);

  const loadOrgs = useCallback(async (): Promise<Organisation[]> => {
    setOrgsLoading(true);
    try {
      const list = await api.organisations();
      setOrgs(list);
      return list;
    } catch (e) {
      message.error(errorText(e, '组织加载失败'));
      return [];
    } finally {
      setOrgsLoading(false);
    }
  }, [message]);

  const loadUsers = useCallback(async () => {
    setUsersLoading(true);
    try {
      setUsers(await api.users());
    } catch (e) {
      message.error(errorText(e, '用户加载失败'));
    } finally {
      setUsersLoading(false);
    }
  }, [message]);

  useEffect(() => {
    void loadOrgs().then((list) => {
      setExpanded(parentKeys(buildForest(list)));
    });
    void loadUsers();
  }, [loadOrgs, loadUsers]);

  const forest = useMemo(() => buildForest(orgs), [orgs]);
  const shown = useMemo(() => filterForest(forest, search), [forest, search]);
  const orgById = useMemo(() => new Map(orgs.map((o): [number, Organisation] => [o.id, o])), [orgs]);
  const userCounts = useMemo(() => {
    const counts = new Map<number, number>();
    for (const u of users)
      if (u.organisationId !== null) counts.set(u.organisationId, (counts.get(u.organisationId) ?? 0) + 1);
    return counts;
  }, [users]);
  const treeData = useMemo(() => toTreeData(shown, search, userCounts), [shown, search, userCounts]);

  const selectedNode = selected === null ? undefined : findNode(forest, selected);
  const hasChildren = (selectedNode?.children.length ?? 0) > 0;

  const rows = useMemo(() => {
    let list = users;
    if (selectedNode !== undefined) {
      const ids = new Set(
        includeChildren && selectedNode.children.length > 0
          ? descendantIds(selectedNode)
          : [selectedNode.org.id],
      );
      list = list.filter((u) => u.organisationId !== null && ids.has(u.organisationId));
    }
    const q = userSearch.trim().toLowerCase();
    if (q !== '')
      list = list.filter(
        (u) => u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q),
      );
    return list;
  }, [users, selectedNode, includeChildren, userSearch]);

  const onSearch = (value: string) => {
    setSearch(value);
    setExpanded(parentKeys(filterForest(forest, value)));
  };

  const change = async (u: UserSummary, body: Record<string, unknown>, done: string): Promise<void> => {
    try {
      await api.updateUser(u.id, body);
      message.success(done);
    } catch (e) {
      message.error(errorText(e, '操作失败'));
    }
    await loadUsers();
  };

  const toggleDisabled = (u: UserSummary) => {
    const disabling = !u.disabled;
    modal.confirm({
      title: disabling
        ? `停用用户“${u.displayName}”（${u.username}）？`
        : `启用用户“${u.displayName}”（${u.username}）？`,
      content: disabling
        ? '停用后该用户不能登录，已登录的会话立即结束。以后可以重新启用。'
        : '启用后该用户可以重新登录。',
      okText: disabling ? '停用' : '启用',
      cancelText: '取消',
      okButtonProps: { danger: disabling },
      onOk: () =>
        change(
          u,
          { disabled: disabling },
          disabling ? `已停用用户“${u.username}”` : `已启用用户“${u.username}”`,
        ),
    });
  };

  const unlock = (u: UserSummary) => {
    void change(u, { unlock: true }, `已解除用户“${u.username}”的锁定`);
  };

  const columns: ColumnsType<UserSummary> = [
    {
      title: '用户名',
      dataIndex: 'username',
      width: 110,
      ellipsis: true,
      sorter: (a: UserSummary, b: UserSummary) => a.username.localeCompare(b.username),
    },
    { title: '姓名', dataIndex: 'displayName', width: 90, ellipsis: true },
    {
      title: '角色',
      dataIndex: 'role',
      width: 90,
      render: (r: Role) => <Tag color={ROLE_COLOURS[r]}>{ROLE_NAMES[r]}</Tag>,
    },
    {
      title: '所属组织',
      dataIndex: 'organisationId',
      ellipsis: true,
      render: (id: number | null) =>
        id === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          (orgById.get(id)?.name ?? `#${id}`)
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_v: unknown, u: UserSummary) => {
        const tags: ReactNode[] = [];
        if (u.disabled)
          tags.push(
            <Tag key="disabled" color="default">
              已停用
            </Tag>,
          );
        if (u.locked)
          tags.push(
            <Tag key="locked" color="orange">
              已锁定
            </Tag>,
          );
        if (u.mustChangePassword)
          tags.push(
            <Tag key="password" color="gold">
              须改密码
            </Tag>,
          );
        if (tags.length === 0)
          tags.push(
            <Tag key="ok" color="success">
              正常
            </Tag>,
          );
        return (
          <Space size={[0, 4]} wrap>
            {tags}
          </Space>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 230,
      render: (_v: unknown, u: UserSummary) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setUserDialog({ mode: 'edit', user: u })}>
            编辑
          </Button>
          <Button type="link" size="small" danger={!u.disabled} onClick={() => toggleDisabled(u)}>
            {u.disabled ? '启用' : '停用'}
          </Button>
          <Button type="link" size="small" onClick={() => setResetFor(u)}>
            重置密码
          </Button>
          {u.locked && (
            <Button type="link" size="small" onClick={() => unlock(u)}>
              解除锁定
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const onOrgCreated = async (org: Organisation) => {
    const list = await loadOrgs();
    const keys = parentKeys(buildForest(list));
    setExpanded((old) => [...new Set([...old, ...keys.filter((k) => k === String(org.parentId))])]);
    setSearch('');
    setSelected(org.id);
  };

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card
        title={
          <Space>
            <ApartmentOutlined />
            组织
          </Space>
        }
        size="small"
        style={{ width: 320, flex: 'none' }}
        extra={
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setOrgDialog(true)}
            data-testid="new-org"
          >
            新建组织
          </Button>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }} size={8}>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="按名称搜索组织"
            aria-label="按名称搜索组织"
            value={search}
            onChange={(e: ChangeEvent<HTMLInputElement>) => onSearch(e.target.value)}
          />
          <Button
            block
            size="small"
            type={selected === null ? 'primary' : 'default'}
            ghost={selected === null}
            onClick={() => setSelected(null)}
          >
            全部用户（{users.length} 人）
          </Button>
          <div
            data-testid="org-tree"
            style={{ maxHeight: 'calc(100vh - 250px)', minHeight: 120, overflow: 'auto' }}
          >
            {orgsLoading && orgs.length === 0 ? (
              <Spin description="正在加载…">
                <div style={{ height: 80 }} />
              </Spin>
            ) : treeData.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={search.trim() === '' ? '暂无组织' : '没有名称匹配的组织'}
              />
            ) : (
              <Tree
                blockNode
                showLine={{ showLeafIcon: false }}
                treeData={treeData}
                selectedKeys={selected === null ? [] : [String(selected)]}
                expandedKeys={expanded}
                onExpand={(keys: Key[]) => setExpanded(keys)}
                onSelect={(keys: Key[]) => {
                  const key = keys[0];
                  setSelected(key === undefined ? null : Number(key));
                }}
                aria-label="组织树"
              />
            )}
          </div>
        </Space>
      </Card>

      <Card
        style={{ flex: 1, minWidth: 0 }}
        title={
          selectedNode === undefined ? (
            '全部用户'
          ) : (
            <Space size={4}>
              <span>{selectedNode.org.name}</span>
              <Tag color={KIND_COLOURS[selectedNode.org.kind]}>{KIND_LABELS[selectedNode.org.kind]}</Tag>
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                的用户
              </Typography.Text>
            </Space>
          )
        }
        extra={
          <Space wrap>
            {hasChildren && (
              <Checkbox checked={includeChildren} onChange={(e) => setIncludeChildren(e.target.checked)}>
                含下属组织
              </Checkbox>
            )}
            <Input
              allowClear
              size="middle"
              prefix={<SearchOutlined />}
              placeholder="用户名或姓名"
              aria-label="按用户名或姓名搜索用户"
              style={{ width: 160 }}
              value={userSearch}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setUserSearch(e.target.value)}
            />
            <Button icon={<ReloadOutlined />} onClick={() => void loadUsers()}>
              刷新
            </Button>
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setUserDialog({ mode: 'new' })}
              data-testid="new-user"
            >
              新建用户
            </Button>
          </Space>
        }
      >
        <div data-testid="user-table">
          <Table<UserSummary>
            rowKey="id"
            size="middle"
            loading={usersLoading}
            columns={columns}
            dataSource={rows}
            scroll={{ x: 740 }}
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n: number) => `共 ${n} 人` }}
            onRow={(u: UserSummary) => ({
              tabIndex: 0,
              'aria-label': `用户 ${u.username}（${u.displayName}），按回车编辑`,
              onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
                if (e.key === 'Enter' && e.target === e.currentTarget)
                  setUserDialog({ mode: 'edit', user: u });
              },
            })}
            locale={{ emptyText: selectedNode === undefined ? '暂无用户' : '该组织暂无用户' }}
          />
        </div>
      </Card>

      <OrgDialog
        open={orgDialog}
        orgs={orgs}
        selected={selectedNode?.org}
        onClose={() => setOrgDialog(false)}
        onCreated={(org: Organisation) => {
          setOrgDialog(false);
          void onOrgCreated(org);
        }}
      />
      <UserDialog
        state={userDialog}
        orgs={orgs}
        selected={selectedNode?.org}
        onClose={() => setUserDialog(null)}
        onSaved={() => {
          setUserDialog(null);
          void loadUsers();
        }}
      />
      <PasswordDialog
        user={resetFor}
        onClose={() => setResetFor(null)}
        onSaved={() => {
          setResetFor(null);
          void loadUsers();
        }}
      />
    </div>
  );
}

// ——— 新建组织 ———

interface OrgValues {
  kind: OrgKind;
  name: string;
  region: string;
  parentId?: number;
}

const ORG_FIELDS = ['kind', 'name', 'region', 'parentId'] as const;

function OrgDialog({
  open,
  orgs,
  selected,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgs: Organisation[];
  selected: Organisation | undefined;
  onClose: () => void;
  onCreated: (org: Organisation) => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OrgValues>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const isUnit = kind === 'unit';
  const parents = orgs.filter((o) => (isUnit ? o.kind === 'department' : o.kind !== 'unit'));

  // a department selected in the tree: a new unit beneath it; otherwise a new department
  const initial: Partial<OrgValues> =
    selected?.kind === 'department'
      ? { kind: 'unit', parentId: selected.id, region: selected.region }
      : { kind: 'department', region: selected?.region ?? '' };

  const submit = async (v: OrgValues) => {
    setBusy(true);
    try {
      const org = await api.addOrganisation({
        kind: v.kind,
        name: v.name.trim(),
        region: v.region.trim(),
        parentId: v.parentId ?? null,
      });
      message.success(`已新建组织“${org.name}”`);
      onCreated(org);
    } catch (e) {
      const errors = e instanceof ApiError ? fieldErrors(e, ORG_FIELDS) : [];
      if (errors.length > 0) form.setFields(errors);
      else if (e instanceof ApiError && e.status === 409)
        form.setFields([{ name: 'name', errors: [e.message] }]);
      else message.error(errorText(e, '新建组织失败'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalForm<OrgValues>
      title="新建组织"
      open={open}
      okText="新建"
      busy={busy}
      form={form}
      initialValues={initial}
      onClose={onClose}
      onFinish={submit}
      onValuesChange={(changed: Partial<OrgValues>) => {
        if (changed.kind !== undefined) {
          const parentId = form.getFieldValue('parentId') as number | undefined;
          const parent = parentId === undefined ? undefined : orgs.find((o) => o.id === parentId);
          const fits = changed.kind === 'unit' ? parent?.kind === 'department' : parent?.kind !== 'unit';
          if (!fits) form.setFieldValue('parentId', undefined);
        }
        if (
          changed.parentId !== undefined &&
          ((form.getFieldValue('region') as string | undefined) ?? '') === ''
        ) {
          const parent = orgs.find((o) => o.id === changed.parentId);
          if (parent !== undefined) form.setFieldValue('region', parent.region);
        }
      }}
    >
      <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择组织类型' }]}>
        <Select options={KIND_OPTIONS} />
      </Form.Item>
      <Form.Item
        label="名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请输入组织名称' },
          { max: 200, message: '名称不超过 200 个字符' },
        ]}
      >
        <Input autoFocus placeholder="例如：南昌市教育局" />
      </Form.Item>
      <Form.Item
        label="行政区划"
        name="region"
        rules={[{ required: true, whitespace: true, message: '请输入行政区划' }]}
      >
        <Input placeholder="例如：江西省南昌市" />
      </Form.Item>
      <Form.Item
        label={isUnit ? '主管部门' : '上级组织'}
        name="parentId"
        extra={isUnit ? '预算单位须隶属于一个主管部门。' : '财政部门、主管部门通常无上级，可不选。'}
        rules={[{ required: isUnit, message: '请选择主管部门' }]}
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={isUnit ? '选择主管部门' : '（无）'}
          options={parents.map((o) => ({ value: o.id, label: o.name }))}
          notFoundContent={isUnit ? '还没有主管部门，请先新建主管部门' : '无'}
        />
      </Form.Item>
    </ModalForm>
  );
}

// ——— 新建用户 / 编辑用户 ———

interface UserValues {
  username: string;
  displayName: string;
  role: Role;
  organisationId?: number;
  password: string;
}

const USER_FIELDS = ['username', 'displayName', 'role', 'organisationId', 'password'] as const;

const passwordRule = {
  validator: (_r: unknown, value: unknown): Promise<void> =>
    typeof value !== 'string' || value === '' || Array.from(value).length >= PASSWORD_MIN_LENGTH
      ? Promise.resolve()
      : Promise.reject(new Error(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`)),
};

function organisationOptions(orgs: Organisation[]) {
  return orgs.map((o) => ({ value: o.id, label: `${o.name}（${KIND_LABELS[o.kind]}）` }));
}

function UserDialog({
  state,
  orgs,
  selected,
  onClose,
  onSaved,
}: {
  state: UserDialogState;
  orgs: Organisation[];
  selected: Organisation | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<UserValues>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);
  const organisationId = Form.useWatch('organisationId', form);
  const editing = state?.mode === 'edit' ? state.user : undefined;
  const orgRequired = role !== 'admin';

  const initial: Partial<UserValues> =
    editing !== undefined
      ? {
          username: editing.username,
          displayName: editing.displayName,
          role: editing.role,
          ...(editing.organisationId === null ? {} : { organisationId: editing.organisationId }),
        }
      : selected !== undefined
        ? { organisationId: selected.id, role: ROLE_OF_KIND[selected.kind] }
        : {};

  const submit = async (v: UserValues) => {
    setBusy(true);
    try {
      const orgId = v.organisationId ?? null;
      if (editing === undefined) {
        const u = await api.addUser({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          organisationId: orgId,
          password: v.password,
        });
        message.success(`已新建用户“${u.username}”，首次登录时须修改密码`);
      } else {
        const body: Record<string, unknown> = {};
        if (v.displayName.trim() !== editing.displayName) body['displayName'] = v.displayName.trim();
        if (v.role !== editing.role) body['role'] = v.role;
        if (orgId !== editing.organisationId) body['organisationId'] = orgId;
        if (Object.keys(body).length === 0) {
          message.info('没有修改');
          onClose();
          return;
        }
        await api.updateUser(editing.id, body);
        message.success(`已保存用户“${editing.username}”`);
      }
      onSaved();
    } catch (e) {
      const errors = e instanceof ApiError ? fieldErrors(e, USER_FIELDS) : [];
      if (errors.length > 0) form.setFields(errors);
      else if (e instanceof ApiError && e.status === 409 && editing === undefined)
        form.setFields([{ name: 'username', errors: [e.message] }]);
      else message.error(errorText(e, editing === undefined ? '新建用户失败' : '保存失败'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalForm<UserValues>
      title={editing === undefined ? '新建用户' : `编辑用户 · ${editing.username}`}
      open={state !== null}
      okText={editing === undefined ? '新建' : '保存'}
      busy={busy}
      form={form}
      initialValues={initial}
      onClose={onClose}
      onFinish={submit}
    >
      {editing === undefined && (
        <Form.Item
          label="用户名"
          name="username"
          extra="3–64 个字母、数字或 _ . -，用于登录，创建后不能修改。"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: USERNAME, message: '用户名应为 3–64 个字母、数字或 _ . -' },
          ]}
        >
          <Input autoFocus autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item
        label="姓名"
        name="displayName"
        rules={[
          { required: true, whitespace: true, message: '请输入姓名' },
          { max: 200, message: '姓名不超过 200 个字符' },
        ]}
      >
        <Input autoFocus={editing !== undefined} autoComplete="off" />
      </Form.Item>
      <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={ROLE_OPTIONS} placeholder="选择角色" />
      </Form.Item>
      <Form.Item
        label="所属组织"
        name="organisationId"
        extra={orgRequired ? undefined : '管理员可以不属于任何组织。'}
        rules={[{ required: orgRequired, message: '除管理员外，用户必须属于一个组织' }]}
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择组织"
          options={organisationOptions(orgs)}
        />
      </Form.Item>
      {editing === undefined && (
        <Form.Item
          label="初始密码"
          name="password"
          extra={`${PASSWORD_RULES}用户首次登录时须修改此密码。`}
          rules={[{ required: true, message: '请输入初始密码' }, passwordRule]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      {editing !== undefined &&
        role !== undefined &&
        (editing.role !== role || editing.organisationId !== (organisationId ?? null)) && (
          <Alert type="info" showIcon title="修改角色或所属组织后，该用户须重新登录。" />
        )}
    </ModalForm>
  );
}

// ——— 重置密码 ———

function PasswordDialog({
  user,
  onClose,
  onSaved,
}: {
  user: UserSummary | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: { password: string }) => {
    if (user === null) return;
    setBusy(true);
    try {
      await api.updateUser(user.id, { password: v.password });
      message.success(`已重置用户“${user.username}”的密码，该用户下次登录时须修改密码`);
      onSaved();
    } catch (e) {
      const errors = e instanceof ApiError ? fieldErrors(e, ['password'] as const) : [];
      if (errors.length > 0) form.setFields(errors);
      else message.error(errorText(e, '重置密码失败'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ModalForm<{ password: string }>
      title={user === null ? '重置密码' : `重置密码 · ${user.displayName}（${user.username}）`}
      open={user !== null}
      okText="重置密码"
      busy={busy}
      form={form}
      onClose={onClose}
      onFinish={submit}
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="用户下次登录时必须修改此密码；其已登录的会话立即结束，锁定一并解除。"
          description={`密码要求：${PASSWORD_RULES}`}
        />
      }
    >
      <Form.Item
        label="新密码"
        name="password"
        rules={[{ required: true, message: '请输入新密码' }, passwordRule]}
      >
        <Input.Password autoFocus autoComplete="new-password" />
      </Form.Item>
    </ModalForm>
  );
}
