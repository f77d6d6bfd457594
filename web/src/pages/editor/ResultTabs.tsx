import { App as AntApp, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Severity } from '../../../../src/core/audit/finding.ts';
import type { AuditJson, EvaluationInput, ScoreJson } from '../../api.ts';
import { SEVERITY } from '../../labels.ts';
import { type TabProps, getAt, setAt } from './doc.ts';

type Row = ScoreJson['indicators'][number];

/** The document path of each scored indicator: the score lists the tree in the same pre-order. */
export function nodePaths(doc: EvaluationInput): string[] {
  const out: string[] = [];
  const walk = (nodes: unknown, base: string): void => {
    if (!Array.isArray(nodes)) return;
    nodes.forEach((n: unknown, i) => {
      const path = `${base}.${String(i)}`;
      out.push(path);
      walk((n as { children?: unknown }).children, `${path}.children`);
    });
  };
  walk(doc.indicators, 'indicators');
  return out;
}

export function ScoreTab(p: TabProps) {
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<{ row: Row; path: string } | null>(null);
  const [form] = Form.useForm<{ score: string; reason: string }>();
  const rows = p.preview?.score.indicators ?? [];
  const paths = nodePaths(p.doc);

  const openOverride = (row: Row, index: number) => {
    const path = paths[index];
    if (path === undefined) return;
    const current = getAt(p.doc, `${path}.override`) as { score?: unknown; reason?: string } | undefined;
    form.setFieldsValue({
      score:
        typeof current?.score === 'string' || typeof current?.score === 'number'
          ? String(current.score)
          : row.score,
      reason: current?.reason ?? '',
    });
    setEditing({ row, path });
  };
  const saveOverride = async () => {
    if (editing === null) return;
    const v = await form.validateFields();
    const max = Number(editing.row.weight);
    if (Number(v.score) > max) {
      form.setFields([{ name: 'score', errors: [`不能超过该指标的分值 ${editing.row.weight}`] }]);
      return;
    }
    p.change(setAt(p.doc, `${editing.path}.override`, { score: v.score.trim(), reason: v.reason.trim() }));
    setEditing(null);
    message.success('已调整得分（保存后生效）');
  };

  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text>
          总分 <b data-testid="score-total">{p.preview?.score.total ?? '—'}</b> /{' '}
          {p.preview?.score.totalWeight ?? '—'}，等级 <b>{p.preview?.score.grade ?? '—'}</b>
        </Typography.Text>
      </Space>
      <Table<Row>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rows}
        scroll={{ y: 520 }}
        rowClassName={(r) => (r.level === 1 ? 'jx-level1' : '')}
        columns={[
          { title: '编号', dataIndex: 'code', width: 70 },
          {
            title: '指标',
            dataIndex: 'name',
            width: 240,
            render: (n: string, r) => (
              <span style={{ paddingLeft: (r.level - 1) * 14, fontWeight: r.level === 1 ? 600 : 400 }}>
                {n}
              </span>
            ),
          },
          { title: '分值', dataIndex: 'weight', width: 70, align: 'right' },
          {
            title: '得分',
            dataIndex: 'score',
            width: 80,
            align: 'right',
            render: (s: string, r) =>
              r.override ? (
                <Tag color="gold" title={`计算得分 ${r.computed ?? ''}；理由：${r.override.reason}`}>
                  {s}
                </Tag>
              ) : (
                s
              ),
          },
          {
            title: '得分率',
            dataIndex: 'rate',
            width: 80,
            align: 'right',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: '计算说明',
            dataIndex: 'explanation',
            render: (e: string) => <span style={{ fontSize: 12 }}>{e}</span>,
          },
          {
            title: '',
            width: 70,
            render: (_v, r, i) =>
              r.method !== null && p.editable ? (
                <Button size="small" type="link" onClick={() => openOverride(r, i)}>
                  调整
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        title={editing ? `调整得分：${editing.row.code} ${editing.row.name}` : ''}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => void saveOverride()}
        okText="确定"
        cancelText="取消"
        destroyOnHidden
        footer={(_, { OkBtn, CancelBtn }) => (
          <>
            {editing !== null && getAt(p.doc, `${editing.path}.override`) !== undefined && (
              <Button
                danger
                onClick={() => {
                  p.change(setAt(p.doc, `${editing.path}.override`, undefined));
                  setEditing(null);
                }}
              >
                取消调整
              </Button>
            )}
            <CancelBtn />
            <OkBtn />
          </>
        )}
      >
        <Typography.Paragraph type="secondary">
          按评分规则计算的得分为 {editing?.row.computed ?? editing?.row.score}，两者都会保留。
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item
            label="调整后得分"
            name="score"
            rules={[
              { required: true, message: '请输入得分' },
              { pattern: /^\d+(\.\d+)?$/, message: '请输入非负数字' },
            ]}
          >
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            label="调整理由"
            name="reason"
            rules={[{ required: true, whitespace: true, message: '调整得分必须说明理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Where a finding's location is edited. */
function tabOf(location: string, codes: Set<string>): { tab: string; label: string } | undefined {
  if (location.startsWith('budget') || location.startsWith('staffing'))
    return { tab: 'budget', label: '预算执行' };
  if (location === 'total') return { tab: 'score', label: '评分' };
  if (codes.has(location)) return { tab: 'indicators', label: `指标体系 ${location}` };
  if (location.startsWith('unit')) return { tab: 'basic', label: '基本情况' };
  return undefined;
}

export function AuditTab(p: TabProps & { goTo: (tab: string, focus: string) => void }) {
  const audit: AuditJson | undefined = p.preview?.audit;
  const codes = new Set((p.preview?.score.indicators ?? []).map((i) => i.code));
  if (audit === undefined) return <Typography.Text type="secondary">正在审核…</Typography.Text>;
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Tag color="red">错误 {audit.counts.error}</Tag>
        <Tag color="orange">警告 {audit.counts.warning}</Tag>
        <Tag color="blue">提示 {audit.counts.info}</Tag>
      </Space>
      <Table
        size="small"
        rowKey={(_r, i) => String(i)}
        pagination={{ pageSize: 20 }}
        dataSource={audit.findings}
        locale={{ emptyText: '未发现问题' }}
        columns={[
          {
            title: '级别',
            dataIndex: 'severity',
            width: 70,
            render: (s: Severity) => <Tag color={SEVERITY[s].color}>{SEVERITY[s].label}</Tag>,
          },
          {
            title: '位置',
            dataIndex: 'location',
            width: 140,
            render: (l: string) => {
              const t = tabOf(l, codes);
              return t ? (
                <Typography.Link onClick={() => p.goTo(t.tab, l)} title={`转到：${t.label}`}>
                  {l}
                </Typography.Link>
              ) : (
                l
              );
            },
          },
          {
            title: '问题',
            dataIndex: 'message',
            render: (m: string) => <span data-testid="finding">{m}</span>,
          },
          { title: '所述', dataIndex: 'stated', width: 90 },
          { title: '应为', dataIndex: 'computed', width: 90 },
        ]}
      />
    </>
  );
}
