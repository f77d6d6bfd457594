import { App as AntApp, Descriptions, Form, Input, InputNumber, Radio, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { type TabProps, getAt, issueAt, setAt, shiftBudget } from './doc.ts';

/** An amount or other decimal typed as text: kept as the exact string (never a float). */
const DECIMAL = /^-?[\d,]+(\.\d+)?$/;

function TextField({
  p,
  path,
  label,
  multiline,
}: {
  p: TabProps;
  path: string;
  label: string;
  multiline?: boolean;
}) {
  const raw = getAt(p.doc, path);
  const value = Array.isArray(raw) ? raw.join('\n') : typeof raw === 'string' ? raw : '';
  const error = issueAt(p.issues, path);
  const set = (v: string) => {
    p.change(
      setAt(
        p.doc,
        path,
        Array.isArray(raw) || multiline === true ? v.split('\n').filter((l) => l.trim() !== '') : v,
      ),
    );
  };
  return (
    <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error}>
      {multiline === true ? (
        <Input.TextArea
          value={value}
          disabled={!p.editable}
          autoSize={{ minRows: 3, maxRows: 10 }}
          onChange={(e) => set(e.target.value)}
          aria-label={label}
        />
      ) : (
        <Input
          value={value}
          disabled={!p.editable}
          onChange={(e) => set(e.target.value)}
          aria-label={label}
        />
      )}
    </Form.Item>
  );
}

function CountField({ p, path, label }: { p: TabProps; path: string; label: string }) {
  const raw = getAt(p.doc, path);
  const error = issueAt(p.issues, path);
  return (
    <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error}>
      <InputNumber
        min={0}
        precision={0}
        value={typeof raw === 'number' ? raw : null}
        disabled={!p.editable}
        onChange={(v) => p.change(setAt(p.doc, path, v ?? undefined))}
        aria-label={label}
        style={{ width: 140 }}
      />
    </Form.Item>
  );
}

export function AmountField({ p, path, label }: { p: TabProps; path: string; label: string }) {
  const raw = getAt(p.doc, path);
  const value = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
  const serverError = issueAt(p.issues, path);
  const localError = value !== '' && !DECIMAL.test(value.trim()) ? '请输入数字，如 1,234.56' : undefined;
  const error = localError ?? serverError;
  const unit = p.doc.amountUnit === '万元' ? '万元' : '元';
  return (
    <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error}>
      <Input
        value={value}
        disabled={!p.editable}
        suffix={unit}
        id={`field-${path}`}
        inputMode="decimal"
        style={{ width: 220, textAlign: 'right' }}
        onChange={(e) => {
          const v = e.target.value.trim();
          p.change(setAt(p.doc, path, v === '' ? undefined : v));
        }}
        aria-label={label}
      />
    </Form.Item>
  );
}

export function BasicTab(p: TabProps) {
  return (
    <Form layout="horizontal" labelCol={{ flex: '120px' }} style={{ maxWidth: 900 }}>
      <TextField p={p} path="unit.name" label="单位名称" />
      <TextField p={p} path="unit.head" label="单位负责人" />
      <TextField p={p} path="unit.nature" label="单位性质" />
      <TextField p={p} path="unit.fundingSource" label="经费来源" />
      <TextField p={p} path="unit.address" label="地址" />
      <TextField p={p} path="unit.duties" label="主要职能" multiline />
      <Typography.Title level={5}>人员编制</Typography.Title>
      <CountField p={p} path="staffing.authorized.total" label="编制人数" />
      <CountField p={p} path="staffing.actual.total" label="实有人数" />
    </Form>
  );
}

export function BudgetTab(p: TabProps & { focus?: string | null }) {
  const { modal } = AntApp.useApp();
  const ratios = p.preview?.score.ratios ?? [];
  // a finding about a budget figure: its field gets the cursor
  useEffect(() => {
    if (p.focus?.startsWith('budget.') !== true) return;
    document.getElementById(`field-${p.focus}`)?.focus();
  }, [p.focus]);
  /** Another amount unit: the amounts entered are converted (exactly) or only relabelled, as asked. */
  const switchUnit = (unit: '元' | '万元') => {
    const from = p.doc.amountUnit === '万元' ? '万元' : '元';
    if (unit === from) return;
    const relabel = () => p.change(setAt(p.doc, 'amountUnit', unit));
    if (p.doc.budget === undefined) {
      relabel();
      return;
    }
    modal.confirm({
      title: `金额单位改为“${unit}”`,
      content: `是否把已填写的预算金额从${from}换算为${unit}（${unit === '万元' ? '除以' : '乘以'} 10,000，精确换算）？选择“仅改单位”则数字不变。`,
      okText: '换算金额',
      cancelText: '仅改单位',
      onOk: () =>
        p.change(
          setAt(
            setAt(p.doc, 'budget', shiftBudget(p.doc.budget, unit === '万元' ? -4 : 4)),
            'amountUnit',
            unit,
          ),
        ),
      onCancel: relabel,
    });
  };
  return (
    <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
      <Form layout="horizontal" labelCol={{ flex: '140px' }} style={{ minWidth: 380 }}>
        <Form.Item label="金额单位">
          <Radio.Group
            value={p.doc.amountUnit ?? '元'}
            disabled={!p.editable}
            onChange={(e) => switchUnit(e.target.value === '万元' ? '万元' : '元')}
            options={[
              { value: '元', label: '元' },
              { value: '万元', label: '万元' },
            ]}
          />
        </Form.Item>
        <AmountField p={p} path="budget.initial" label="年初预算数" />
        <AmountField p={p} path="budget.adjustment" label="预算调整数" />
        <AmountField p={p} path="budget.annual" label="全年预算数" />
        <AmountField p={p} path="budget.executed" label="实际支出数" />
        <AmountField p={p} path="budget.carryOver" label="结转结余" />
      </Form>
      <div style={{ flex: 1, minWidth: 360 }}>
        <Typography.Title level={5}>比率（随填写实时计算）</Typography.Title>
        <Table
          size="small"
          rowKey={(r) => `${r.code}:${r.scope ?? ''}`}
          pagination={false}
          dataSource={ratios}
          locale={{ emptyText: '填写预算数据后显示' }}
          columns={[
            { title: '比率', dataIndex: 'name', width: 140 },
            {
              title: '数值',
              dataIndex: 'value',
              width: 100,
              align: 'right',
              render: (v: string | null) => <span data-testid="ratio-value">{v ?? '—'}</span>,
            },
            { title: '计算过程', dataIndex: 'explanation' },
          ]}
        />
        <Descriptions size="small" style={{ marginTop: 12 }} column={1}>
          <Descriptions.Item label="提示">
            金额按所选单位填写；可带千分位逗号。比率由服务器按精确小数计算，四舍五入保留两位。
          </Descriptions.Item>
        </Descriptions>
      </div>
    </div>
  );
}
