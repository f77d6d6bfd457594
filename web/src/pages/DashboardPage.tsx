/**
 * 统计分析: for a department or a finance bureau, the year's evaluations it may see — a ranking of
 * units by total, the 得分率 of each level-1 group as a radar, budget execution as bars, and the
 * grade distribution. Figures come from the service (GET /api/dashboard), computed exactly; the
 * charts only draw them.
 */
import { Alert, Card, Col, Empty, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import { BarChart, PieChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, type Dashboard, dashboardApi, fixed2 } from '../api.ts';

echarts.use([
  BarChart,
  PieChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const GRADES = ['优', '良', '中', '差'];
const GRADE_COLOURS = ['#389e0d', '#1677ff', '#fa8c16', '#cf1322'];
/** "92.31%" → 92.31 for drawing only (the figures shown as text stay the service's exact strings). */
const pct = (s: string | null): number => (s === null ? 0 : Number(s.replace('%', '')));

export function DashboardPage() {
  const [data, setData] = useState<Dashboard | null>(null);
  const [year, setYear] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    dashboardApi
      .get(year)
      .then(setData, (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  }, [year]);

  const ranked = useMemo(() => [...(data?.rows ?? [])].sort((a, b) => pct(b.total) - pct(a.total)), [data]);

  if (error !== null) return <Alert type="error" showIcon title={error} />;
  if (data === null)
    return (
      <Spin description="正在统计…">
        <div style={{ height: 200 }} />
      </Spin>
    );

  // level-1 groups by name, averaged over the evaluations that have them (for the radar)
  const groups = new Map<string, number[]>();
  for (const r of data.rows)
    for (const g of r.groups) groups.set(g.name, [...(groups.get(g.name) ?? []), pct(g.rate)]);
  const radarNames = [...groups.keys()].slice(0, 8);
  const gradeCounts = GRADES.map((g) => data.rows.filter((r) => r.grade === g).length);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small">
        <Space wrap size={24}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            统计分析
          </Typography.Title>
          <Select
            style={{ width: 120 }}
            value={data.fiscalYear ?? undefined}
            options={data.years.map((y) => ({ value: y, label: `${String(y)} 年度` }))}
            onChange={(y: number) => setYear(y)}
            aria-label="评价年度"
          />
          <Statistic title="评价份数" value={data.rows.length} />
          <Statistic title="平均得分" value={data.average ?? '—'} />
        </Space>
        {data.failed.length > 0 && (
          <Alert
            style={{ marginTop: 8 }}
            type="warning"
            showIcon
            title={`${String(data.failed.length)} 份评价无法评分，未计入：${data.failed.map((f) => f.title).join('、')}`}
          />
        )}
      </Card>
      {data.rows.length === 0 ? (
        <Card>
          <Empty description="该年度没有可统计的评价" />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <Card size="small" title="单位得分排名">
              <UnitBars
                units={ranked.map((r) => r.organisationName)}
                values={ranked.map((r) => pct(r.total))}
                labels={ranked.map((r) => fixed2(r.total))}
                colour="#4e6fd8"
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="一级指标得分率（平均）">
              <ReactEChartsCore
                echarts={echarts}
                style={{ height: 320 }}
                option={{
                  tooltip: {},
                  radar: { indicator: radarNames.map((name) => ({ name, max: 100 })) },
                  series: [
                    {
                      type: 'radar',
                      data: [
                        {
                          name: '平均得分率（%）',
                          value: radarNames.map((n) => {
                            const v = groups.get(n) ?? [];
                            return v.length === 0
                              ? 0
                              : Number((v.reduce((s, x) => s + x, 0) / v.length).toFixed(2));
                          }),
                        },
                      ],
                    },
                  ],
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="预算执行率">
              <UnitBars
                units={ranked.map((r) => r.organisationName)}
                values={ranked.map((r) => pct(r.executionRate))}
                labels={ranked.map((r) => r.executionRate ?? '—')}
                colour="#13a8a8"
                percent
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="等级分布">
              <ReactEChartsCore
                echarts={echarts}
                style={{ height: 280 }}
                option={{
                  tooltip: { formatter: '{b}：{c} 份（{d}%）' },
                  legend: { bottom: 0 },
                  series: [
                    {
                      type: 'pie',
                      radius: ['35%', '65%'],
                      data: GRADES.map((g, i) => ({
                        name: g,
                        value: gradeCounts[i],
                        itemStyle: { color: GRADE_COLOURS[i] },
                      })),
                      label: { formatter: '{b} {c}' },
                    },
                  ],
                }}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card size="small" title="明细">
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={ranked}
                columns={[
                  { title: '排名', width: 60, render: (_v, _r, i) => i + 1 },
                  { title: '单位', dataIndex: 'organisationName' },
                  {
                    title: '得分',
                    dataIndex: 'total',
                    width: 80,
                    align: 'right',
                    render: (t: string) => fixed2(t),
                  },
                  { title: '等级', dataIndex: 'grade', width: 60 },
                  {
                    title: '预算执行率',
                    dataIndex: 'executionRate',
                    width: 100,
                    align: 'right',
                    render: (v: string | null) => v ?? '—',
                  },
                  ...radarNames.map((n) => ({
                    title: `${n}得分率`,
                    width: 110,
                    align: 'right' as const,
                    render: (_v: unknown, r: (typeof ranked)[number]) =>
                      r.groups.find((g) => g.name === n)?.rate ?? '—',
                  })),
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </Space>
  );
}

/** A horizontal bar per unit (0–100), labelled with the service's exact figure. */
function UnitBars({
  units,
  values,
  labels,
  colour,
  percent = false,
}: {
  units: string[];
  values: number[];
  labels: string[];
  colour: string;
  percent?: boolean;
}) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: Math.max(240, units.length * 28 + 60) }}
      option={{
        tooltip: {},
        grid: { left: 160, right: 50, top: 10, bottom: 30 },
        xAxis: {
          type: 'value',
          min: 0,
          max: 100,
          ...(percent ? { axisLabel: { formatter: '{value}%' } } : {}),
        },
        yAxis: { type: 'category', inverse: true, data: units },
        series: [
          {
            type: 'bar',
            data: values,
            itemStyle: { color: colour },
            label: {
              show: true,
              position: 'right',
              formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '',
            },
          },
        ],
      }}
    />
  );
}
