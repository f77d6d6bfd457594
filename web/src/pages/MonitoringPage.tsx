/**
 * 绩效监控: the 绩效目标申报表 of an evaluation (年度总体目标, indicator targets, funds) and its
 * 双监控 checkpoints (执行数, per indicator the value to date, the expected year-end value, 偏差原因,
 * 完成可能性, 纠偏措施), with the deviations the service flags highlighted, the 绩效监控情况表 as
 * Excel or Word, and the year-end evaluation pre-filled from the last checkpoint.
 */
import {
  DownloadOutlined,
  ImportOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type EvaluationSummary, api, errorText } from '../api.ts';
import {
  type Checkpoint,
  DEVIATION_CAUSES,
  type DeviationsJson,
  LIKELIHOODS,
  type Monitoring,
  TARGET_LEVEL1,
  type TargetSheet,
  monitoringApi,
  periodLabel,
} from '../api/monitoring.ts';
import { match, navigate } from '../router.ts';

const MONTH_OPTIONS = Array.from({ length: 12 }, (_, i) => ({
  value: i + 1,
  label: `${periodLabel(i + 1)}${(i + 1) % 3 === 0 ? `（第${'一二三四'[(i + 1) / 3 - 1] ?? ''}季度末）` : ''}`,
}));

type CheckpointForm = Omit<Checkpoint, 'months'> & { months: number };

function useMessageOnError() {
  const { message } = AntApp.useApp();
  return (e: unknown) => {
    void message.error(errorText(e, '操作失败'));
  };
}

function emptySheet(m: Monitoring): TargetSheet {
  return {
    scope: m.evaluation.kind === 'project' ? 'project' : 'department',
    name: m.evaluation.title,
    amountUnit: '万元',
    budget: { total: '', fiscal: '', other: '' },
    overallGoal: '',
    indicators: [{ level1: '产出指标', level2: '数量指标', name: '', target: '' }],
  };
}

function TargetsCard({ m, onSaved }: { m: Monitoring; onSaved: () => void }) {
  const [form] = Form.useForm<TargetSheet>();
  const { message } = AntApp.useApp();
  const fail = useMessageOnError();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    form.setFieldsValue(m.targets?.sheet ?? emptySheet(m));
  }, [form, m]);
  const save = async (values: TargetSheet) => {
    setSaving(true);
    try {
      await monitoringApi.saveTargets(m.evaluation.id, values, m.targets?.version);
      void message.success('绩效目标申报表已保存');
      onSaved();
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };
  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
  const amount = (label: string) => [
    ...required(label),
    { pattern: /^\s*\d[\d,]*(\.\d+)?\s*$/, message: `${label}应为不小于 0 的数字` },
  ];
  return (
    <Card title="绩效目标申报表" size="small" data-testid="targets-card">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Space wrap align="start">
          <Form.Item name="scope" label="申报类型" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'project', label: '项目' },
                { value: 'department', label: '部门整体' },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label="项目/部门名称" rules={required('名称')}>
            <Input style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="amountUnit" label="金额单位" rules={[{ required: true }]}>
            <Radio.Group options={['元', '万元']} />
          </Form.Item>
          <Form.Item name={['budget', 'total']} label="资金总额" rules={amount('资金总额')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={['budget', 'fiscal']} label="其中：财政拨款" rules={amount('财政拨款')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={['budget', 'other']} label="其他资金" rules={amount('其他资金')}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name="executionMargin"
            label="执行进度容差（百分点）"
            tooltip="执行率低于序时进度超过此值即提示，默认 10"
          >
            <Input style={{ width: 120 }} placeholder="10" />
          </Form.Item>
        </Space>
        <Form.Item name="overallGoal" label="年度总体目标" rules={required('年度总体目标')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Typography.Text strong>绩效指标</Typography.Text>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'level1']} rules={required('一级指标')}>
                    <Select
                      aria-label="一级指标"
                      style={{ width: 130 }}
                      options={TARGET_LEVEL1.map((l) => ({ value: l, label: l }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'level2']} rules={required('二级指标')}>
                    <Input
                      aria-label="二级指标"
                      placeholder="二级指标（如 数量指标）"
                      style={{ width: 170 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={required('三级指标')}>
                    <Input aria-label="三级指标" placeholder="三级指标" style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'target']} rules={required('指标值')}>
                    <Input aria-label="指标值" placeholder="指标值（如 ≥2000人次）" style={{ width: 180 }} />
                  </Form.Item>
                  <Button
                    aria-label="删除指标"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Form.Item>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ level1: '产出指标', level2: '', name: '', target: '' })}
                >
                  添加指标
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
          保存申报表
        </Button>
        {m.targets && (
          <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
            第 {m.targets.version} 版
          </Typography.Text>
        )}
      </Form>
    </Card>
  );
}

function checkpointValues(
  sheet: TargetSheet,
  months: number,
  existing: Checkpoint | undefined,
): CheckpointForm {
  const byName = new Map(existing?.indicators.map((p) => [p.name, p]));
  return {
    months,
    executed: existing?.executed ?? { total: '' },
    goalProgress: existing?.goalProgress ?? '',
    indicators: sheet.indicators.map(
      (i) => byName.get(i.name) ?? { name: i.name, toDate: '', expected: '', likelihood: '确定能' },
    ),
  };
}

function DeviationsView({ d }: { d: DeviationsJson }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="deviations">
      <Alert
        type={d.execution.behind ? 'error' : 'success'}
        showIcon
        title={`${periodLabel(d.months)}预算执行进度`}
        description={d.execution.text}
        data-testid="execution-deviation"
      />
      <Table
        size="small"
        pagination={false}
        rowKey="name"
        dataSource={d.indicators}
        rowClassName={(r) => (r.offTrack ? 'monitoring-off-track' : '')}
        onRow={(r) => ({ style: r.offTrack ? { background: '#fff1f0' } : {} })}
        columns={[
          { title: '三级指标', dataIndex: 'name' },
          { title: '指标值', dataIndex: 'target' },
          {
            title: '偏差提示',
            key: 'issues',
            render: (_: unknown, r: DeviationsJson['indicators'][number]) =>
              r.offTrack ? (
                <Space wrap data-testid="indicator-off-track">
                  {r.issues.map((i) => (
                    <Tag color="red" key={i.code}>
                      {i.text}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
        ]}
      />
    </Space>
  );
}

function CheckpointCard({ m, onSaved }: { m: Monitoring; onSaved: () => void }) {
  const sheet = m.targets?.sheet;
  const [form] = Form.useForm<CheckpointForm>();
  const { message } = AntApp.useApp();
  const fail = useMessageOnError();
  const last = m.checkpoints.at(-1)?.months ?? 7;
  const [months, setMonths] = useState(last);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (sheet)
      form.setFieldsValue(
        checkpointValues(
          sheet,
          months,
          m.checkpoints.find((c) => c.months === months),
        ),
      );
  }, [form, sheet, months, m.checkpoints]);
  if (!sheet) return <Alert type="info" title="请先保存绩效目标申报表，再填报监控情况" />;
  const at = m.checkpoints.findIndex((c) => c.months === months);
  const deviations = at >= 0 ? m.deviations[at] : undefined;
  const save = async (values: CheckpointForm) => {
    setSaving(true);
    try {
      const body = {
        executed: values.executed,
        goalProgress: values.goalProgress,
        indicators: values.indicators,
      };
      await monitoringApi.saveCheckpoint(m.evaluation.id, body, months);
      void message.success(`${periodLabel(months)}监控情况已保存`);
      onSaved();
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };
  const amount = { pattern: /^\s*\d[\d,]*(\.\d+)?\s*$/, message: '应为不小于 0 的数字' };
  /** A text field of an indicator's row, named by its column and the indicator. */
  const textColumn = (
    k: 'toDate' | 'expected' | 'causeNote' | 'measures',
    title: string,
    required = false,
  ) => ({
    title,
    key: k,
    render: (_: unknown, f: { name: number }) => (
      <Form.Item
        name={[f.name, k]}
        noStyle
        rules={required ? [{ required: true, message: `请填写${title}` }] : []}
      >
        <Input aria-label={`${title}-${sheet.indicators[f.name]?.name ?? ''}`} />
      </Form.Item>
    ),
  });
  return (
    <Card title="监控情况" size="small" data-testid="checkpoint-card">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Space wrap align="start">
          <Form.Item label="监控期间">
            <Select
              aria-label="监控期间"
              style={{ width: 200 }}
              value={months}
              onChange={setMonths}
              options={MONTH_OPTIONS}
            />
          </Form.Item>
          <Form.Item
            name={['executed', 'total']}
            label={`执行数合计（${sheet.amountUnit}）`}
            rules={[{ required: true, message: '请填写执行数' }, amount]}
          >
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={['executed', 'fiscal']} label="其中：财政拨款" rules={[amount]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name={['executed', 'other']} label="其他资金" rules={[amount]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="goalProgress" label="总体目标完成情况">
          <Input.TextArea rows={1} />
        </Form.Item>
        <Form.List name="indicators">
          {(fields) => (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              scroll={{ x: 1100 }}
              columns={[
                {
                  title: '三级指标',
                  key: 'name',
                  width: 150,
                  render: (_: unknown, f) => (
                    <>
                      {sheet.indicators[f.name]?.name}
                      <Typography.Text type="secondary"> {sheet.indicators[f.name]?.target}</Typography.Text>
                    </>
                  ),
                },
                textColumn('toDate', `${periodLabel(months)}执行情况`, true),
                textColumn('expected', '全年预计完成值', true),
                {
                  title: '完成可能性',
                  key: 'likelihood',
                  width: 120,
                  render: (_: unknown, f) => (
                    <Form.Item name={[f.name, 'likelihood']} noStyle>
                      <Select
                        aria-label={`完成可能性-${sheet.indicators[f.name]?.name ?? ''}`}
                        options={LIKELIHOODS.map((l) => ({ value: l, label: l }))}
                        style={{ width: 110 }}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: '偏差原因',
                  key: 'cause',
                  width: 140,
                  render: (_: unknown, f) => (
                    <Form.Item name={[f.name, 'cause']} noStyle>
                      <Select
                        aria-label={`偏差原因-${sheet.indicators[f.name]?.name ?? ''}`}
                        allowClear
                        options={DEVIATION_CAUSES.map((c) => ({ value: c, label: c }))}
                        style={{ width: 130 }}
                      />
                    </Form.Item>
                  ),
                },
                textColumn('causeNote', '原因说明'),
                textColumn('measures', '纠偏措施'),
                {
                  key: 'hidden',
                  width: 0,
                  render: (_: unknown, f) => (
                    <Form.Item name={[f.name, 'name']} hidden>
                      <Input />
                    </Form.Item>
                  ),
                },
              ]}
            />
          )}
        </Form.List>
        <Space style={{ marginTop: 12 }} wrap>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
            保存监控情况
          </Button>
          {at >= 0 && (
            <>
              <Button
                icon={<DownloadOutlined />}
                href={monitoringApi.exportUrl(m.evaluation.id, 'xlsx', months)}
                data-testid="export-xlsx"
              >
                导出 Excel
              </Button>
              <Button
                icon={<DownloadOutlined />}
                href={monitoringApi.exportUrl(m.evaluation.id, 'docx', months)}
                data-testid="export-docx"
              >
                导出 Word
              </Button>
            </>
          )}
        </Space>
      </Form>
      {deviations && (
        <div style={{ marginTop: 16 }}>
          <DeviationsView d={deviations} />
        </div>
      )}
    </Card>
  );
}

function Prefill({ m, onDone }: { m: Monitoring; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const fail = useMessageOnError();
  const [busy, setBusy] = useState(false);
  if (m.checkpoints.length === 0) return null;
  const run = async () => {
    setBusy(true);
    try {
      const r = await monitoringApi.prefill(m.evaluation.id, m.evaluation.version);
      void message.success(
        `已按${periodLabel(r.months)}监控情况预填年终评价：写入 ${String(r.filled.length)} 个指标` +
          (r.unmatched.length > 0 ? `；未匹配：${r.unmatched.join('、')}` : ''),
      );
      onDone();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<ImportOutlined />} loading={busy} onClick={() => void run()} data-testid="prefill">
      以最近一期预填年终评价
    </Button>
  );
}

export function MonitoringPage({ path }: { path: string }) {
  const id = Number(match('/monitoring/:id', path)?.['id'] ?? NaN);
  const fail = useMessageOnError();
  const [list, setList] = useState<EvaluationSummary[]>([]);
  const [m, setM] = useState<Monitoring | undefined>();
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    api.evaluations().then(setList, fail);
  }, []);
  const load = useCallback(() => {
    if (!Number.isInteger(id)) return;
    setLoading(true);
    monitoringApi
      .get(id)
      .then(setM, (e: unknown) => {
        setM(undefined);
        fail(e);
      })
      .finally(() => setLoading(false));
  }, [id]);
  useEffect(load, [load]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4}>绩效监控</Typography.Title>
      <Space wrap>
        <Select
          aria-label="选择评价"
          style={{ width: 460 }}
          placeholder="选择评价（项目或部门）"
          value={Number.isInteger(id) ? id : undefined}
          showSearch={{ optionFilterProp: 'label' }}
          options={list.map((e) => ({ value: e.id, label: e.title }))}
          onChange={(v: number) => navigate(`/monitoring/${String(v)}`)}
        />
        {m && <Prefill m={m} onDone={load} />}
      </Space>
      {!Number.isInteger(id) && <Empty description="请选择一个评价，填写绩效目标并按期填报监控情况" />}
      {loading && !m && <Spin description="加载中" />}
      {m && m.evaluation.id === id && (
        <>
          <TargetsCard m={m} onSaved={load} />
          <CheckpointCard m={m} onSaved={load} />
        </>
      )}
    </Space>
  );
}
