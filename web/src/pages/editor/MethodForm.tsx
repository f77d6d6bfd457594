/**
 * A form per scoring method (评分方法): the parameters each method takes, in words a clerk knows
 * (docs/scoring-methods.md). Values are kept as the text typed ("60%", "0.5"), never as floats;
 * the service checks them when the editor asks it to score (the errors come back by field).
 */
import { str } from '../../api.ts';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';

export type Method = { type: string } & Record<string, unknown>;

export const METHOD_NAMES: Record<string, string> = {
  proportional: '比例计分',
  band: '区间计分',
  threshold: '达标计分',
  deduction: '扣分制',
  elements: '要素计分',
  likert: '问卷满意度',
  tiers: '分档计分',
  grade: '等级计分',
  'over-target': '超目标计分',
  manual: '人工评分',
};

export const METHOD_HELP: Record<string, string> = {
  proportional: '得分 = 分值 × 完成比例（实际 ÷ 目标，最高 100%）；“越低越好”的指标用目标 ÷ 实际。',
  band: '完成率 ≥ 100% 得满分；在下限与 100% 之间按比例插值；低于下限不得分（财预〔2021〕101号）。',
  threshold: '达到指标值得满分，否则得“未达标得分”（默认 0）。',
  deduction: '从满分起，每差一个单位（或每发生一次）扣若干分，扣完为止。',
  elements: '逐项核对要素，符合的要素得其分值，合计不超过指标分值。',
  likert: '问卷得分率 × 分值；可直接填写满意度，或引用问卷题目。',
  tiers: '按数值所在档次得固定分或分值的一定比例。',
  grade: '定性指标：按评定的等级取分值的相应比例（区间等级可在区间内给分）。',
  'over-target': '完成值偏离指标值超过一定幅度的，按幅度扣分。',
  manual: '评价人直接打分，必须说明理由。',
};

/** The default 等级 of 财预〔2021〕101号, used when a grade method lists none. */
const DEFAULT_LEVELS = [
  { label: '基本达成', min: '80%', max: '100%' },
  { label: '部分实现', min: '60%', max: '80%' },
  { label: '实现程度较低', min: '0%', max: '60%' },
];

const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? (v as Record<string, unknown>[]) : [];

/** The levels a grade method offers (its own, or the default). */
export function gradeLevels(
  m: Method | undefined,
): { label: string; min?: string; max?: string; share?: string }[] {
  const own = list(m?.['levels']).map((l) => ({
    label: str(l['label']),
    ...(l['min'] === undefined ? {} : { min: str(l['min']) }),
    ...(l['max'] === undefined ? {} : { max: str(l['max']) }),
    ...(l['share'] === undefined ? {} : { share: str(l['share']) }),
  }));
  return own.length > 0 ? own : DEFAULT_LEVELS;
}

/** A copy of `m` with `key` set (an empty text removes the parameter). */
function withParam(m: Method, key: string, value: unknown): Method {
  const out: Method = { ...m };
  if (value === undefined || value === '') Reflect.deleteProperty(out, key);
  else out[key] = value;
  return out;
}

function Row({ label, help, children }: { label: string; help?: string; children: ReactNode }) {
  return (
    <Form.Item label={label} help={help} style={{ marginBottom: 12 }}>
      {children}
    </Form.Item>
  );
}

type ListField = { key: string; label: string; width?: number; kind?: 'text' | 'check' };

/** An editable list of objects with the given text/boolean fields. */
function ListEditor({
  items,
  fields,
  onChange,
  disabled,
  blank,
}: {
  items: Record<string, unknown>[];
  fields: ListField[];
  onChange: (items: Record<string, unknown>[]) => void;
  disabled: boolean;
  blank: Record<string, unknown>;
}) {
  const set = (i: number, key: string, value: unknown) =>
    onChange(
      items.map((it, j) => (j === i ? withParam({ type: '', ...it }, key, value) : it)).map(stripType),
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {items.map((it, i) => (
        <Space key={i} wrap>
          {fields.map((f) =>
            f.kind === 'check' ? (
              <Checkbox
                key={f.key}
                checked={it[f.key] === true}
                disabled={disabled}
                onChange={(e) => set(i, f.key, e.target.checked)}
              >
                {f.label}
              </Checkbox>
            ) : (
              <Input
                key={f.key}
                placeholder={f.label}
                aria-label={f.label}
                style={{ width: f.width ?? 120 }}
                value={str(it[f.key])}
                disabled={disabled}
                onChange={(e) => set(i, f.key, e.target.value.trim())}
              />
            ),
          )}
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            disabled={disabled}
            aria-label="删除此项"
            onClick={() => onChange(items.filter((_x, j) => j !== i))}
          />
        </Space>
      ))}
      <Button
        icon={<PlusOutlined />}
        size="small"
        disabled={disabled}
        onClick={() => onChange([...items, blank])}
      >
        添加
      </Button>
    </Space>
  );
}

const stripType = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'type'));

export function MethodForm({
  value,
  onChange,
  disabled,
  weight,
}: {
  value: Method;
  onChange: (m: Method) => void;
  disabled: boolean;
  weight: string;
}) {
  const m = value;
  const text = (key: string, label: string, placeholder?: string, help?: string) => (
    <Row label={label} {...(help ? { help } : {})}>
      <Input
        value={str(m[key])}
        placeholder={placeholder}
        disabled={disabled}
        style={{ width: 200 }}
        aria-label={label}
        onChange={(e) => onChange(withParam(m, key, e.target.value.trim()))}
      />
    </Row>
  );
  const choice = (key: string, label: string, options: { value: string; label: string }[]) => (
    <Row label={label}>
      <Radio.Group
        value={str(m[key])}
        disabled={disabled}
        onChange={(e) => onChange(withParam(m, key, e.target.value))}
        options={[{ value: '', label: '默认' }, ...options]}
      />
    </Row>
  );
  /** A list parameter, a row added as `blank`; with `emptyRemoves`, emptying the list removes it. */
  const listParam = (
    key: string,
    label: string,
    {
      help,
      fields,
      blank,
      emptyRemoves = false,
    }: { help?: string; fields: ListField[]; blank: Record<string, unknown>; emptyRemoves?: boolean },
  ) => (
    <Row label={label} {...(help ? { help } : {})}>
      <ListEditor
        items={list(m[key])}
        fields={fields}
        blank={blank}
        disabled={disabled}
        onChange={(next) => onChange(withParam(m, key, emptyRemoves && next.length === 0 ? undefined : next))}
      />
    </Row>
  );

  let params: ReactNode;
  switch (m.type) {
    case 'proportional':
      params = choice('direction', '方向', [
        { value: 'higher', label: '越高越好' },
        { value: 'lower', label: '越低越好' },
      ]);
      break;
    case 'band':
      params = text('floor', '得分下限（完成率）', '60%', '低于此完成率不得分，默认 60%');
      break;
    case 'threshold':
      params = text('partial', '未达标得分', '0');
      break;
    case 'deduction':
      params = (
        <>
          {text('perUnit', '每单位扣分', '0.5')}
          {choice('basis', '扣分依据', [
            { value: 'shortfall', label: '按差额' },
            { value: 'count', label: '按次数' },
          ])}
          {text('unitSize', '单位大小', '1', '差额每满多少算一个单位，默认 1')}
        </>
      );
      break;
    case 'elements':
      params = listParam('elements', '要素', {
        fields: [
          { key: 'name', label: '要素', width: 220 },
          { key: 'points', label: '分值', width: 70 },
          { key: 'met', label: '符合', kind: 'check' },
        ],
        blank: { name: '', points: '1', met: false },
      });
      break;
    case 'likert':
      params = (
        <>
          {text('rate', '满意度（得分率）', '92.5%', '已知满意度时直接填写')}
          {text('survey', '问卷编号', 'staff')}
          {text('question', '题目编号', 'q1', '不填则取问卷全部题目的平均')}
        </>
      );
      break;
    case 'tiers':
      params = (
        <>
          {choice('basis', '按何取档', [
            { value: 'actual', label: '完成值本身' },
            { value: 'completion', label: '完成率' },
          ])}
          {listParam('tiers', '档次', {
            help: '达到某档下限即按该档计分；分数与比例二选一',
            fields: [
              { key: 'min', label: '下限', width: 90 },
              { key: 'score', label: '得分', width: 80 },
              { key: 'share', label: '或比例', width: 80 },
            ],
            blank: { min: '' },
          })}
        </>
      );
      break;
    case 'grade': {
      const levels = gradeLevels(m);
      const chosen = levels.find((l) => l.label === str(m['level']));
      params = (
        <>
          <Row label="评定等级">
            <Select
              style={{ width: 220 }}
              allowClear
              placeholder="请评定"
              value={str(m['level']) || undefined}
              disabled={disabled}
              aria-label="评定等级"
              options={levels.map((l) => ({
                value: l.label,
                label: `${l.label}（${l.share ?? `${l.min ?? ''}–${l.max ?? ''}`}）`,
              }))}
              onChange={(level?: string) =>
                onChange(withParam(withParam(m, 'level', level), 'score', undefined))
              }
            />
          </Row>
          {chosen !== undefined && chosen.share === undefined && (
            <Row
              label="区间内得分"
              help={`分值 ${weight} 的 ${chosen.min ?? ''}–${chosen.max ?? ''}；不填取区间上限`}
            >
              <Input
                style={{ width: 120 }}
                value={str(m['score'])}
                disabled={disabled}
                aria-label="区间内得分"
                onChange={(e) => onChange(withParam(m, 'score', e.target.value.trim()))}
              />
            </Row>
          )}
          {listParam('levels', '等级设置', {
            help: '不设置时采用财预〔2021〕101号的三档',
            fields: [
              { key: 'label', label: '等级', width: 120 },
              { key: 'share', label: '固定比例', width: 90 },
              { key: 'min', label: '或区间下限', width: 100 },
              { key: 'max', label: '区间上限', width: 90 },
            ],
            blank: { label: '' },
            emptyRemoves: true,
          })}
        </>
      );
      break;
    }
    case 'over-target':
      params = (
        <>
          {choice('direction', '偏离方向', [
            { value: 'above', label: '超出' },
            { value: 'below', label: '不足' },
            { value: 'both', label: '两者' },
          ])}
          {listParam('steps', '扣分档', {
            help: '偏离超过某幅度即扣相应分数，取达到的最大一档',
            fields: [
              { key: 'over', label: '偏离超过', width: 100 },
              { key: 'deduct', label: '扣分', width: 80 },
            ],
            blank: { over: '', deduct: '' },
          })}
        </>
      );
      break;
    case 'manual':
      params = (
        <>
          {text('score', '得分', '0', `0 至 ${weight}`)}
          <Row label="理由">
            <Input.TextArea
              value={str(m['reason'])}
              disabled={disabled}
              autoSize={{ minRows: 2 }}
              aria-label="打分理由"
              status={str(m['reason']).trim() === '' ? 'error' : undefined}
              placeholder="评价人打分必须说明理由"
              onChange={(e) => onChange(withParam(m, 'reason', e.target.value))}
            />
          </Row>
        </>
      );
      break;
    default:
      params = <Typography.Text type="secondary">该方法的参数请在“JSON”中编辑。</Typography.Text>;
  }

  return (
    <Form layout="horizontal" labelCol={{ flex: '130px' }} onSubmitCapture={(e) => e.preventDefault()}>
      <Row label="评分方法">
        <Select
          style={{ width: 220 }}
          value={m.type}
          disabled={disabled}
          aria-label="评分方法"
          options={Object.entries(METHOD_NAMES).map(([v, label]) => ({ value: v, label }))}
          onChange={(type: string) =>
            onChange(type === m.type ? m : { type, ...(m['rule'] ? { rule: m['rule'] } : {}) })
          }
        />
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginLeft: 130 }}>
        {METHOD_HELP[m.type] ?? ''}
      </Typography.Paragraph>
      {params}
      <Row label="评分标准（原文）">
        <Input.TextArea
          value={str(m['rule'])}
          disabled={disabled}
          autoSize={{ minRows: 2, maxRows: 6 }}
          aria-label="评分标准"
          onChange={(e) => onChange(withParam(m, 'rule', e.target.value))}
        />
      </Row>
    </Form>
  );
}
