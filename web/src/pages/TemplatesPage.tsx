/**
 * 指标模板: the indicator-system templates (built in, and those a finance bureau saved from an
 * evaluation). A template is shown as its read-only indicator tree with the weight sums per level;
 * from it one downloads the Excel import template, starts a new evaluation, or (custom ones) deletes
 * it. Finance and admin save an evaluation's indicator system as a new template.
 */
import {
  DeleteOutlined,
  DownloadOutlined,
  PlusOutlined,
  ReloadOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ApiError,
  type EvaluationInput,
  type EvaluationSummary,
  KIND_NAMES,
  type TemplateSummary,
  type User,
  api,
  fieldOf,
  formErrors,
  str,
} from '../api.ts';
import { CreateDialog, useUnits } from './EvaluationsPage.tsx';
import { actionColumn, isStringKey, selectableRows } from '../table.tsx';
import { METHOD_NAMES } from './editor/MethodForm.tsx';

interface Node {
  code?: string;
  name?: string;
  weight?: unknown;
  target?: unknown;
  method?: { type: string } & Record<string, unknown>;
  children?: Node[];
}

interface TreeRow {
  key: string;
  node: Node;
  level: number;
  children?: TreeRow[];
}

interface Detail {
  template: TemplateSummary;
  document: EvaluationInput;
}

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

/** 指标值 as text: a string as is; {text} → text; {op, value, unit} → "≥2000人". */
function targetText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (typeof v !== 'object') return '';
  const o = v as Record<string, unknown>;
  if (typeof o['text'] === 'string') return o['text'];
  if (o['value'] !== undefined) {
    const op = str(o['op']);
    const unit = str(o['unit']);
    if (op === 'range') return `${str(o['value'])}${unit}-${str(o['max'])}${unit}`;
    return `${OPS[op] ?? op}${str(o['value'])}${unit}`;
  }
  return '';
}

/** A weight in hundredths (integers, so the sums are exact for two decimals). */
function cents(w: unknown): number {
  const n = Number(str(w).replaceAll(',', ''));
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
}

/** Hundredths as a short number: 10000 → "100", 1250 → "12.5". */
const fromCents = (c: number): string => (c / 100).toFixed(2).replace(/\.?0+$/, '');

/** The weight a node carries: its own, or (a group without one) the sum of its children's. */
function effectiveCents(n: Node): number {
  if (n.weight !== undefined && str(n.weight) !== '') return cents(n.weight);
  return (n.children ?? []).reduce((s, c) => s + effectiveCents(c), 0);
}

function treeRows(nodes: Node[] | undefined, base: string, level: number): TreeRow[] {
  return (nodes ?? []).map((node, i) => {
    const key = `${base}.${String(i)}`;
    const kids =
      node.children && node.children.length > 0
        ? treeRows(node.children, `${key}.children`, level + 1)
        : undefined;
    return { key, node, level, ...(kids ? { children: kids } : {}) };
  });
}

const LEVEL_NAMES = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The sum of the weights of each level's indicators, level 1 first. */
function levelSums(nodes: Node[] | undefined): number[] {
  const sums: number[] = [];
  const walk = (list: Node[] | undefined, level: number) => {
    for (const n of list ?? []) {
      sums[level] = (sums[level] ?? 0) + effectiveCents(n);
      if (n.children && n.children.length > 0) walk(n.children, level + 1);
    }
  };
  walk(nodes, 0);
  return sums;
}

const treeColumns: ColumnsType<TreeRow> = [
  { title: '编号', width: 130, render: (_v, r) => r.node.code ?? '' },
  {
    title: '指标名称',
    width: 220,
    render: (_v, r) => (r.level === 1 ? <b>{r.node.name ?? ''}</b> : (r.node.name ?? '')),
  },
  {
    title: '分值',
    width: 70,
    align: 'right',
    render: (_v, r) => str(r.node.weight) || (r.children ? fromCents(effectiveCents(r.node)) : ''),
  },
  {
    title: '评分方法',
    width: 100,
    render: (_v, r) => {
      const type = r.node.method?.type;
      return type === undefined ? '' : (METHOD_NAMES[type] ?? type);
    },
  },
  { title: '指标值', width: 130, render: (_v, r) => targetText(r.node.target) },
  {
    title: '评分标准',
    render: (_v, r) => {
      const rule = str(r.node.method?.['rule']);
      return rule === '' ? null : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {rule}
        </Typography.Text>
      );
    },
  },
];

export function TemplatesPage({ user }: { user: User }) {
  const { message, modal } = AntApp.useApp();
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [detailLoading, setDetailLoading] = useState(false);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);

  const canManage = user.role === 'admin' || user.role === 'finance';
  const canCreate = user.role !== 'evaluator' && user.role !== 'department';

  const load = useCallback(
    async (select?: string) => {
      setLoading(true);
      try {
        const list = await api.templates();
        setTemplates(list);
        setSelectedId((current) => {
          if (select !== undefined) return select;
          if (current !== null && list.some((t) => t.id === current)) return current;
          return list[0]?.id ?? null;
        });
      } catch (e) {
        message.error(e instanceof ApiError ? e.message : '加载模板失败');
      } finally {
        setLoading(false);
      }
    },
    [message],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const units = useUnits(canCreate);

  // the selected template's indicator system; a late answer for another template is dropped
  const asked = useRef<string | null>(null);
  useEffect(() => {
    asked.current = selectedId;
    setDetailError(null);
    if (selectedId === null) {
      setDetail(null);
      setDetailLoading(false);
      return;
    }
    setDetailLoading(true);
    api
      .template(selectedId)
      .then((d) => {
        if (asked.current === selectedId) setDetail(d);
      })
      .catch((e: unknown) => {
        if (asked.current !== selectedId) return;
        setDetail(null);
        setDetailError(e instanceof ApiError ? e.message : '加载模板失败');
      })
      .finally(() => {
        if (asked.current === selectedId) setDetailLoading(false);
      });
  }, [selectedId]);

  const selected = templates.find((t) => t.id === selectedId) ?? null;
  const shown = detail !== null && detail.template.id === selectedId ? detail : null;

  const remove = (t: TemplateSummary) => {
    modal.confirm({
      title: `删除模板“${t.name}”？`,
      content: '删除后不能恢复；已用此模板新建的评价不受影响。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.deleteTemplate(t.id);
          message.success('已删除模板');
          if (selectedId === t.id) setSelectedId(null);
          await load();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : '删除失败');
        }
      },
    });
  };

  const columns: ColumnsType<TemplateSummary> = [
    {
      title: '名称',
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    { title: '类型', dataIndex: 'kind', width: 120, render: (k: string) => KIND_NAMES[k] ?? k },
    { title: '适用地区', dataIndex: 'locality', width: 120, ellipsis: true },
    { title: '年度', dataIndex: 'year', width: 72, sorter: (a, b) => a.year - b.year },
    { title: '依据', dataIndex: 'source', ellipsis: true },
    {
      title: '来源',
      width: 150,
      render: (_v, t) =>
        t.builtIn ? (
          <Tag color="blue">内置</Tag>
        ) : (
          <Space size={4}>
            <Tag color="green">自定义</Tag>
            {t.createdBy ? <Typography.Text type="secondary">{t.createdBy}</Typography.Text> : null}
          </Space>
        ),
    },
    actionColumn(
      '查看',
      (t) => `查看模板 ${t.name}`,
      (t) => setSelectedId(t.id),
    ),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="指标模板"
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              刷新
            </Button>
            {canManage && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                onClick={() => setSaving(true)}
                data-testid="template-save"
              >
                从评价另存为模板
              </Button>
            )}
          </Space>
        }
      >
        <div data-testid="template-table">
          <Table<TemplateSummary>
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={templates}
            scroll={{ x: 860 }}
            {...selectableRows(selectedId, setSelectedId, (t: TemplateSummary) => t.id, isStringKey)}
            pagination={
              templates.length > 10 ? { pageSize: 10, showTotal: (n) => `共 ${String(n)} 个模板` } : false
            }
            locale={{ emptyText: '暂无模板' }}
          />
        </div>
      </Card>

      <Card
        data-testid="template-detail"
        title={selected === null ? '模板详情' : selected.name}
        extra={
          selected !== null && (
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                href={api.templateWorkbookUrl(selected.id)}
                data-testid="template-workbook"
              >
                下载 Excel 导入模板
              </Button>
              {canCreate && (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setCreating(true)}
                  data-testid="template-new-evaluation"
                >
                  用此模板新建评价
                </Button>
              )}
              {canManage && !selected.builtIn && (
                <Button danger icon={<DeleteOutlined />} onClick={() => remove(selected)}>
                  删除
                </Button>
              )}
            </Space>
          )
        }
      >
        {selected === null ? (
          <Empty description={loading ? '正在加载…' : '请在上方列表中选择一个模板'} />
        ) : (
          <TemplateDetail template={selected} detail={shown} loading={detailLoading} error={detailError} />
        )}
      </Card>

      {selected !== null && (
        <CreateDialog
          open={creating}
          template={selected}
          units={units}
          defaultOrganisation={user.organisationId}
          onClose={() => setCreating(false)}
        />
      )}
      <SaveTemplateDialog
        open={saving}
        onClose={() => setSaving(false)}
        onSaved={(t) => {
          setSaving(false);
          void load(t.id);
        }}
      />
    </Space>
  );
}

function TemplateDetail({
  template,
  detail,
  loading,
  error,
}: {
  template: TemplateSummary;
  detail: Detail | null;
  loading: boolean;
  error: string | null;
}) {
  const indicators = detail?.document.indicators as Node[] | undefined;
  const data = useMemo(() => treeRows(indicators, 'indicators', 1), [indicators]);
  const sums = useMemo(() => levelSums(indicators), [indicators]);
  const grades = detail?.document.rules?.grades ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'kind', label: '类型', children: KIND_NAMES[template.kind] ?? template.kind },
          { key: 'locality', label: '适用地区', children: template.locality || '—' },
          { key: 'year', label: '年度', children: template.year },
          { key: 'version', label: '版本', children: template.version || '—' },
          { key: 'source', label: '依据', children: template.source || '—', span: 2 },
        ]}
      />
      {template.description !== '' && (
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {template.description}
        </Typography.Paragraph>
      )}
      {error !== null && <Alert type="error" showIcon title="无法加载指标体系" description={error} />}
      <Spin spinning={loading} description="正在加载指标体系…">
        {detail !== null && (
          <Space orientation="vertical" size="small" style={{ width: '100%' }}>
            <Space wrap size="large">
              {sums.map((s, i) => (
                <Typography.Text key={String(i)} type="secondary" data-testid="template-level-sum">
                  {LEVEL_NAMES[i] ?? String(i + 1)}级指标分值合计 {fromCents(s)}
                </Typography.Text>
              ))}
              {grades.length > 0 && (
                <Typography.Text type="secondary">
                  等级划分：{grades.map((g) => `${g.grade} ≥ ${str(g.min)}`).join('，')}
                </Typography.Text>
              )}
            </Space>
            <div data-testid="template-tree">
              <Table<TreeRow>
                key={template.id}
                size="small"
                bordered
                pagination={false}
                dataSource={data}
                columns={treeColumns}
                expandable={{ defaultExpandAllRows: true }}
                scroll={{ x: 900 }}
                locale={{ emptyText: '此模板没有指标' }}
              />
            </div>
          </Space>
        )}
      </Spin>
    </Space>
  );
}

interface SaveValues {
  evaluationId: number;
  name: string;
  locality?: string;
  year?: number | null;
  description?: string;
}

function SaveTemplateDialog({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (t: TemplateSummary) => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SaveValues>();
  const [busy, setBusy] = useState(false);
  const [evaluations, setEvaluations] = useState<EvaluationSummary[]>([]);
  const [listLoading, setListLoading] = useState(false);
  const fields = ['evaluationId', 'name', 'locality', 'year', 'description'] as const;

  useEffect(() => {
    if (!open) return;
    let live = true;
    setListLoading(true);
    api
      .evaluations()
      .then((list) => {
        if (live) setEvaluations(list);
      })
      .catch((e: unknown) => {
        if (live) message.error(e instanceof ApiError ? e.message : '加载评价列表失败');
      })
      .finally(() => {
        if (live) setListLoading(false);
      });
    return () => {
      live = false;
    };
  }, [open, message]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const locality = v.locality?.trim() ?? '';
      const description = v.description?.trim() ?? '';
      const saved = await api.saveTemplate({
        evaluationId: v.evaluationId,
        name: v.name.trim(),
        ...(locality === '' ? {} : { locality }),
        ...(v.year === undefined || v.year === null ? {} : { year: v.year }),
        ...(description === '' ? {} : { description }),
      });
      message.success(`已保存模板“${saved.name}”`);
      onSaved(saved);
    } catch (e) {
      const known = formErrors(e, fields);
      if (known.length > 0) form.setFields(known);
      if (e instanceof ApiError) {
        const others = e.issues.filter((i) => fieldOf(i.path, fields) === undefined);
        if (known.length === 0 || others.length > 0)
          message.error(others.length > 0 ? others.map((i) => i.message).join('；') : e.message);
      } else message.error('保存失败');
    } finally {
      setBusy(false);
    }
  };

  /** Picking an evaluation suggests a name and a year (left alone once typed). */
  const pick = (id: number) => {
    const ev = evaluations.find((x) => x.id === id);
    if (ev === undefined) return;
    if (!form.isFieldTouched('name')) form.setFieldValue('name', `${ev.title}指标体系`);
    if (!form.isFieldTouched('year')) form.setFieldValue('year', ev.fiscalYear);
  };

  return (
    <Modal
      title="从评价另存为模板"
      open={open}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">
        保存评价的指标体系（编号、名称、分值、评分方法、指标值），不含完成值和得分。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item label="评价" name="evaluationId" rules={[{ required: true, message: '请选择评价' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择一份评价"
            loading={listLoading}
            options={evaluations.map((ev) => ({ value: ev.id, label: ev.title }))}
            onChange={(id: number) => pick(id)}
            notFoundContent={listLoading ? '正在加载…' : '没有评价'}
          />
        </Form.Item>
        <Form.Item
          label="模板名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请输入模板名称' }]}
        >
          <Input maxLength={100} placeholder="如：某区教育项目支出指标体系" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item label="适用地区" name="locality">
              <Input maxLength={50} placeholder="如：某市某区" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item label="年度" name="year">
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="说明" name="description">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
