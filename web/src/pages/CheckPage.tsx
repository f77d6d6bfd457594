/**
 * 报告检查: reports as handed in (.docx, .txt) checked by the service (POST /api/check, nothing
 * stored). Files are checked one after another; the page keeps the list of those checked and
 * shows the selected one: the units it evaluates with the total stated and the sum recomputed, the
 * findings with their quotes and where they stand, and what could not be extracted. A unit's
 * rebuilt evaluation file downloads as JSON, or becomes a new evaluation (for the roles that create
 * evaluations) opened in the editor.
 */
import {
  DeleteOutlined,
  DownloadOutlined,
  FileSearchOutlined,
  ImportOutlined,
  InboxOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Modal,
  Segmented,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
  theme,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type CSSProperties, useEffect, useMemo, useRef, useState } from 'react';
import {
  ApiError,
  CHECK_MAX_BYTES,
  type CheckFinding,
  type CheckReport,
  type CheckSeverity,
  type CheckedUnit,
  type EvaluationInput,
  type FieldIssue,
  KIND_NAMES,
  type Organisation,
  type User,
  api,
} from '../api.ts';
import { SEVERITY, kindName } from '../labels.ts';
import { navigate } from '../router.ts';
import { actionColumn, isNumberKey, selectableRows } from '../table.tsx';
import { GRADE_COLOURS, UnitField, useUnits } from './EvaluationsPage.tsx';

const MONO: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace',
  fontSize: 12,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-all',
  background: 'rgba(0, 0, 0, 0.04)',
  padding: '1px 4px',
  borderRadius: 3,
};

/** A file checked, or refused by the service. */
interface Entry {
  key: number;
  name: string;
  report?: CheckReport;
  error?: string;
}

/** Why a file cannot be sent, or undefined when it can. */
function refusal(file: File): string | undefined {
  if (/\.doc$/i.test(file.name))
    return `“${file.name}”是旧版 Word 文档（.doc）：请在 Word 或 WPS 中另存为 .docx 后再检查`;
  if (/\.pdf$/i.test(file.name))
    return `“${file.name}”是 PDF：请提供 .docx 或 .txt 格式的报告（可从 PDF 复制文字另存为 .txt）`;
  if (!/\.(docx|txt)$/i.test(file.name))
    return `“${file.name}”不是 .docx 或 .txt 文件：只能检查 Word 文档（.docx）或文本文件（.txt）`;
  if (file.size > CHECK_MAX_BYTES)
    return `“${file.name}”超过 ${String(CHECK_MAX_BYTES / 1024 / 1024)} MB，不能检查`;
  return undefined;
}

/** An exact decimal's text without insignificant zeros ("92.50" → "92.5"), to compare totals. */
function canonical(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return text.trim();
  const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1] ?? ''}${int}${frac === '' ? '' : `.${frac}`}`;
}

/** A JSON download of `data` under `name`, made in the page. */
function downloadJson(name: string, data: unknown): void {
  const url = URL.createObjectURL(
    new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json;charset=utf-8' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name.replace(/[\\/:*?"<>|]/g, '_');
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Counts({ counts }: { counts: Record<CheckSeverity, number> }) {
  return (
    <Space size={0} data-testid="check-counts">
      {(Object.keys(SEVERITY) as CheckSeverity[]).map((s) => (
        <Tag key={s} color={counts[s] > 0 ? SEVERITY[s].color : 'default'}>
          {SEVERITY[s].label} {counts[s]}
        </Tag>
      ))}
    </Space>
  );
}

export function CheckPage({ user }: { user: User }) {
  const { message } = AntApp.useApp();
  const { token } = theme.useToken();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [pending, setPending] = useState(0);
  const [severity, setSeverity] = useState<CheckSeverity | 'all'>('all');
  const [importing, setImporting] = useState<{ unit: CheckedUnit; report: CheckReport } | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const nextKey = useRef(0);

  // as in the permission table: units, departments and the admin create evaluations
  const canCreate = user.role === 'unit' || user.role === 'department' || user.role === 'admin';
  const units = useUnits(canCreate);

  /** Checks one file (after those before it); its row is selected when its answer comes. */
  const check = async (file: File): Promise<void> => {
    const key = ++nextKey.current;
    let entry: Entry;
    try {
      entry = { key, name: file.name, report: await api.check(file, file.name) };
    } catch (e) {
      const error = e instanceof ApiError ? e.message : '检查失败';
      message.error(error);
      entry = { key, name: file.name, error };
    }
    setEntries((list) => [...list, entry]);
    setSelected(key);
  };

  const enqueue = (file: File): void => {
    setPending((n) => n + 1);
    queue.current = queue.current
      .then(() => check(file))
      .finally(() => {
        setPending((n) => n - 1);
      });
  };

  const shown = entries.find((e) => e.key === selected) ?? null;

  const columns: ColumnsType<Entry> = [
    {
      title: '文件',
      dataIndex: 'name',
      ellipsis: true,
      render: (name: string) => (
        <Typography.Text strong data-testid="check-file">
          {name}
        </Typography.Text>
      ),
    },
    {
      title: '单位',
      width: 220,
      ellipsis: true,
      render: (_v, e) =>
        e.report === undefined
          ? '—'
          : (e.report.unit ?? <Typography.Text type="secondary">未识别</Typography.Text>),
    },
    { title: '年度', width: 70, render: (_v, e) => e.report?.year ?? '—' },
    {
      title: '报告总分',
      width: 100,
      render: (_v, e) =>
        e.report?.units
          .map((u) => u.statedTotal)
          .filter((t) => t !== undefined)
          .join('、') || '—',
    },
    {
      title: '发现',
      width: 230,
      render: (_v, e) =>
        e.report === undefined ? (
          <Tag color="error" data-testid="check-counts">
            无法检查
          </Tag>
        ) : (
          <Counts counts={e.report.counts} />
        ),
    },
    actionColumn(
      '移除',
      (e) => `移除 ${e.name}`,
      (e) => {
        setEntries((list) => list.filter((x) => x.key !== e.key));
        if (selected === e.key) setSelected(null);
      },
    ),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="报告检查"
        extra={
          entries.length > 0 && (
            <Button
              icon={<DeleteOutlined />}
              onClick={() => {
                setEntries([]);
                setSelected(null);
              }}
            >
              清空列表
            </Button>
          )
        }
      >
        <Spin spinning={pending > 0} description="正在检查…">
          <div data-testid="check-upload">
            <Upload.Dragger
              accept=".docx,.txt"
              multiple
              fileList={[]}
              showUploadList={false}
              beforeUpload={(file) => {
                const why = refusal(file);
                if (why !== undefined) message.error(why);
                else enqueue(file);
                return Upload.LIST_IGNORE;
              }}
            >
              {/* one line for the icon and the call: the list and the details stay in view at 768 px */}
              <p className="ant-upload-text">
                <InboxOutlined style={{ fontSize: 24, color: token.colorPrimary, marginRight: 8 }} />
                点击选择或将评价报告拖到此处
              </p>
              <p className="ant-upload-hint">
                支持 Word 文档（.docx）和文本文件（.txt），单个文件不超过 {CHECK_MAX_BYTES / 1024 / 1024}{' '}
                MB，可一次选择多个文件依次检查。检查核对报告中的得分、总分、比率等是否自洽，不保存报告。
              </p>
            </Upload.Dragger>
          </div>
        </Spin>
        {entries.length > 0 && (
          <div data-testid="check-list" style={{ marginTop: 12 }}>
            <Table<Entry>
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={entries}
              scroll={{ x: 860 }}
              {...selectableRows(selected, setSelected, (e: Entry) => e.key, isNumberKey)}
              pagination={entries.length > 10 ? { pageSize: 10 } : false}
            />
          </div>
        )}
      </Card>

      {shown !== null && (
        <Card
          data-testid="check-detail"
          title={
            <Space>
              <FileSearchOutlined />
              <span>{shown.name}</span>
            </Space>
          }
        >
          {shown.report === undefined ? (
            <Alert type="error" showIcon title="无法检查此文件" description={shown.error} />
          ) : (
            <ReportDetail
              report={shown.report}
              severity={severity}
              onSeverity={setSeverity}
              canCreate={canCreate}
              onImport={(unit) => {
                if (shown.report) setImporting({ unit, report: shown.report });
              }}
            />
          )}
        </Card>
      )}
      {entries.length === 0 && pending === 0 && (
        <Card>
          <Empty description="尚未检查报告：请在上方选择或拖入报告文件" />
        </Card>
      )}

      <ImportDialog
        target={importing}
        units={units}
        defaultOrganisation={user.organisationId}
        onClose={() => setImporting(null)}
      />
    </Space>
  );
}

function ReportDetail({
  report,
  severity,
  onSeverity,
  canCreate,
  onImport,
}: {
  report: CheckReport;
  severity: CheckSeverity | 'all';
  onSeverity: (s: CheckSeverity | 'all') => void;
  canCreate: boolean;
  onImport: (unit: CheckedUnit) => void;
}) {
  const several = report.units.length > 1;
  const findings = useMemo(
    () => (severity === 'all' ? report.findings : report.findings.filter((f) => f.severity === severity)),
    [report, severity],
  );

  const unitColumns: ColumnsType<CheckedUnit> = [
    { title: '单位', dataIndex: 'unit', ellipsis: true },
    { title: '报告总分', dataIndex: 'statedTotal', width: 90, render: (t?: string) => t ?? '—' },
    {
      title: '按所列得分合计',
      width: 150,
      render: (_v, u) => {
        if (u.computedTotal === undefined) return '—';
        const differs =
          u.statedTotal !== undefined && canonical(u.statedTotal) !== canonical(u.computedTotal);
        return (
          <Space size={4}>
            <span>{u.computedTotal}</span>
            {differs && <Tag color="red">与总分不符</Tag>}
          </Space>
        );
      },
    },
    {
      title: '等级',
      dataIndex: 'grade',
      width: 70,
      render: (g?: string) => (g === undefined ? '—' : <Tag color={GRADE_COLOURS[g] ?? 'default'}>{g}</Tag>),
    },
    {
      title: '指标',
      width: 90,
      render: (_v, u) => <span title={`各级指标共 ${String(u.nodes)} 个`}>{u.leaves} 项</span>,
    },
    {
      title: '操作',
      width: canCreate ? 250 : 140,
      render: (_v, u) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() =>
              downloadJson(
                `${u.unit}${report.year === undefined ? '' : `${String(report.year)}年度`}评价文件.json`,
                u.evaluation,
              )
            }
            data-testid="check-download"
          >
            下载评价文件
          </Button>
          {canCreate && (
            <Button
              size="small"
              type="primary"
              icon={<ImportOutlined />}
              onClick={() => onImport(u)}
              data-testid="check-import"
            >
              导入为评价
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const findingColumns: ColumnsType<CheckFinding> = [
    {
      title: '严重程度',
      dataIndex: 'severity',
      width: 86,
      render: (s: CheckSeverity) => <Tag color={SEVERITY[s].color}>{SEVERITY[s].label}</Tag>,
    },
    ...(several ? [{ title: '单位', dataIndex: 'unit', width: 140, ellipsis: true }] : []),
    {
      title: '类型',
      dataIndex: 'kind',
      width: 150,
      render: (k: string) => <span title={k}>{kindName(k)}</span>,
    },
    { title: '位置', dataIndex: 'where', width: 90, render: (w?: string) => w ?? '—' },
    {
      title: '原文',
      dataIndex: 'quote',
      width: 300,
      render: (q?: string) => (q === undefined ? '—' : <span style={MONO}>{q}</span>),
    },
    {
      title: '说明',
      dataIndex: 'message',
      render: (m: string) => <span data-testid="check-finding">{m}</span>,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label="单位">{report.unit ?? '未识别'}</Descriptions.Item>
        <Descriptions.Item label="年度">{report.year ?? '未识别'}</Descriptions.Item>
        <Descriptions.Item label="类型">
          {report.kind === undefined ? '未识别' : (KIND_NAMES[report.kind] ?? report.kind)}
        </Descriptions.Item>
        <Descriptions.Item label="格式">
          {report.format === 'docx' ? 'Word 文档' : '文本文件'}（用时 {Math.round(report.ms)} 毫秒）
        </Descriptions.Item>
        {report.title !== undefined && (
          <Descriptions.Item label="标题" span={4}>
            {report.title}
          </Descriptions.Item>
        )}
      </Descriptions>

      <div data-testid="check-units">
        <Table<CheckedUnit>
          rowKey={(u) => report.units.indexOf(u)}
          size="small"
          columns={unitColumns}
          dataSource={report.units}
          pagination={false}
          scroll={{ x: 820 }}
          locale={{ emptyText: '未能从报告中识别出被评价单位及其指标' }}
        />
      </div>

      {report.unextracted.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`未能提取（${String(report.unextracted.length)} 项）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {report.unextracted.map((u, i) => (
                <li key={i}>{u}</li>
              ))}
            </ul>
          }
          data-testid="check-unextracted"
        />
      )}

      <div data-testid="check-findings">
        <Space wrap style={{ marginBottom: 8 }}>
          <Typography.Text strong>发现的问题</Typography.Text>
          <Segmented<CheckSeverity | 'all'>
            size="small"
            value={severity}
            onChange={onSeverity}
            options={[
              { value: 'all', label: `全部 ${String(report.findings.length)}` },
              ...(Object.keys(SEVERITY) as CheckSeverity[]).map((s) => ({
                value: s,
                label: `${SEVERITY[s].label} ${String(report.counts[s])}`,
              })),
            ]}
            aria-label="按严重程度筛选"
          />
        </Space>
        <Table<CheckFinding>
          rowKey={(f) => report.findings.indexOf(f)}
          size="small"
          columns={findingColumns}
          dataSource={findings}
          tableLayout="fixed"
          scroll={{ x: 960 }}
          pagination={findings.length > 20 ? { pageSize: 20, showTotal: (n) => `共 ${String(n)} 项` } : false}
          locale={{
            emptyText:
              severity === 'all' || report.findings.length === 0
                ? '未发现问题'
                : `没有${SEVERITY[severity].label}级别的问题`,
          }}
        />
      </div>
    </Space>
  );
}

/** 导入为评价: the unit's rebuilt evaluation file as a new draft of a chosen organisation. */
function ImportDialog({
  target,
  units,
  defaultOrganisation,
  onClose,
}: {
  target: { unit: CheckedUnit; report: CheckReport } | null;
  /** The organisations an evaluation can be for. */
  units: Organisation[];
  defaultOrganisation: number | null;
  onClose: () => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ organisationId: number }>();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ message: string; issues: FieldIssue[] } | null>(null);
  const unitName = target?.unit.unit;

  useEffect(() => {
    setRefused(null);
  }, [target]);
  // the organisation named as the report names the unit, else the user's own
  const initialOrg =
    units.find((o) => o.name === unitName)?.id ?? units.find((o) => o.id === defaultOrganisation)?.id;

  const submit = async () => {
    if (target === null) return;
    const v = await form.validateFields();
    setBusy(true);
    setRefused(null);
    try {
      const ev = await api.createFromDocument(v.organisationId, target.unit.evaluation as EvaluationInput);
      message.success('已导入为评价');
      onClose();
      navigate(`/evaluations/${String(ev.id)}`);
    } catch (e) {
      setRefused(
        e instanceof ApiError
          ? { message: e.message, issues: e.issues }
          : { message: '导入失败', issues: [] },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title="导入为评价"
      open={target !== null}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText="导入"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      {target !== null && (
        <Typography.Paragraph type="secondary">
          以从“{target.report.file}”中提取的 {target.unit.unit}{' '}
          的内容新建一份草稿评价，之后在编辑页中核对、补充。
        </Typography.Paragraph>
      )}
      <Form
        key={`${unitName ?? ''}:${String(initialOrg)}`}
        form={form}
        layout="vertical"
        initialValues={initialOrg === undefined ? {} : { organisationId: initialOrg }}
      >
        <UnitField units={units} />
      </Form>
      {refused !== null && (
        <Alert
          type="error"
          showIcon
          title={refused.message}
          description={
            refused.issues.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 200, overflow: 'auto' }}>
                {refused.issues.slice(0, 20).map((i, n) => (
                  <li key={n}>
                    <span style={MONO}>{i.path}</span> {i.message}
                  </li>
                ))}
                {refused.issues.length > 20 && <li>等共 {refused.issues.length} 项</li>}
              </ul>
            )
          }
          data-testid="check-import-error"
        />
      )}
    </Modal>
  );
}
