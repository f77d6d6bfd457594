/**
 * 结果应用: the rectification items (整改事项) of the evaluations in the user's scope, filtered by
 * year, evaluation and status and edited in place — the department, finance bureau or admin plans
 * them (text, owner, deadline), the unit reports progress; the open items carried over from last
 * year; the budget-consequence rule and the consequence of an evaluation's grade; the Word summary
 * for publication.
 */
import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { type EvaluationSummary, type User, api, errorText, formErrors } from '../api.ts';
import {
  type ConsequenceBand,
  type ConsequenceView,
  type ItemFields,
  RECTIFICATION_STATUS_NAMES,
  type RectificationStatus,
  type RectificationView,
  type RuleView,
  resultsApi,
} from '../api/results.ts';
import { RECTIFICATION_STATUS_COLOURS } from '../labels.ts';

const PLANNERS: readonly User['role'][] = ['admin', 'finance', 'department'];
const RULE_KEEPERS: readonly User['role'][] = ['admin', 'finance'];

const STATUS_OPTIONS = (Object.keys(RECTIFICATION_STATUS_NAMES) as RectificationStatus[]).map((s) => ({
  value: s,
  label: RECTIFICATION_STATUS_NAMES[s],
}));
/** 逾期 is derived, never chosen. */
const STATE_OPTIONS = STATUS_OPTIONS.filter((o) => o.value !== 'overdue');

const ITEM_FIELDS = [
  'text',
  'problem',
  'ownerUnit',
  'ownerPerson',
  'deadline',
  'state',
  'measures',
  'result',
] as const;

function StatusTag({ item }: { item: RectificationView }) {
  return <Tag color={RECTIFICATION_STATUS_COLOURS[item.status]}>{item.statusName}</Tag>;
}

/** Create (no item) or edit one; a unit edits only the progress fields. */
function ItemModal(props: {
  open: boolean;
  item: RectificationView | undefined;
  evaluationId: number | undefined;
  planner: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { open, item, evaluationId, planner, onClose, onSaved } = props;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ItemFields>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) form.setFieldsValue(item ?? { state: 'pending' });
    else form.resetFields();
  }, [open, item, form]);
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      if (item) {
        const change: ItemFields = planner
          ? values
          : { state: values.state, measures: values.measures ?? '', result: values.result ?? '' };
        await resultsApi.update(item.id, change);
      } else if (evaluationId !== undefined) {
        await resultsApi.create(evaluationId, {
          ...values,
          text: values.text ?? '',
          deadline: values.deadline ?? '',
        });
      }
      message.success('已保存');
      onSaved();
    } catch (e) {
      form.setFields(formErrors(e, ITEM_FIELDS));
      message.error(errorText(e, '保存失败'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={item ? '编辑整改事项' : '新建整改事项'}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={saving}
      okText="保存"
      cancelText="取消"
      width={640}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label="整改事项"
          rules={[{ required: true, whitespace: true, message: '请填写整改事项' }]}
        >
          <Input.TextArea autoSize disabled={!planner} />
        </Form.Item>
        <Form.Item name="problem" label="针对的问题">
          <Input.TextArea autoSize disabled={!planner} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="ownerUnit" label="责任单位">
            <Input disabled={!planner} />
          </Form.Item>
          <Form.Item name="ownerPerson" label="责任人">
            <Input disabled={!planner} />
          </Form.Item>
          <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
            <Input type="date" disabled={!planner} />
          </Form.Item>
          {item && (
            <Form.Item name="state" label="状态">
              <Select options={STATE_OPTIONS} style={{ width: 120 }} />
            </Form.Item>
          )}
        </Space>
        {item && (
          <>
            <Form.Item name="measures" label="整改措施">
              <Input.TextArea autoSize />
            </Form.Item>
            <Form.Item name="result" label="整改结果">
              <Input.TextArea autoSize />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** Items from the evaluation's problems and suggestions, all with one owner and deadline. */
function FromProblemsModal(props: {
  evaluationId: number | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { evaluationId, onClose, onSaved } = props;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ deadline: string; ownerUnit?: string; ownerPerson?: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (evaluationId === undefined) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      const r = await resultsApi.fromProblems(evaluationId, values);
      message.success(
        `已生成 ${String(r.created.length)} 项${r.skipped > 0 ? `，跳过已生成的 ${String(r.skipped)} 项` : ''}`,
      );
      form.resetFields();
      onSaved();
    } catch (e) {
      form.setFields(formErrors(e, ['deadline', 'ownerUnit', 'ownerPerson'] as const));
      message.error(errorText(e, '生成失败'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={evaluationId !== undefined}
      title="由存在问题和建议生成整改事项"
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={saving}
      okText="生成"
      cancelText="取消"
    >
      <Form form={form} layout="vertical">
        <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="ownerUnit" label="责任单位">
          <Input />
        </Form.Item>
        <Form.Item name="ownerPerson" label="责任人">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function bandRange(b: ConsequenceBand): string {
  if (b.maxCut === null) return `调减 ${b.minCut}% 以上`;
  if (b.minCut === '0' && b.maxCut === '0') return '不调整';
  return b.minCut === b.maxCut ? `调减 ${b.minCut}%` : `调减 ${b.minCut}% 至 ${b.maxCut}%`;
}

interface BandForm {
  grade: string;
  minCut: number;
  maxCut?: number | null;
  note?: string;
}

/** The budget-consequence rule, editable by finance and admins; and the consequence for one evaluation. */
function RuleCard({ user, evaluationId }: { user: User; evaluationId: number | undefined }) {
  const { message } = AntApp.useApp();
  const [rule, setRule] = useState<RuleView>();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ bands: BandForm[] }>();
  const [budget, setBudget] = useState('');
  const [consequence, setConsequence] = useState<ConsequenceView>();
  const keeper = RULE_KEEPERS.includes(user.role);

  useEffect(() => {
    resultsApi.rule().then(setRule, (e: unknown) => message.error(errorText(e, '加载规则失败')));
  }, [message]);
  useEffect(() => setConsequence(undefined), [evaluationId, rule]);

  const startEdit = () => {
    form.setFieldsValue({
      bands: (rule?.rule.bands ?? []).map((b) => ({
        grade: b.grade,
        minCut: Number(b.minCut),
        maxCut: b.maxCut === null ? null : Number(b.maxCut),
        ...(b.note ? { note: b.note } : {}),
      })),
    });
    setEditing(true);
  };
  const save = async () => {
    const { bands } = await form.validateFields();
    try {
      const saved = await resultsApi.saveRule({
        bands: bands.map((b) => ({
          grade: b.grade,
          minCut: String(b.minCut),
          maxCut: b.maxCut === null || b.maxCut === undefined ? null : String(b.maxCut),
          ...(b.note ? { note: b.note } : {}),
        })),
      });
      setRule(saved);
      setEditing(false);
      message.success('规则已保存');
    } catch (e) {
      message.error(errorText(e, '保存失败'));
    }
  };
  const compute = async () => {
    if (evaluationId === undefined) return;
    try {
      setConsequence(await resultsApi.consequence(evaluationId, budget.trim() || undefined));
    } catch (e) {
      message.error(errorText(e, '计算失败'));
    }
  };

  return (
    <Card
      title="预算挂钩规则"
      size="small"
      extra={
        keeper &&
        !editing && (
          <Button icon={<EditOutlined />} onClick={startEdit}>
            修改规则
          </Button>
        )
      }
    >
      {!editing && rule && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Table
            size="small"
            pagination={false}
            rowKey="grade"
            dataSource={rule.rule.bands}
            columns={[
              { title: '评价等级', dataIndex: 'grade', width: 100 },
              { title: '下一年度预算', render: (_: unknown, b: ConsequenceBand) => bandRange(b) },
              { title: '说明', dataIndex: 'note' },
            ]}
          />
          <Typography.Text type="secondary">
            {rule.isDefault
              ? '内置默认规则'
              : `由 ${rule.updatedBy ?? '—'} 于 ${rule.updatedAt?.slice(0, 10) ?? ''} 修改`}
          </Typography.Text>
        </Space>
      )}
      {editing && (
        <Form form={form} layout="inline">
          <Form.List name="bands">
            {(fields, { add, remove }) => (
              <Space orientation="vertical">
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'grade']} rules={[{ required: true, message: '等级' }]}>
                      <Input placeholder="等级" style={{ width: 80 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'minCut']} rules={[{ required: true, message: '最小调减' }]}>
                      <InputNumber min={0} max={100} prefix="调减" suffix="%" placeholder="最小" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'maxCut']}>
                      <InputNumber min={0} max={100} prefix="至" suffix="%" placeholder="不设上限" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'note']}>
                      <Input placeholder="其他措施" />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label="删除此等级"
                    />
                  </Space>
                ))}
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => add({ minCut: 0, maxCut: 0 })}>
                    添加等级
                  </Button>
                  <Button type="primary" onClick={() => void save()}>
                    保存规则
                  </Button>
                  <Button onClick={() => setEditing(false)}>取消</Button>
                </Space>
              </Space>
            )}
          </Form.List>
        </Form>
      )}
      {evaluationId !== undefined && !editing && (
        <Space wrap style={{ marginTop: 12 }}>
          <Input
            placeholder="本年度预算（元），默认取评价的全年预算数"
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
            style={{ width: 320 }}
          />
          <Button onClick={() => void compute()}>计算所选评价的预算影响</Button>
        </Space>
      )}
      {consequence && (
        <Alert
          style={{ marginTop: 12 }}
          type={consequence.ok ? 'info' : 'warning'}
          title={consequence.ok ? consequence.text : `预算挂钩规则未规定“${consequence.grade}”等级的调整`}
        />
      )}
    </Card>
  );
}

export function ResultsPage({ user }: { user: User }) {
  const { message } = AntApp.useApp();
  const planner = PLANNERS.includes(user.role);
  const [evaluations, setEvaluations] = useState<EvaluationSummary[]>([]);
  const [year, setYear] = useState<number | null>(null);
  const [status, setStatus] = useState<RectificationStatus>();
  const [evaluationId, setEvaluationId] = useState<number>();
  const [items, setItems] = useState<RectificationView[]>([]);
  const [today, setToday] = useState('');
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<{ item?: RectificationView } | undefined>();
  const [generating, setGenerating] = useState(false);
  const [carried, setCarried] = useState<{ fromYear: number; items: RectificationView[] }>();

  useEffect(() => {
    api.evaluations().then(setEvaluations, (e: unknown) => message.error(errorText(e, '加载评价失败')));
  }, [message]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await resultsApi.items({
        ...(year === null ? {} : { year }),
        ...(status ? { status } : {}),
        ...(evaluationId === undefined ? {} : { evaluation: evaluationId }),
      });
      setItems(r.items);
      setToday(r.today);
      setCarried(evaluationId === undefined ? undefined : await resultsApi.carriedOver(evaluationId));
    } catch (e) {
      message.error(errorText(e, '加载整改事项失败'));
    } finally {
      setLoading(false);
    }
  }, [year, status, evaluationId, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (id: number) => {
    try {
      await resultsApi.remove(id);
      message.success('已删除');
      void load();
    } catch (e) {
      message.error(errorText(e, '删除失败'));
    }
  };

  const columns: ColumnsType<RectificationView> = [
    {
      title: '评价',
      key: 'evaluation',
      width: 200,
      render: (_, it) => (
        <span>
          {it.organisationName}
          <br />
          <Typography.Text type="secondary">
            {it.fiscalYear}年度 · {it.evaluationTitle}
          </Typography.Text>
        </span>
      ),
    },
    { title: '整改事项', dataIndex: 'text' },
    { title: '针对问题', dataIndex: 'problem', render: (v: string) => v || '—' },
    {
      title: '责任单位/责任人',
      key: 'owner',
      width: 140,
      render: (_, it) => [it.ownerUnit, it.ownerPerson].filter((s) => s !== '').join(' / ') || '—',
    },
    { title: '整改期限', dataIndex: 'deadline', width: 110 },
    { title: '状态', key: 'status', width: 90, render: (_, it) => <StatusTag item={it} /> },
    {
      title: '整改措施及结果',
      key: 'progress',
      render: (_, it) => [it.measures, it.result].filter((s) => s !== '').join('；') || '—',
    },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_, it) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ item: it })}>
            {planner ? '编辑' : '填报进展'}
          </Button>
          {planner && (
            <Popconfirm
              title="删除这项整改事项？"
              okText="删除"
              cancelText="取消"
              onConfirm={() => void remove(it.id)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除" />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const evaluationOptions = evaluations.map((e) => ({
    value: e.id,
    label: `${String(e.fiscalYear)} ${e.organisationName} · ${e.title}`,
  }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="整改事项"
        extra={today !== '' && <Typography.Text type="secondary">状态截至 {today}</Typography.Text>}
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <InputNumber placeholder="年度" min={2000} max={2100} value={year} onChange={(v) => setYear(v)} />
          <Select
            allowClear
            placeholder="全部状态"
            options={STATUS_OPTIONS}
            value={status}
            onChange={(v: RectificationStatus | undefined) => setStatus(v)}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部评价"
            options={evaluationOptions}
            value={evaluationId}
            onChange={(v: number | undefined) => setEvaluationId(v)}
            style={{ width: 360 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            刷新
          </Button>
          {evaluationId !== undefined && planner && (
            <>
              <Button type="primary" onClick={() => setGenerating(true)}>
                由存在问题生成
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>
                新建事项
              </Button>
            </>
          )}
          {evaluationId !== undefined && (
            <Button icon={<DownloadOutlined />} href={resultsApi.publicationUrl(evaluationId)}>
              下载结果公开稿（Word）
            </Button>
          )}
        </Space>
        {evaluationId === undefined && planner && (
          <Alert
            type="info"
            showIcon
            title="选择一项评价后，可由其存在问题生成整改事项、新建事项或下载结果公开稿。"
          />
        )}
        <Table
          rowKey="id"
          size="small"
          loading={loading}
          columns={columns}
          dataSource={items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '没有整改事项' }}
        />
      </Card>
      {carried && (
        <Card title={`上年度（${String(carried.fromYear)}年度）未完成的整改事项`} size="small">
          {carried.items.length === 0 ? (
            <Typography.Text type="secondary">上年度没有未完成的整改事项。</Typography.Text>
          ) : (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={carried.items}
              columns={columns.filter((c) => c.key !== 'actions' && c.key !== 'evaluation')}
            />
          )}
        </Card>
      )}
      <RuleCard user={user} evaluationId={evaluationId} />
      <ItemModal
        open={editing !== undefined}
        item={editing?.item}
        evaluationId={evaluationId}
        planner={planner}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void load();
        }}
      />
      <FromProblemsModal
        evaluationId={generating ? evaluationId : undefined}
        onClose={() => setGenerating(false)}
        onSaved={() => {
          setGenerating(false);
          void load();
        }}
      />
    </Space>
  );
}
