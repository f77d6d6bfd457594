/**
 * 指标体系: the indicator tree as an editable table — add, move, delete nodes; weights with the sum
 * checked per level as they are typed; the scoring method with its parameters; target and actual
 * with their unit ("≥2000人", "95%"). The last edits can be undone (撤销, Ctrl+Z).
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { Alert, Button, Input, Modal, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { type EvaluationInput, str } from '../../api.ts';
import { type TabProps, getAt, issueAt, setAt } from './doc.ts';
import { METHOD_NAMES, type Method, MethodForm, gradeLevels } from './MethodForm.tsx';

interface Node {
  code?: string;
  name?: string;
  weight?: unknown;
  target?: unknown;
  actual?: unknown;
  method?: { type: string } & Record<string, unknown>;
  children?: Node[];
}

interface Row {
  key: string; // the document path: indicators.0.children.2
  node: Node;
  level: number;
  children?: Row[];
}

/** Text of a target or actual as the user writes it; objects shown compactly. */
function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const o = v as Record<string, unknown>;
  if (typeof o['text'] === 'string') return o['text'];
  if (o['ratio'] !== undefined)
    return `〔比率 ${str(o['ratio'])}${o['scope'] ? `·${str(o['scope'])}` : ''}〕`;
  if (o['value'] !== undefined) return `${str(o['op'])}${str(o['value'])}${str(o['unit'])}`;
  return JSON.stringify(v);
}

const plain = (w: unknown): number => {
  const n = Number(str(w).replaceAll(',', ''));
  return Number.isFinite(n) ? n : 0;
};

/** Sum of the children's weights in hundredths (integers: no binary rounding in the check). */
const cents = (w: unknown): number => Math.round(plain(w) * 100);

function rows(nodes: Node[] | undefined, base: string, level: number): Row[] {
  return (nodes ?? []).map((node, i) => {
    const key = `${base}.${String(i)}`;
    const kids =
      node.children && node.children.length > 0
        ? rows(node.children, `${key}.children`, level + 1)
        : undefined;
    return { key, node, level, ...(kids ? { children: kids } : {}) };
  });
}

/** A small icon button named `label`, in its tooltip and for screen readers. */
function IconAction({
  label,
  icon,
  danger = false,
  disabled,
  onClick,
}: {
  label: string;
  icon: ReactNode;
  danger?: boolean;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <Tooltip title={label}>
      <Button
        size="small"
        type="text"
        danger={danger}
        icon={icon}
        disabled={disabled}
        onClick={onClick}
        aria-label={label}
      />
    </Tooltip>
  );
}

/** The list holding the node at `path` and its index there. */
function parentOf(path: string): { list: string; index: number } {
  const i = path.lastIndexOf('.');
  return { list: path.slice(0, i), index: Number(path.slice(i + 1)) };
}

export function IndicatorTab(p: TabProps & { focus?: string | null }) {
  const history = useRef<EvaluationInput[]>([]);
  const [methodOf, setMethodOf] = useState<Row | null>(null);
  const [draft, setDraft] = useState<Method>({ type: 'manual' });
  const [methodView, setMethodView] = useState<'form' | 'json'>('form');
  const [methodText, setMethodText] = useState('');
  const [methodError, setMethodError] = useState<string | null>(null);
  const data = useMemo(() => rows(p.doc.indicators as Node[] | undefined, 'indicators', 1), [p.doc]);

  // a finding's indicator (its code), brought into view and marked
  const focusKey = useMemo(() => {
    const find = (rs: Row[]): string | undefined => {
      for (const r of rs) {
        if (r.node.code === p.focus) return r.key;
        const inner = find(r.children ?? []);
        if (inner !== undefined) return inner;
      }
      return undefined;
    };
    return p.focus ? find(data) : undefined;
  }, [data, p.focus]);
  useEffect(() => {
    if (focusKey === undefined) return;
    const t = setTimeout(() => {
      document.querySelector(`[data-row-key="${focusKey}"]`)?.scrollIntoView({ block: 'center' });
    }, 50);
    return () => {
      clearTimeout(t);
    };
  }, [focusKey]);

  const edit = (next: EvaluationInput) => {
    history.current.push(p.doc);
    if (history.current.length > 50) history.current.shift();
    p.change(next);
  };
  const undo = () => {
    const prev = history.current.pop();
    if (prev !== undefined) p.change(prev);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      const typing = target?.tagName === 'TEXTAREA' || target?.tagName === 'INPUT';
      if ((e.ctrlKey || e.metaKey) && e.key === 'z' && !typing && history.current.length > 0) {
        e.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  });

  const list = (path: string): Node[] => (getAt(p.doc, path) as Node[] | undefined) ?? [];
  const addChild = (r: Row | null) => {
    const path = r === null ? 'indicators' : `${r.key}.children`;
    const kids = list(path);
    edit(setAt(p.doc, path, [...kids, { name: '新指标', weight: '0' }]));
  };
  const remove = (r: Row) => {
    Modal.confirm({
      title: `删除“${r.node.name ?? ''}”？`,
      content: r.children ? '其下级指标将一并删除。可用“撤销”恢复。' : '可用“撤销”恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => {
        const { list: at, index } = parentOf(r.key);
        edit(
          setAt(
            p.doc,
            at,
            list(at).filter((_n, i) => i !== index),
          ),
        );
      },
    });
  };
  const move = (r: Row, by: -1 | 1) => {
    const { list: at, index } = parentOf(r.key);
    const items = [...list(at)];
    const j = index + by;
    if (j < 0 || j >= items.length) return;
    const a = items[index];
    const b = items[j];
    if (a === undefined || b === undefined) return;
    items[index] = b;
    items[j] = a;
    edit(setAt(p.doc, at, items));
  };
  const setField = (r: Row, field: string, value: unknown) => edit(setAt(p.doc, `${r.key}.${field}`, value));

  // weights: each group's children should add up to the group's weight; the top level to 100
  const sumProblems = useMemo(() => {
    const out = new Map<string, string>();
    const check = (nodes: Node[] | undefined, expected: unknown, key: string, name: string) => {
      if (!nodes || nodes.length === 0) return;
      const sum = nodes.reduce((s, n) => s + cents(n.weight), 0);
      if (expected !== undefined && sum !== cents(expected))
        out.set(
          key,
          `${name}下级分值合计 ${(sum / 100).toFixed(2)}，应为 ${(cents(expected) / 100).toFixed(2)}`,
        );
      nodes.forEach((n, i) =>
        check(
          n.children,
          n.weight,
          `${key === '' ? 'indicators' : `${key}.children`}.${String(i)}`,
          n.name ?? '',
        ),
      );
    };
    check(p.doc.indicators, '100', '', '指标体系一级指标');
    return out;
  }, [p.doc]);

  const openMethod = (r: Row) => {
    const m = r.node.method ?? { type: 'manual', score: '0', reason: '' };
    setMethodOf(r);
    setDraft(m);
    setMethodText(JSON.stringify(m, null, 2));
    setMethodView('form');
    setMethodError(null);
  };
  /** The method as edited: the form's, or the JSON typed (checked to be an object with a type). */
  const editedMethod = (): Method | undefined => {
    if (methodView === 'form') return draft;
    try {
      const m = JSON.parse(methodText) as unknown;
      if (m !== null && typeof m === 'object' && typeof (m as { type?: unknown }).type === 'string')
        return m as Method;
      setMethodError('应为带 type 的对象，如 {"type": "threshold"}');
    } catch {
      setMethodError('不是有效的 JSON：请检查引号和逗号');
    }
    return undefined;
  };
  const switchView = (view: 'form' | 'json') => {
    if (view === methodView) return;
    if (view === 'json') setMethodText(JSON.stringify(draft, null, 2));
    else {
      const m = editedMethod();
      if (m === undefined) return;
      setDraft(m);
    }
    setMethodError(null);
    setMethodView(view);
  };
  const saveMethod = () => {
    if (methodOf === null) return;
    const m = editedMethod();
    if (m === undefined) return;
    setField(methodOf, 'method', m);
    setMethodOf(null);
  };

  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button icon={<PlusOutlined />} disabled={!p.editable} onClick={() => addChild(null)}>
          添加一级指标
        </Button>
        <Tooltip title="撤销最近一次修改（Ctrl+Z）">
          <Button
            icon={<UndoOutlined />}
            disabled={!p.editable || history.current.length === 0}
            onClick={undo}
            data-testid="undo"
          >
            撤销
          </Button>
        </Tooltip>
        <Typography.Text type="secondary">
          分值合计：{(data.reduce((s, r) => s + cents(r.node.weight), 0) / 100).toFixed(2)} / 100
        </Typography.Text>
      </Space>
      {sumProblems.size > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title="分值合计不一致"
          description={[...sumProblems.values()].slice(0, 6).join('；')}
          data-testid="weight-warning"
        />
      )}
      <Table<Row>
        size="small"
        pagination={false}
        dataSource={data}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: 'max-content', y: 560 }}
        onRow={(r) => (r.key === focusKey ? { style: { background: '#fffbe6' }, 'data-focus': 'true' } : {})}
        columns={[
          { title: '编号', width: 100, render: (_v, r) => r.node.code ?? '' },
          {
            title: '指标名称',
            width: 160,
            render: (_v, r) => {
              const error = issueAt(p.issues, `${r.key}.name`);
              return (
                <Input
                  size="small"
                  value={r.node.name ?? ''}
                  disabled={!p.editable}
                  status={error ? 'error' : undefined}
                  title={error}
                  onChange={(e) => setField(r, 'name', e.target.value)}
                  aria-label={`${r.node.code ?? ''} 名称`}
                />
              );
            },
          },
          {
            title: '分值',
            width: 76,
            render: (_v, r) => {
              const problem = sumProblems.get(r.key);
              return (
                <Tooltip title={problem}>
                  <Input
                    size="small"
                    value={str(r.node.weight)}
                    disabled={!p.editable}
                    status={problem || issueAt(p.issues, `${r.key}.weight`) ? 'warning' : undefined}
                    style={{ textAlign: 'right' }}
                    onChange={(e) =>
                      setField(r, 'weight', e.target.value.trim() === '' ? undefined : e.target.value.trim())
                    }
                    aria-label={`${r.node.code ?? ''} 分值`}
                  />
                </Tooltip>
              );
            },
          },
          {
            title: '评分方法',
            width: 300,
            render: (_v, r) =>
              r.children ? null : (
                <Space size={4}>
                  <Select
                    size="small"
                    style={{ width: 100 }}
                    value={r.node.method?.type}
                    placeholder="选择"
                    disabled={!p.editable}
                    options={Object.entries(METHOD_NAMES).map(([value, label]) => ({ value, label }))}
                    onChange={(type: string) =>
                      setField(r, 'method', type === r.node.method?.type ? r.node.method : { type })
                    }
                    aria-label={`${r.node.code ?? ''} 评分方法`}
                  />
                  {r.node.method?.type === 'grade' && (
                    <Select
                      size="small"
                      style={{ width: 116 }}
                      placeholder="评定等级"
                      allowClear
                      value={typeof r.node.method['level'] === 'string' ? r.node.method['level'] : undefined}
                      disabled={!p.editable}
                      options={gradeLevels(r.node.method).map((l) => ({
                        value: l.label,
                        label: l.label,
                      }))}
                      onChange={(level?: string) => {
                        const m: Method = { ...(r.node.method as Method) };
                        Reflect.deleteProperty(m, 'score');
                        if (level === undefined) Reflect.deleteProperty(m, 'level');
                        else m['level'] = level;
                        setField(r, 'method', m);
                      }}
                      aria-label={`${r.node.code ?? ''} 评定等级`}
                    />
                  )}
                  {r.node.method?.type === 'grade' &&
                    (() => {
                      // a range level (e.g. 80%–100% of the weight) needs the score given within it
                      const level = gradeLevels(r.node.method).find(
                        (l) => l.label === str(r.node.method?.['level']),
                      );
                      if (level === undefined || level.share !== undefined) return null;
                      const range = `分值的 ${level.min ?? ''}–${level.max ?? ''}`;
                      return (
                        <Tooltip title={`在${range}内给分`}>
                          <Input
                            size="small"
                            style={{ width: 64 }}
                            placeholder="得分"
                            value={str(r.node.method['score'])}
                            disabled={!p.editable}
                            status={str(r.node.method['score']) === '' ? 'warning' : undefined}
                            onChange={(e) => {
                              const m: Method = { ...(r.node.method as Method) };
                              const v = e.target.value.trim();
                              if (v === '') Reflect.deleteProperty(m, 'score');
                              else m['score'] = v;
                              setField(r, 'method', m);
                            }}
                            aria-label={`${r.node.code ?? ''} 区间内得分`}
                          />
                        </Tooltip>
                      );
                    })()}
                </Space>
              ),
          },
          {
            title: '参数',
            width: 56,
            render: (_v, r) =>
              r.children ? null : (
                <Button
                  size="small"
                  type="link"
                  onClick={() => openMethod(r)}
                  disabled={!p.editable && r.node.method === undefined}
                >
                  {p.editable ? '编辑' : '查看'}
                </Button>
              ),
          },
          {
            title: '指标值（目标）',
            width: 110,
            render: (_v, r) =>
              r.children ? null : (
                <Input
                  size="small"
                  value={asText(r.node.target)}
                  disabled={
                    !p.editable ||
                    (typeof r.node.target === 'object' &&
                      r.node.target !== null &&
                      !('text' in r.node.target))
                  }
                  placeholder="如 ≥2000人"
                  onChange={(e) => setField(r, 'target', e.target.value === '' ? undefined : e.target.value)}
                  aria-label={`${r.node.code ?? ''} 指标值`}
                />
              ),
          },
          {
            title: '完成值（实际）',
            width: 110,
            render: (_v, r) => {
              if (r.children) return null;
              const computed =
                typeof r.node.actual === 'object' && r.node.actual !== null && 'ratio' in r.node.actual;
              return computed ? (
                <Tag color="blue" title="由预算数据计算">
                  {asText(r.node.actual)}
                </Tag>
              ) : (
                <Input
                  size="small"
                  value={asText(r.node.actual)}
                  disabled={!p.editable}
                  placeholder="如 1808人、95%"
                  onChange={(e) => setField(r, 'actual', e.target.value === '' ? undefined : e.target.value)}
                  aria-label={`${r.node.code ?? ''} 完成值`}
                />
              );
            },
          },
          {
            title: '',
            width: 136,
            render: (_v, r) => (
              <Space size={0}>
                <IconAction
                  label="添加下级"
                  icon={<PlusOutlined />}
                  disabled={!p.editable}
                  onClick={() => addChild(r)}
                />
                <IconAction
                  label="上移"
                  icon={<ArrowUpOutlined />}
                  disabled={!p.editable}
                  onClick={() => move(r, -1)}
                />
                <IconAction
                  label="下移"
                  icon={<ArrowDownOutlined />}
                  disabled={!p.editable}
                  onClick={() => move(r, 1)}
                />
                <IconAction
                  label="删除"
                  icon={<DeleteOutlined />}
                  danger
                  disabled={!p.editable}
                  onClick={() => remove(r)}
                />
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={methodOf ? `评分方法：${methodOf.node.code ?? ''} ${methodOf.node.name ?? ''}` : ''}
        open={methodOf !== null}
        onCancel={() => setMethodOf(null)}
        onOk={saveMethod}
        okButtonProps={{ disabled: !p.editable }}
        okText="确定"
        cancelText="取消"
        width={720}
        destroyOnHidden
      >
        <Segmented
          style={{ marginBottom: 12 }}
          value={methodView}
          onChange={(v) => switchView(v === 'json' ? 'json' : 'form')}
          options={[
            { value: 'form', label: '表单' },
            { value: 'json', label: 'JSON' },
          ]}
        />
        {methodView === 'form' ? (
          <MethodForm
            value={draft}
            onChange={setDraft}
            disabled={!p.editable}
            weight={str(methodOf?.node.weight)}
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">
              方法及其参数（JSON，字段见 docs/scoring-methods.md）。确定后即按新方法试算。
            </Typography.Paragraph>
            <Input.TextArea
              value={methodText}
              onChange={(e) => setMethodText(e.target.value)}
              autoSize={{ minRows: 8, maxRows: 20 }}
              readOnly={!p.editable}
              style={{ fontFamily: 'monospace' }}
              status={methodError ? 'error' : undefined}
            />
          </>
        )}
        {methodError && <Typography.Text type="danger">{methodError}</Typography.Text>}
      </Modal>
    </>
  );
}
