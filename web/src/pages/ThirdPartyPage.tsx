/**
 * 第三方评价: the evaluations entrusted to an evaluator organisation (and, for the finance bureau,
 * entrusting one), the drafts sent for comments with each comment and its reply (采纳 / 不采纳 with
 * a reason), the work plan (实施方案: uploaded by the evaluator, finance or the admin, each upload a
 * new current version), the evidence files of indicators, and the downloads: 意见反馈表, 采纳情况表,
 * 归档资料包.
 */
import { CloudUploadOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { type EvaluationSummary, type Organisation, type User, api, errorText, formErrors } from '../api.ts';
import {
  type Assignment,
  type CommentKind,
  type Decision,
  type Draft,
  type DraftComment,
  EVIDENCE_EXTENSIONS,
  EVIDENCE_MAX_BYTES,
  type EvidenceFile,
  WORK_PLAN_EXTENSIONS,
  WORK_PLAN_MAX_BYTES,
  type WorkPlanFile,
  thirdPartyApi,
} from '../api/third-party.ts';

const KIND_LABELS: Record<CommentKind, string> = { indicator: '指标', section: '报告章节', whole: '整体' };
const DECISION_LABELS: Record<Decision, string> = { adopted: '采纳', rejected: '不采纳' };
const SENDERS: readonly User['role'][] = ['evaluator', 'finance', 'admin'];
const REPLIERS: readonly User['role'][] = ['evaluator', 'admin'];
const ASSIGNERS: readonly User['role'][] = ['finance', 'admin'];
/** Who uploads the work plan (as the service's). */
const PLANNERS: readonly User['role'][] = SENDERS;

function Assign({ onDone }: { onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [evaluations, setEvaluations] = useState<EvaluationSummary[]>([]);
  const [evaluators, setEvaluators] = useState<Organisation[]>([]);
  const [form] = Form.useForm<{ evaluationId: number; organisationId: number }>();
  useEffect(() => {
    void api.evaluations().then(setEvaluations, () => undefined);
    void api.organisations().then(
      (o) => {
        setEvaluators(o.filter((x) => x.kind === 'evaluator'));
      },
      () => undefined,
    );
  }, []);
  const submit = async (v: { evaluationId: number; organisationId: number }) => {
    try {
      await thirdPartyApi.assign(v.evaluationId, v.organisationId);
      message.success('已委托');
      onDone();
    } catch (e) {
      form.setFields(formErrors(e, ['organisationId'] as const));
      message.error(errorText(e, '委托失败'));
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={(v) => void submit(v)}>
      <Form.Item name="evaluationId" label="评价" rules={[{ required: true, message: '请选择评价' }]}>
        <Select
          style={{ width: 320 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={evaluations.map((e) => ({ value: e.id, label: `${String(e.fiscalYear)} ${e.title}` }))}
        />
      </Form.Item>
      <Form.Item
        name="organisationId"
        label="第三方评价机构"
        rules={[{ required: true, message: '请选择机构' }]}
      >
        <Select style={{ width: 240 }} options={evaluators.map((o) => ({ value: o.id, label: o.name }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        委托
      </Button>
    </Form>
  );
}

function ReplyModal({
  comment,
  evaluationId,
  onClose,
}: {
  comment: DraftComment | undefined;
  evaluationId: number;
  onClose: (changed: boolean) => void;
}) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ decision: Decision; reason?: string }>();
  const decision = Form.useWatch('decision', form);
  useEffect(() => {
    if (comment)
      form.setFieldsValue({ decision: comment.decision ?? 'adopted', reason: comment.reason ?? '' });
  }, [comment, form]);
  const submit = async (v: { decision: Decision; reason?: string }) => {
    if (!comment) return;
    try {
      await thirdPartyApi.reply(evaluationId, comment.id, v);
      message.success('已回复');
      onClose(true);
    } catch (e) {
      form.setFields(formErrors(e, ['decision', 'reason'] as const));
    }
  };
  return (
    <Modal
      open={comment !== undefined}
      title="回复意见"
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText="保存"
    >
      <Typography.Paragraph type="secondary">{comment?.text}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="decision" label="采纳情况" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'adopted', label: '采纳' },
              { value: 'rejected', label: '不采纳' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={decision === 'rejected' ? '不采纳的理由（不采纳，因为……）' : '说明（可选）'}
          rules={
            decision === 'rejected'
              ? [{ required: true, whitespace: true, message: '不采纳时须说明理由' }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DraftCard({
  draft,
  evaluationId,
  user,
  reload,
}: {
  draft: Draft;
  evaluationId: number;
  user: User;
  reload: () => void;
}) {
  const { message } = AntApp.useApp();
  const [replying, setReplying] = useState<DraftComment | undefined>(undefined);
  const [form] = Form.useForm<{ kind: CommentKind; target?: string; text: string }>();
  const kind = Form.useWatch('kind', form);
  const add = async (v: { kind: CommentKind; target?: string; text: string }) => {
    try {
      await thirdPartyApi.comment(evaluationId, draft.id, v);
      form.resetFields(['target', 'text']);
      reload();
    } catch (e) {
      form.setFields(formErrors(e, ['kind', 'target', 'text'] as const));
      message.error(errorText(e, '提交意见失败'));
    }
  };
  const columns: ColumnsType<DraftComment> = [
    { title: '序号', key: 'n', width: 60, render: (_v, _r, i) => i + 1 },
    { title: '意见针对', dataIndex: 'targetName', width: 200 },
    { title: '提出单位', dataIndex: 'commenter', width: 160 },
    { title: '意见内容', dataIndex: 'text' },
    {
      title: '采纳情况',
      key: 'decision',
      width: 100,
      render: (_v, c) =>
        c.decision === null ? (
          <Tag>待回复</Tag>
        ) : (
          <Tag color={c.decision === 'adopted' ? 'green' : 'orange'}>{DECISION_LABELS[c.decision]}</Tag>
        ),
    },
    {
      title: '说明',
      key: 'reason',
      render: (_v, c) => (c.decision === 'rejected' ? `不采纳，因为${c.reason ?? ''}` : (c.reason ?? '')),
    },
    ...(REPLIERS.includes(user.role)
      ? [
          {
            title: '操作',
            key: 'op',
            width: 80,
            render: (_v: unknown, c: DraftComment) => (
              <Button size="small" onClick={() => setReplying(c)}>
                回复
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      title={`第 ${String(draft.version)} 版征求意见稿 — 发给${draft.recipient}，${draft.deadline} 前反馈`}
      extra={
        <Space>
          <Button
            icon={<DownloadOutlined />}
            href={thirdPartyApi.tableUrl(evaluationId, draft.id, 'feedback')}
          >
            意见反馈表
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={thirdPartyApi.tableUrl(evaluationId, draft.id, 'adoption')}
          >
            采纳情况表
          </Button>
        </Space>
      }
    >
      {draft.note !== '' && <Typography.Paragraph>{draft.note}</Typography.Paragraph>}
      <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={draft.comments} />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 12 }}
        initialValues={{ kind: 'whole' }}
        onFinish={(v) => void add(v)}
      >
        <Form.Item name="kind" label="意见针对">
          <Select
            style={{ width: 120 }}
            options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        {kind !== 'whole' && (
          <Form.Item name="target" rules={[{ required: true, message: '必填' }]}>
            <Input
              placeholder={kind === 'indicator' ? '指标编码，如 A11' : '章节，如 三、综合评价'}
              style={{ width: 200 }}
            />
          </Form.Item>
        )}
        <Form.Item name="text" rules={[{ required: true, whitespace: true, message: '请填写意见' }]}>
          <Input.TextArea placeholder="意见内容" autoSize style={{ width: 360 }} maxLength={5000} />
        </Form.Item>
        <Button htmlType="submit">记录意见</Button>
      </Form>
      <ReplyModal
        comment={replying}
        evaluationId={evaluationId}
        onClose={(changed) => {
          setReplying(undefined);
          if (changed) reload();
        }}
      />
    </Card>
  );
}

function Evidence({ evaluationId }: { evaluationId: number }) {
  const { message } = AntApp.useApp();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [indicator, setIndicator] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    void thirdPartyApi
      .evidence(evaluationId)
      .then(setFiles, (e: unknown) => message.error(errorText(e, '加载佐证资料失败')));
  }, [evaluationId, message]);
  useEffect(load, [load]);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (indicator.trim() === '') {
      message.error('请先填写指标编码');
      return;
    }
    if (file.size > EVIDENCE_MAX_BYTES) {
      message.error('文件过大（上限 10 MB）');
      return;
    }
    setBusy(true);
    try {
      await thirdPartyApi.upload(evaluationId, indicator.trim(), file);
      message.success(`已上传“${file.name}”`);
      load();
    } catch (e) {
      message.error(errorText(e, '上传失败'));
    } finally {
      setBusy(false);
    }
  };
  const columns: ColumnsType<EvidenceFile> = [
    { title: '指标', key: 'i', render: (_v, f) => `${f.indicator} ${f.indicatorName ?? ''}` },
    {
      title: '文件',
      key: 'name',
      render: (_v, f) => <a href={thirdPartyApi.evidenceUrl(evaluationId, f.id)}>{f.name}</a>,
    },
    { title: '大小', key: 'size', render: (_v, f) => `${(f.size / 1024).toFixed(1)} KB` },
    { title: '上传人', dataIndex: 'uploadedBy' },
    { title: '上传时间', key: 'at', render: (_v, f) => new Date(f.uploadedAt).toLocaleString('zh-CN') },
  ];
  return (
    <Card size="small" title="佐证资料">
      <Space style={{ marginBottom: 12 }}>
        <Input
          placeholder="指标编码"
          value={indicator}
          onChange={(e) => setIndicator(e.target.value)}
          style={{ width: 140 }}
        />
        <Button
          icon={<CloudUploadOutlined />}
          loading={busy}
          onClick={() => document.getElementById('tp-evidence')?.click()}
        >
          上传文件
        </Button>
        <input
          id="tp-evidence"
          type="file"
          hidden
          accept={EVIDENCE_EXTENSIONS.map((x) => `.${x}`).join(',')}
          onChange={(e) => {
            void upload(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Typography.Text type="secondary">
          可上传 {EVIDENCE_EXTENSIONS.join('、')}，每个不超过 10 MB
        </Typography.Text>
      </Space>
      <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={files} />
    </Card>
  );
}

function WorkPlan({ evaluationId, user }: { evaluationId: number; user: User }) {
  const { message } = AntApp.useApp();
  const [files, setFiles] = useState<WorkPlanFile[]>([]);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    void thirdPartyApi
      .workPlans(evaluationId)
      .then(setFiles, (e: unknown) => message.error(errorText(e, '加载实施方案失败')));
  }, [evaluationId, message]);
  useEffect(load, [load]);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > WORK_PLAN_MAX_BYTES) {
      message.error('文件过大（上限 10 MB）');
      return;
    }
    setBusy(true);
    try {
      await thirdPartyApi.uploadWorkPlan(evaluationId, file);
      message.success(`已上传实施方案“${file.name}”`);
      load();
    } catch (e) {
      message.error(errorText(e, '上传失败'));
    } finally {
      setBusy(false);
    }
  };
  const current = files.find((f) => f.current);
  const columns: ColumnsType<WorkPlanFile> = [
    {
      title: '文件',
      key: 'name',
      render: (_v, f) => (
        <Space>
          <a href={thirdPartyApi.workPlanUrl(evaluationId, f.id)}>{f.name}</a>
          {f.current && <Tag color="blue">现行</Tag>}
        </Space>
      ),
    },
    { title: '大小', key: 'size', width: 100, render: (_v, f) => `${(f.size / 1024).toFixed(1)} KB` },
    { title: '上传人', dataIndex: 'uploadedBy', width: 160 },
    {
      title: '上传时间',
      key: 'at',
      width: 180,
      render: (_v, f) => new Date(f.uploadedAt).toLocaleString('zh-CN'),
    },
  ];
  return (
    <Card
      size="small"
      title="实施方案"
      extra={
        current && (
          <Button icon={<DownloadOutlined />} href={thirdPartyApi.workPlanUrl(evaluationId, current.id)}>
            下载现行实施方案
          </Button>
        )
      }
    >
      {PLANNERS.includes(user.role) && (
        <Space style={{ marginBottom: 12 }}>
          <Button
            icon={<CloudUploadOutlined />}
            loading={busy}
            onClick={() => document.getElementById('tp-work-plan')?.click()}
          >
            {current ? '上传新版本' : '上传实施方案'}
          </Button>
          <input
            id="tp-work-plan"
            type="file"
            hidden
            accept={WORK_PLAN_EXTENSIONS.map((x) => `.${x}`).join(',')}
            onChange={(e) => {
              void upload(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <Typography.Text type="secondary">
            可上传 {WORK_PLAN_EXTENSIONS.join('、')}，不超过 10 MB；新上传的一份为现行版本，归档资料包收录它
          </Typography.Text>
        </Space>
      )}
      {files.length === 0 ? (
        <Typography.Text type="secondary">尚未上传实施方案。</Typography.Text>
      ) : (
        <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={files} />
      )}
    </Card>
  );
}

function EvaluationPanel({ evaluationId, user }: { evaluationId: number; user: User }) {
  const { message } = AntApp.useApp();
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [form] = Form.useForm<{ recipient: string; deadline: string; note?: string }>();
  const load = useCallback(() => {
    void thirdPartyApi.drafts(evaluationId).then(
      (d) => {
        setDrafts(d);
        setError(undefined);
      },
      (e: unknown) => setError(errorText(e, '加载征求意见稿失败')),
    );
  }, [evaluationId]);
  useEffect(load, [load]);
  const send = async (v: { recipient: string; deadline: string; note?: string }) => {
    try {
      await thirdPartyApi.sendDraft(evaluationId, v);
      message.success('征求意见稿已发出');
      load();
    } catch (e) {
      form.setFields(formErrors(e, ['recipient', 'deadline', 'note'] as const));
      message.error(errorText(e, '发出失败'));
    }
  };
  if (error !== undefined) return <Alert type="error" title={error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        size="small"
        title="征求意见稿"
        extra={
          <Button type="primary" icon={<DownloadOutlined />} href={thirdPartyApi.archiveUrl(evaluationId)}>
            下载归档资料包
          </Button>
        }
      >
        {SENDERS.includes(user.role) && (
          <Form form={form} layout="inline" onFinish={(v) => void send(v)} style={{ marginBottom: 12 }}>
            <Form.Item
              name="recipient"
              label="征求意见对象"
              rules={[{ required: true, whitespace: true, message: '必填' }]}
            >
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="deadline" label="反馈截止" rules={[{ required: true, message: '必填' }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input style={{ width: 240 }} />
            </Form.Item>
            <Button icon={<SendOutlined />} htmlType="submit">
              以当前版本发出
            </Button>
          </Form>
        )}
        {drafts.length === 0 ? (
          <Typography.Text type="secondary">尚未发出征求意见稿。</Typography.Text>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {drafts.map((d) => (
              <DraftCard key={d.id} draft={d} evaluationId={evaluationId} user={user} reload={load} />
            ))}
          </Space>
        )}
      </Card>
      <WorkPlan evaluationId={evaluationId} user={user} />
      <Evidence evaluationId={evaluationId} />
    </Space>
  );
}

export function ThirdPartyPage({ path, user }: { path: string; user: User }) {
  const { message } = AntApp.useApp();
  const [assignments, setAssignments] = useState<Assignment[]>([]);
  const fromPath = /^\/third-party\/(\d+)/.exec(path)?.[1];
  const [selected, setSelected] = useState<number | undefined>(
    fromPath === undefined ? undefined : Number(fromPath),
  );
  const load = useCallback(() => {
    void thirdPartyApi
      .assignments()
      .then(setAssignments, (e: unknown) => message.error(errorText(e, '加载委托失败')));
  }, [message]);
  useEffect(load, [load]);
  const columns: ColumnsType<Assignment> = [
    { title: '年度', dataIndex: 'fiscalYear', width: 80 },
    { title: '评价', dataIndex: 'title' },
    { title: '被评价单位', dataIndex: 'organisationName' },
    { title: '状态', dataIndex: 'statusName', width: 90 },
    { title: '受托机构', dataIndex: 'evaluatorName' },
    {
      title: '',
      key: 'op',
      width: 90,
      render: (_v, a) => (
        <Button
          size="small"
          type={selected === a.evaluationId ? 'primary' : 'default'}
          onClick={() => setSelected(a.evaluationId)}
        >
          打开
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>第三方评价</Typography.Title>
      <Card size="small" title="委托的评价">
        {ASSIGNERS.includes(user.role) && (
          <div style={{ marginBottom: 12 }}>
            <Assign onDone={load} />
          </div>
        )}
        <Table
          rowKey={(a) => `${String(a.evaluationId)}-${String(a.evaluatorId)}`}
          size="small"
          columns={columns}
          dataSource={assignments}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无委托' }}
        />
      </Card>
      {selected !== undefined && <EvaluationPanel key={selected} evaluationId={selected} user={user} />}
    </Space>
  );
}
