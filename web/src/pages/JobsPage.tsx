/**
 * 批量任务: finance bureaus and admins queue a rescoring of a whole year (and region) or the
 * generation of all its reports as one .zip, and watch them run. Jobs run on the server; this page
 * polls the active ones every second until they are done or failed.
 */
import { DownloadOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type Job, api } from '../api.ts';

type ReportType = 'project' | 'department' | 'self-table' | 'indicators';
type ReportFormat = 'docx' | 'xlsx' | 'pdf';

const REPORT_TYPES: { value: ReportType; label: string }[] = [
  { value: 'project', label: '项目支出绩效评价报告' },
  { value: 'department', label: '部门整体支出绩效评价报告' },
  { value: 'self-table', label: '绩效自评表' },
  { value: 'indicators', label: '绩效评价指标体系评分表' },
];

const REPORT_TYPE_NAMES: Record<string, string> = Object.fromEntries(
  REPORT_TYPES.map((t) => [t.value, t.label]),
);

/** The formats each report type comes in (as the service's REPORT_FORMATS). */
const REPORT_FORMATS: Record<ReportType, readonly ReportFormat[]> = {
  project: ['docx', 'pdf'],
  department: ['docx', 'pdf'],
  'self-table': ['docx', 'xlsx', 'pdf'],
  indicators: ['docx', 'xlsx', 'pdf'],
};

const FORMAT_NAMES: Record<ReportFormat, string> = { docx: 'Word', xlsx: 'Excel', pdf: 'PDF' };

const KIND_LABELS: Record<Job['kind'], string> = { rescore: '重新评分', reports: '批量生成报告' };

const STATUS_LABELS: Record<Job['status'], string> = {
  queued: '排队中',
  running: '进行中',
  done: '已完成',
  failed: '失败',
};

const STATUS_TAG_COLOURS: Record<Job['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

const FIELDS = ['kind', 'fiscalYear', 'region', 'type', 'format'] as const;
type FieldName = (typeof FIELDS)[number];

interface JobForm {
  kind: Job['kind'];
  fiscalYear: number;
  region?: string;
  type: ReportType;
  format: ReportFormat;
}

const isActive = (j: Job): boolean => j.status === 'queued' || j.status === 'running';

/** A property of an unknown value, when that value is an object. */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

const numberField = (value: unknown, key: string): number | undefined => {
  const v = field(value, key);
  return typeof v === 'number' ? v : undefined;
};

/** Merges fresh job records into the list by id, newest first. */
function merge(list: Job[], fresh: Job[]): Job[] {
  const byId = new Map(list.map((j) => [j.id, j]));
  for (const j of fresh) byId.set(j.id, j);
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

function ResultCell({ job }: { job: Job }) {
  if (job.status === 'failed')
    return <Typography.Text type="danger">{job.message ?? '任务失败'}</Typography.Text>;
  if (job.status !== 'done') return <Typography.Text type="secondary">—</Typography.Text>;
  const r = job.result;
  if (job.kind === 'rescore') {
    const n = numberField(r, 'evaluations') ?? 0;
    const changed = numberField(r, 'changed') ?? 0;
    const failed = numberField(r, 'failed') ?? 0;
    return (
      <span>
        共 {n} 份，更新 {changed} 份，失败 {failed} 份
      </span>
    );
  }
  const reports = numberField(r, 'reports') ?? 0;
  const failed = numberField(r, 'failed') ?? 0;
  return (
    <Space wrap size={[8, 0]}>
      <span>
        {reports} 份报告
        {failed > 0 && <Typography.Text type="danger">（失败 {failed} 份）</Typography.Text>}
      </span>
      {job.hasFile && (
        <Typography.Link href={api.jobFileUrl(job.id)} download data-testid="job-download">
          <DownloadOutlined /> 下载压缩包
        </Typography.Link>
      )}
    </Space>
  );
}

export function JobsPage() {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<JobForm>();
  const kind = Form.useWatch('kind', form) ?? 'rescore';
  const reportType = Form.useWatch('type', form) ?? 'department';
  const [jobs, setJobs] = useState<Job[]>([]);
  const [loading, setLoading] = useState(false);
  const [starting, setStarting] = useState(false);

  const load = useCallback(
    async (quiet: boolean) => {
      setLoading(true);
      try {
        const list = await api.jobs();
        setJobs((old) => merge(old, list));
      } catch (e) {
        if (!quiet) message.error(e instanceof ApiError ? e.message : '加载任务失败');
      } finally {
        setLoading(false);
      }
    },
    [message],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  // Poll the queued and running jobs every second; stops when none is active or on unmount.
  const activeKey = jobs
    .filter(isActive)
    .map((j) => j.id)
    .join(',');
  useEffect(() => {
    if (activeKey === '') return undefined;
    const ids = activeKey.split(',').map(Number);
    let cancelled = false;
    let busy = false;
    const tick = async () => {
      if (busy) return;
      busy = true;
      try {
        const fresh: Job[] = [];
        const gone = new Map<number, string>();
        await Promise.all(
          ids.map(async (id) => {
            try {
              fresh.push(await api.job(id));
            } catch (e) {
              // A job that no longer exists is shown as failed rather than polled for ever.
              if (e instanceof ApiError && e.status === 404) gone.set(id, e.message);
            }
          }),
        );
        if (cancelled) return;
        setJobs((old) =>
          merge(
            old.map((j) => {
              const why = gone.get(j.id);
              return why === undefined ? j : { ...j, status: 'failed' as const, message: why };
            }),
            fresh,
          ),
        );
      } finally {
        busy = false;
      }
    };
    const timer = window.setInterval(() => void tick(), 1000);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [activeKey]);

  const start = async (v: JobForm) => {
    const region = v.region?.trim() ?? '';
    const body: Record<string, unknown> = {
      kind: v.kind,
      fiscalYear: v.fiscalYear,
      ...(region === '' ? {} : { region }),
      ...(v.kind === 'reports' ? { type: v.type, format: v.format } : {}),
    };
    setStarting(true);
    try {
      const job = await api.startJob(body);
      setJobs((old) => merge(old, [job]));
      message.success(`已开始任务 #${String(job.id)}：${KIND_LABELS[job.kind]}`);
    } catch (e) {
      const known =
        e instanceof ApiError
          ? e.issues.filter((i): i is typeof i & { path: FieldName } =>
              (FIELDS as readonly string[]).includes(i.path),
            )
          : [];
      if (known.length > 0) form.setFields(known.map((i) => ({ name: i.path, errors: [i.message] })));
      else message.error(e instanceof ApiError ? e.message : '任务未能开始');
    } finally {
      setStarting(false);
    }
  };

  const onValuesChange = (changed: Partial<JobForm>) => {
    if (changed.type !== undefined) {
      const allowed = REPORT_FORMATS[changed.type];
      const format = form.getFieldValue('format') as ReportFormat | undefined;
      if (format === undefined || !allowed.includes(format))
        form.setFieldValue('format', allowed[0] ?? 'docx');
    }
  };

  const columns: ColumnsType<Job> = [
    { title: '编号', dataIndex: 'id', width: 70, render: (id: number) => `#${String(id)}` },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 200,
      render: (k: Job['kind'], j) => {
        const { type, format, region } = j.params;
        const detail = [
          k === 'reports' && type !== undefined ? (REPORT_TYPE_NAMES[type] ?? type) : undefined,
          k === 'reports' && format !== undefined
            ? (FORMAT_NAMES[format as ReportFormat] ?? format)
            : undefined,
          region,
        ].filter((s): s is string => s !== undefined && s !== '');
        return (
          <Space orientation="vertical" size={0}>
            <span>{KIND_LABELS[k] ?? k}</span>
            {detail.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {detail.join(' · ')}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: '年度',
      key: 'fiscalYear',
      width: 80,
      render: (_v: unknown, j) => String(j.params.fiscalYear),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: Job['status']) => <Tag color={STATUS_TAG_COLOURS[s]}>{STATUS_LABELS[s] ?? s}</Tag>,
    },
    {
      title: '进度',
      key: 'progress',
      width: 200,
      render: (_v: unknown, j) => {
        const percent =
          j.total > 0
            ? Math.min(100, Math.round((j.progress / j.total) * 100))
            : j.status === 'done'
              ? 100
              : 0;
        const status =
          j.status === 'failed'
            ? 'exception'
            : j.status === 'done'
              ? 'success'
              : j.status === 'running'
                ? 'active'
                : 'normal';
        return (
          <Progress
            data-testid="job-progress"
            size="small"
            percent={percent}
            status={status}
            format={() => `${String(j.progress)} / ${String(j.total)}`}
          />
        );
      },
    },
    { title: '结果', key: 'result', render: (_v: unknown, j) => <ResultCell job={j} /> },
    {
      title: '开始时间',
      dataIndex: 'createdAt',
      width: 170,
      render: (t: string) => new Date(t).toLocaleString('zh-CN'),
    },
  ];

  const lastYear = new Date().getFullYear() - 1;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="新建批量任务">
        <Form<JobForm>
          form={form}
          layout="vertical"
          data-testid="job-form"
          initialValues={{ kind: 'rescore', fiscalYear: lastYear, type: 'department', format: 'docx' }}
          onValuesChange={onValuesChange}
          onFinish={(v: JobForm) => void start(v)}
        >
          <Form.Item label="任务类型" name="kind" rules={[{ required: true, message: '请选择任务类型' }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={[
                { value: 'rescore', label: '重新评分' },
                { value: 'reports', label: '批量生成报告' },
              ]}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">
            {kind === 'rescore'
              ? '按现行指标与规则重新计算所选年度（及行政区划）内您可见的全部评价的得分与等级。'
              : '为所选年度（及行政区划）内您可见的全部评价生成报告，打包为一个压缩包下载。'}
          </Typography.Paragraph>
          <Space wrap align="start" size="large">
            <Form.Item
              label="评价年度"
              name="fiscalYear"
              rules={[{ required: true, message: '请输入评价年度' }]}
            >
              <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item label="行政区划前缀" name="region" extra="可选，留空为全部">
              <Input allowClear maxLength={100} placeholder="例如 江西省南昌市" style={{ width: 240 }} />
            </Form.Item>
            {kind === 'reports' && (
              <>
                <Form.Item
                  label="报告类型"
                  name="type"
                  rules={[{ required: true, message: '请选择报告类型' }]}
                >
                  <Select style={{ width: 240 }} options={REPORT_TYPES} />
                </Form.Item>
                <Form.Item label="格式" name="format" rules={[{ required: true, message: '请选择格式' }]}>
                  <Select
                    style={{ width: 120 }}
                    options={REPORT_FORMATS[reportType].map((f) => ({ value: f, label: FORMAT_NAMES[f] }))}
                  />
                </Form.Item>
              </>
            )}
          </Space>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button
              type="primary"
              htmlType="submit"
              icon={<PlayCircleOutlined />}
              loading={starting}
              data-testid="job-start"
            >
              开始
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card
        title="任务列表"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void load(false)}>
            刷新
          </Button>
        }
      >
        <Table<Job>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={jobs}
          data-testid="job-table"
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${String(n)} 个任务` }}
          locale={{ emptyText: '暂无任务' }}
        />
      </Card>
    </Space>
  );
}
