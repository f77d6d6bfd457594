/**
 * 汇总与排名: a department's units side by side with the consolidated figures and the audit across
 * units; the ranking of the units the user sees in a year; one unit's indicators over the years.
 * Every figure is the service's exact text; the page only lays it out.
 */
import {
  Alert,
  Button,
  Card,
  Empty,
  List,
  Radio,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useEffect, useState } from 'react';
import { type Organisation, errorText } from '../api.ts';
import {
  type Consolidation,
  type ConsolidationRule,
  type Ranking,
  type RankingRow,
  type Row,
  type TieRule,
  type Years,
  consolidationApi,
} from '../api/consolidation.ts';

const dash = (s: string | null | undefined): string => s ?? '—';

function useLoad<T>(
  load: (() => Promise<T>) | null,
  deps: unknown[],
): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    if (load === null) return;
    // a late answer for earlier choices is dropped
    let live = true;
    load().then(
      (d) => {
        if (live) setData(d);
      },
      (e: unknown) => {
        if (live) setError(errorText(e, '加载失败'));
      },
    );
    return () => {
      live = false;
    };
    // reloaded when the listed choices change
  }, deps);
  return { data, error };
}

/** What `useLoad` has: its error, a spinner while it is on its way, then `children` of the data. */
function Loaded<T>({
  data,
  error,
  children,
}: {
  data: T | null;
  error: string | null;
  children: (data: T) => ReactNode;
}) {
  if (error !== null) return <Alert type="error" showIcon title={error} />;
  if (data === null)
    return (
      <Spin description="正在计算…">
        <div style={{ height: 120 }} />
      </Spin>
    );
  return <>{children(data)}</>;
}

function YearSelect({
  years,
  value,
  onChange,
}: {
  years: number[];
  value: number | undefined;
  onChange: (year: number) => void;
}) {
  return (
    <Select
      style={{ width: 120 }}
      value={value}
      onChange={onChange}
      options={years.map((y) => ({ value: y, label: `${String(y)} 年度` }))}
      aria-label="评价年度"
    />
  );
}

/** Indicator columns, then one (weight, score) pair per column heading. */
function indicatorColumns(headings: string[]): ColumnsType<Row> {
  return [
    { title: '编码', dataIndex: 'code', width: 70, fixed: 'left' },
    {
      title: '指标',
      dataIndex: 'name',
      width: 220,
      fixed: 'left',
      render: (name: string, row) => (
        <span style={{ paddingLeft: (row.level - 1) * 12 }}>
          {name}
          {!row.sameName && <Tag style={{ marginLeft: 4 }}>名称不一</Tag>}
        </span>
      ),
    },
    ...headings.map((h, i) => ({
      title: h,
      children: [
        {
          title: '分值',
          key: `w${String(i)}`,
          width: 70,
          render: (_: unknown, row: Row) => dash(row.cells[i]?.weight),
        },
        {
          title: '得分',
          key: `s${String(i)}`,
          width: 70,
          render: (_: unknown, row: Row) => {
            const c = row.cells[i];
            return c === null || c === undefined ? '—' : <span title={c.name}>{c.score}</span>;
          },
        },
      ],
    })),
  ];
}

function DepartmentView({ organisations, years }: { organisations: Organisation[]; years: number[] }) {
  const departments = organisations.filter((o) => o.kind === 'department');
  const [id, setId] = useState<number | undefined>(departments[0]?.id);
  const [year, setYear] = useState<number | undefined>(years[0]);
  const [rule, setRule] = useState<ConsolidationRule>('budget-weighted');
  const loaded = useLoad<Consolidation>(
    id === undefined || year === undefined ? null : () => consolidationApi.department(id, year, rule),
    [id, year, rule],
  );
  if (departments.length === 0) return <Empty description="没有可汇总的主管部门" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <Select
          style={{ width: 260 }}
          value={id}
          onChange={setId}
          showSearch={{ optionFilterProp: 'label' }}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          aria-label="主管部门"
        />
        <YearSelect years={years} value={year} onChange={setYear} />
        <Radio.Group value={rule} onChange={(e) => setRule(e.target.value as ConsolidationRule)}>
          <Radio.Button value="budget-weighted">按预算加权</Radio.Button>
          <Radio.Button value="mean">简单平均</Radio.Button>
        </Radio.Group>
        {id !== undefined && year !== undefined && (
          <Button href={consolidationApi.departmentWorkbookUrl(id, year, rule)}>导出 Excel</Button>
        )}
      </Space>
      <Loaded {...loaded}>
        {(data) => (
          <>
            <Card size="small" title={`汇总（${data.consolidated.ruleName}）`}>
              <Space wrap size={32}>
                <span>汇总得分：{dash(data.consolidated.score)}</span>
                <span>等级：{dash(data.consolidated.grade)}</span>
                <span>
                  全年预算数：{dash(data.consolidated.annual)} {data.amountUnit}
                </span>
                <span>
                  执行数：{dash(data.consolidated.executed)} {data.amountUnit}
                </span>
                <span>预算执行率：{dash(data.consolidated.executionRate)}</span>
              </Space>
              {data.consolidated.problem !== null && (
                <Alert style={{ marginTop: 8 }} type="warning" showIcon title={data.consolidated.problem} />
              )}
              {data.skipped.length > 0 && (
                <Alert
                  style={{ marginTop: 8 }}
                  type="info"
                  showIcon
                  title={`未计入：${data.skipped.map((s) => `${s.name}（${s.reason}）`).join('；')}`}
                />
              )}
              <Table
                style={{ marginTop: 8 }}
                size="small"
                pagination={false}
                rowKey="organisationId"
                dataSource={data.units}
                columns={[
                  { title: '单位', dataIndex: 'name' },
                  { title: `全年预算数（${data.amountUnit}）`, dataIndex: 'annual', render: dash },
                  { title: '预算执行率', dataIndex: 'executionRate', render: dash },
                  { title: '得分', dataIndex: 'total' },
                  { title: '等级', dataIndex: 'grade' },
                ]}
              />
            </Card>
            <Card size="small" title="跨单位核查">
              {data.findings.length === 0 ? (
                <Typography.Text type="success">未发现同一规则、同一输入得分不同的情况</Typography.Text>
              ) : (
                <List
                  size="small"
                  dataSource={data.findings}
                  renderItem={(f) => (
                    <List.Item>
                      <Space orientation="vertical" size={2}>
                        <Space wrap>
                          <Tag color="red">{f.kindName}</Tag>
                          <Tag>{f.code}</Tag>
                          {f.units.map((u) => (
                            <Tag key={u.organisationId} color="blue">
                              {u.name}
                            </Tag>
                          ))}
                        </Space>
                        <span>{f.message}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card size="small" title="各单位指标对比">
              <Table
                size="small"
                bordered
                pagination={false}
                rowKey="code"
                scroll={{ x: 'max-content' }}
                dataSource={data.rows}
                columns={indicatorColumns(data.units.map((u) => u.name))}
              />
            </Card>
          </>
        )}
      </Loaded>
    </Space>
  );
}

function RankingView({ years }: { years: number[] }) {
  const [year, setYear] = useState<number | undefined>(years[0]);
  const [ties, setTies] = useState<TieRule>('competition');
  const loaded = useLoad<Ranking>(year === undefined ? null : () => consolidationApi.ranking(year, ties), [
    year,
    ties,
  ]);
  const columns: ColumnsType<RankingRow> = [
    {
      title: '排名',
      dataIndex: 'rank',
      width: 80,
      render: (rank: number, row) => (row.tied ? `${String(rank)}（并列）` : String(rank)),
    },
    { title: '单位', dataIndex: 'name' },
    { title: '主管部门', dataIndex: 'parentName', render: dash },
    { title: '区划', dataIndex: 'region' },
    { title: '得分', dataIndex: 'total' },
    { title: '等级', dataIndex: 'grade' },
    { title: '预算执行率', dataIndex: 'executionRate', render: dash },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Space wrap>
        <YearSelect years={years} value={year} onChange={setYear} />
        <Radio.Group value={ties} onChange={(e) => setTies(e.target.value as TieRule)}>
          <Radio.Button value="competition">并列占位（1,2,2,4）</Radio.Button>
          <Radio.Button value="dense">并列不占位（1,2,2,3）</Radio.Button>
        </Radio.Group>
        {year !== undefined && (
          <Button href={consolidationApi.rankingWorkbookUrl(year, ties)}>导出 Excel</Button>
        )}
      </Space>
      <Loaded {...loaded}>
        {(data) => (
          <Table
            size="small"
            rowKey="organisationId"
            dataSource={data.rows}
            columns={columns}
            pagination={false}
          />
        )}
      </Loaded>
    </Space>
  );
}

function YearsView({ organisations }: { organisations: Organisation[] }) {
  const [id, setId] = useState<number | undefined>(organisations[0]?.id);
  const loaded = useLoad<Years>(id === undefined ? null : () => consolidationApi.years(id), [id]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Select
        style={{ width: 300 }}
        value={id}
        onChange={setId}
        showSearch={{ optionFilterProp: 'label' }}
        options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        aria-label="单位"
      />
      <Loaded {...loaded}>
        {(data) =>
          data.years.length === 0 ? (
            <Empty description="该单位没有整体支出评价" />
          ) : (
            <>
              <Space wrap size={24}>
                {data.totals.map((t) => (
                  <span key={t.fiscalYear}>
                    {t.fiscalYear} 年度：{t.total} 分（{t.grade}）
                  </span>
                ))}
              </Space>
              <Table
                size="small"
                bordered
                pagination={false}
                rowKey="code"
                scroll={{ x: 'max-content' }}
                dataSource={data.rows}
                columns={indicatorColumns(data.years.map((y) => `${String(y)} 年度`))}
              />
            </>
          )
        }
      </Loaded>
    </Space>
  );
}

export function ConsolidationPage() {
  const loaded = useLoad(() => consolidationApi.options(), []);
  return (
    <Card size="small" title="汇总与排名">
      <Loaded {...loaded}>
        {(data) => (
          <Tabs
            items={[
              {
                key: 'department',
                label: '部门汇总',
                children: <DepartmentView organisations={data.organisations} years={data.years} />,
              },
              { key: 'ranking', label: '单位排名', children: <RankingView years={data.years} /> },
              { key: 'years', label: '历年指标', children: <YearsView organisations={data.organisations} /> },
            ]}
          />
        )}
      </Loaded>
    </Card>
  );
}
