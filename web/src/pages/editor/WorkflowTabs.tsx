import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Form, Input, Modal, Space, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  ACTION_NAMES,
  ApiError,
  type Evaluation,
  type LogEntry,
  type WorkflowAction,
  api,
} from '../../api.ts';

const REPORTS: { type: string; name: string; formats: string[]; kinds?: string[] }[] = [
  { type: 'project', name: '项目支出绩效评价报告', formats: ['docx', 'pdf'], kinds: ['project'] },
  { type: 'department', name: '部门整体支出绩效评价报告', formats: ['docx', 'pdf'], kinds: ['department'] },
  { type: 'self-table', name: '绩效自评表', formats: ['docx', 'xlsx', 'pdf'] },
  { type: 'indicators', name: '绩效评价指标体系评分表', formats: ['docx', 'xlsx', 'pdf'] },
];
const FORMAT_NAMES: Record<string, string> = { docx: 'Word', xlsx: 'Excel', pdf: 'PDF' };

/** Styles for the report preview: the Word document's HTML, as on paper. */
const PREVIEW_CSS = `body{font-family:"Noto Serif CJK SC","SimSun",serif;margin:24px 40px;line-height:1.7;color:#222}
table{border-collapse:collapse;margin:12px 0;font-size:13px}td,th{border:1px solid #999;padding:3px 6px}
h1,h2,h3{font-family:"Noto Sans CJK SC","SimHei",sans-serif}img{max-width:100%}`;

export function ReportTab({ evaluation, dirty }: { evaluation: Evaluation; dirty: boolean }) {
  const { message } = AntApp.useApp();
  const reports = REPORTS.filter((r) => r.kinds === undefined || r.kinds.includes(evaluation.kind));
  const [preview, setPreview] = useState<{ title: string; html: string } | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const show = async (type: string) => {
    setLoading(type);
    try {
      setPreview(await api.reportPreview(evaluation.id, type));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '预览失败');
    } finally {
      setLoading(null);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {dirty && <Alert type="warning" showIcon title="有未保存的修改：报告按已保存的版本生成，请先保存。" />}
      {reports.map((r) => (
        <Card key={r.type} size="small" title={r.name}>
          <Space wrap>
            <Button
              icon={<EyeOutlined />}
              loading={loading === r.type}
              onClick={() => void show(r.type)}
              data-testid={`preview-${r.type}`}
            >
              预览
            </Button>
            {r.formats.map((f) => (
              <Button
                key={f}
                icon={<DownloadOutlined />}
                href={api.reportUrl(evaluation.id, r.type, f)}
                data-testid={`download-${r.type}-${f}`}
              >
                下载 {FORMAT_NAMES[f]}
              </Button>
            ))}
          </Space>
          {r.formats.includes('pdf') && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              PDF 由服务器上的 LibreOffice 生成，需要数秒。
            </Typography.Paragraph>
          )}
        </Card>
      ))}
      <Modal
        title={preview?.title ?? ''}
        open={preview !== null}
        onCancel={() => setPreview(null)}
        footer={null}
        width={960}
        destroyOnHidden
      >
        {/* the document in a frame of its own: its styles stay apart, and nothing in it can run */}
        <iframe
          title="报告预览"
          sandbox=""
          data-testid="report-preview"
          style={{ width: '100%', height: '70vh', border: '1px solid #eee' }}
          srcDoc={`<!doctype html><meta charset="utf-8"><style>${PREVIEW_CSS}</style>${preview?.html ?? ''}`}
        />
      </Modal>
    </Space>
  );
}

const LOG_NAMES: Record<string, string> = {
  create: '新建',
  update: '保存',
  assign: '委托第三方',
  revise: '新建版本',
  rescore: '重新评分',
  ...ACTION_NAMES,
};

export function WorkflowTab({
  evaluation,
  dirty,
  onMoved,
}: {
  evaluation: Evaluation;
  dirty: boolean;
  onMoved: (e: Evaluation) => void;
}) {
  const { message } = AntApp.useApp();
  const [log, setLog] = useState<LogEntry[]>([]);
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const loadLog = useCallback(async () => {
    setLog(await api.log(evaluation.id));
  }, [evaluation.id]);
  useEffect(() => {
    void loadLog();
  }, [loadLog, evaluation.version, evaluation.status]);

  const move = async (action: WorkflowAction, reason?: string) => {
    setBusy(true);
    try {
      const moved = await api.move(evaluation.id, action, reason);
      onMoved(moved);
      message.success(`已${ACTION_NAMES[action]}`);
      setReturning(false);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title="流程操作">
        {dirty && (
          <Alert
            type="warning"
            showIcon
            title="有未保存的修改，请先保存再提交。"
            style={{ marginBottom: 8 }}
          />
        )}
        <Space wrap>
          {evaluation.actions.length === 0 && (
            <Typography.Text type="secondary">当前没有可执行的操作。</Typography.Text>
          )}
          {evaluation.actions.map((a) => (
            <Button
              key={a}
              type={a === 'return' ? 'default' : 'primary'}
              danger={a === 'return'}
              disabled={dirty}
              loading={busy}
              onClick={() => (a === 'return' ? setReturning(true) : void move(a))}
            >
              {ACTION_NAMES[a]}
            </Button>
          ))}
        </Space>
      </Card>
      <Card size="small" title="变更记录">
        <Timeline
          items={log.map((l) => ({
            color: l.action === 'return' ? 'red' : l.action === 'finalise' ? 'green' : 'blue',
            children: (
              <span>
                <b>{LOG_NAMES[l.action] ?? l.action}</b> · {l.user ?? '系统'} ·{' '}
                {new Date(l.at).toLocaleString('zh-CN')}
                {l.reason ? <div>原因：{l.reason}</div> : null}
              </span>
            ),
          }))}
        />
      </Card>
      <Modal
        title="退回"
        open={returning}
        onCancel={() => setReturning(false)}
        onOk={() => void form.validateFields().then((v) => move('return', v.reason))}
        okText="退回"
        cancelText="取消"
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            label="退回原因"
            name="reason"
            rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3 }}
              placeholder="例如：预算执行率计算有误，请核对实际支出数"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
