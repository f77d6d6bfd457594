import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Form,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  ApiError,
  type EvaluationSummary,
  KIND_NAMES,
  type Organisation,
  STATUS_NAMES,
  type Status,
  type TemplateSummary,
  type User,
  api,
  fixed2,
  formErrors,
} from '../api.ts';
import { navigate } from '../router.ts';

export const STATUS_COLOURS: Record<Status, string> = {
  draft: 'default',
  submitted: 'processing',
  reviewing: 'blue',
  returned: 'error',
  approved: 'cyan',
  finalised: 'success',
  archived: 'purple',
};

export const GRADE_COLOURS: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };

interface Filter {
  year?: number;
  organisation?: number;
  kind?: string;
  status?: string;
}

export function EvaluationsPage({ user }: { user: User }) {
  const { message } = AntApp.useApp();
  const [rows, setRows] = useState<EvaluationSummary[]>([]);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [filter, setFilter] = useState<Filter>({});
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRows(await api.evaluations(filter));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '加载失败');
    } finally {
      setLoading(false);
    }
  }, [filter, message]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void api.templates().then(setTemplates);
  }, []);
  const units = useUnits(true);

  const years = useMemo(() => {
    const now = new Date().getFullYear();
    return Array.from({ length: 8 }, (_v, i) => now - i);
  }, []);

  const columns: ColumnsType<EvaluationSummary> = [
    {
      title: '评价名称',
      dataIndex: 'title',
      render: (title: string, r) => (
        <Typography.Link href={`#/evaluations/${String(r.id)}`} data-testid="evaluation-link">
          {title}
        </Typography.Link>
      ),
    },
    { title: '单位', dataIndex: 'organisationName', width: 180, ellipsis: true },
    { title: '年度', dataIndex: 'fiscalYear', width: 72, sorter: (a, b) => a.fiscalYear - b.fiscalYear },
    { title: '类型', dataIndex: 'kind', width: 110, render: (k: string) => KIND_NAMES[k] ?? k },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: Status) => <Tag color={STATUS_COLOURS[s]}>{STATUS_NAMES[s]}</Tag>,
    },
    {
      title: '得分',
      dataIndex: 'total',
      width: 80,
      align: 'right',
      sorter: (a, b) => Number(a.total ?? -1) - Number(b.total ?? -1),
      render: (t: string | null) => fixed2(t),
    },
    {
      title: '等级',
      dataIndex: 'grade',
      width: 70,
      render: (g: string | null) => (g === null ? '—' : <Tag color={GRADE_COLOURS[g] ?? 'default'}>{g}</Tag>),
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 150,
      render: (t: string) => new Date(t).toLocaleString('zh-CN'),
    },
  ];

  return (
    <Card
      title="评价管理"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          {user.role !== 'evaluator' && user.role !== 'department' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              从模板新建
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="年度"
          style={{ width: 110 }}
          value={filter.year}
          options={years.map((y) => ({ value: y, label: `${String(y)} 年` }))}
          onChange={(year?: number) => setFilter((f) => ({ ...f, year }))}
          aria-label="按年度筛选"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="单位"
          style={{ width: 220 }}
          value={filter.organisation}
          options={units.map((o) => ({ value: o.id, label: o.name }))}
          onChange={(organisation?: number) => setFilter((f) => ({ ...f, organisation }))}
          aria-label="按单位筛选"
        />
        <Select
          allowClear
          placeholder="类型"
          style={{ width: 140 }}
          value={filter.kind}
          options={Object.entries(KIND_NAMES).map(([value, label]) => ({ value, label }))}
          onChange={(kind?: string) => setFilter((f) => ({ ...f, kind }))}
          aria-label="按类型筛选"
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 110 }}
          value={filter.status}
          options={Object.entries(STATUS_NAMES).map(([value, label]) => ({ value, label }))}
          onChange={(status?: string) => setFilter((f) => ({ ...f, status }))}
          aria-label="按状态筛选"
        />
      </Space>
      <Table<EvaluationSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${String(n)} 份` }}
        onRow={(r) => ({
          onDoubleClick: () => navigate(`/evaluations/${String(r.id)}`),
          onKeyDown: (e) => {
            if (e.key === 'Enter') navigate(`/evaluations/${String(r.id)}`);
          },
          tabIndex: 0,
        })}
        locale={{ emptyText: '暂无评价' }}
      />
      <CreateDialog open={creating} units={units} templates={templates} onClose={() => setCreating(false)} />
    </Card>
  );
}

/**
 * The organisations an evaluation can be for (units and departments), loaded once `enabled`; none
 * before, or when they cannot be loaded.
 */
export function useUnits(enabled: boolean): Organisation[] {
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  useEffect(() => {
    if (!enabled) return;
    api
      .organisations()
      .then(setOrgs)
      .catch(() => undefined);
  }, [enabled]);
  return useMemo(() => orgs.filter((o) => o.kind === 'unit' || o.kind === 'department'), [orgs]);
}

/** The unit an evaluation is for, chosen by name. */
export function UnitField({ units }: { units: readonly Organisation[] }) {
  return (
    <Form.Item label="单位" name="organisationId" rules={[{ required: true, message: '请选择单位' }]}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="选择被评价的单位"
        options={units.map((o) => ({ value: o.id, label: o.name }))}
        notFoundContent="没有可选的单位"
      />
    </Form.Item>
  );
}

/**
 * 新建评价: a unit, a template and a year. From the templates page the template is chosen already
 * (`template`); from the list it is picked here among `templates`.
 */
export function CreateDialog({
  open,
  units,
  templates = [],
  template,
  defaultOrganisation,
  onClose,
}: {
  open: boolean;
  units: Organisation[];
  templates?: TemplateSummary[];
  template?: TemplateSummary;
  defaultOrganisation?: number | null;
  onClose: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ organisationId: number; templateId: string; fiscalYear: number }>();
  const [busy, setBusy] = useState(false);
  const fields = ['organisationId', 'templateId', 'fiscalYear'] as const;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const ev = await api.createFromTemplate(v.organisationId, template?.id ?? v.templateId, v.fiscalYear);
      message.success('已新建评价');
      onClose();
      navigate(`/evaluations/${String(ev.id)}`);
    } catch (e) {
      const known = formErrors(e, fields);
      if (known.length > 0) form.setFields(known);
      else message.error(e instanceof ApiError ? e.message : '新建失败');
    } finally {
      setBusy(false);
    }
  };
  const initialOrg = units.some((u) => u.id === defaultOrganisation) ? defaultOrganisation : undefined;
  return (
    <Modal
      title={template ? '用此模板新建评价' : '从模板新建评价'}
      open={open}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="新建"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
    >
      {template && (
        <Typography.Paragraph type="secondary">
          模板：{template.name}（{KIND_NAMES[template.kind] ?? template.kind}）
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          fiscalYear: new Date().getFullYear() - 1,
          ...(initialOrg === undefined || initialOrg === null ? {} : { organisationId: initialOrg }),
        }}
      >
        <UnitField units={units} />
        {!template && (
          <Form.Item
            label="指标体系模板"
            name="templateId"
            rules={[{ required: true, message: '请选择模板' }]}
          >
            <Select
              placeholder="选择模板"
              options={templates.map((t) => ({
                value: t.id,
                label: `${t.name}（${KIND_NAMES[t.kind] ?? t.kind}）`,
              }))}
            />
          </Form.Item>
        )}
        <Form.Item label="评价年度" name="fiscalYear" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
