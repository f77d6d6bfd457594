/**
 * 上年整改事项: the open rectification items of last year's evaluation of the same organisation
 * (GET /api/evaluations/{id}/carried-over), shown in this year's editor so the evaluator follows
 * them up. Read only — they are edited on the 结果应用 page — and nothing at all when there are none.
 */
import { Button, Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { type RectificationView, resultsApi } from '../../api/results.ts';
import { RECTIFICATION_STATUS_COLOURS } from '../../labels.ts';
import { navigate } from '../../router.ts';

const orDash = (parts: string[], sep: string): string => parts.filter((s) => s !== '').join(sep) || '—';

const COLUMNS: ColumnsType<RectificationView> = [
  {
    title: '整改事项',
    key: 'text',
    render: (_, it) => (
      <span>
        {it.text}
        {it.problem !== '' && (
          <>
            <br />
            <Typography.Text type="secondary">针对：{it.problem}</Typography.Text>
          </>
        )}
      </span>
    ),
  },
  {
    title: '责任单位/责任人',
    key: 'owner',
    width: 200,
    render: (_, it) => orDash([it.ownerUnit, it.ownerPerson], ' / '),
  },
  {
    title: '整改期限',
    key: 'deadline',
    width: 110,
    render: (_, it) =>
      it.status === 'overdue' ? <Typography.Text type="danger">{it.deadline}</Typography.Text> : it.deadline,
  },
  {
    title: '状态',
    key: 'status',
    width: 90,
    render: (_, it) => (
      <Tag color={RECTIFICATION_STATUS_COLOURS[it.status]} data-testid="carried-over-status">
        {it.statusName}
      </Tag>
    ),
  },
  {
    title: '整改措施及结果',
    key: 'progress',
    render: (_, it) => orDash([it.measures, it.result], '；'),
  },
];

export function CarriedOverPanel({ evaluationId }: { evaluationId: number }) {
  const [carried, setCarried] = useState<{ today: string; fromYear: number; items: RectificationView[] }>();

  useEffect(() => {
    let live = true;
    setCarried(undefined);
    // an aid to the evaluator, not the evaluation: when it cannot be had the editor shows without it
    resultsApi.carriedOver(evaluationId).then(
      (c) => {
        if (live) setCarried(c);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [evaluationId]);

  if (carried === undefined || carried.items.length === 0) return null;
  const overdue = carried.items.filter((i) => i.status === 'overdue').length;
  return (
    <Card
      size="small"
      data-testid="carried-over"
      title={
        <span>
          上年整改事项（{carried.fromYear}年度，{carried.items.length} 项未完成
          {overdue > 0 && <Typography.Text type="danger">，其中 {overdue} 项逾期</Typography.Text>}）
        </span>
      }
      extra={
        <span>
          <Typography.Text type="secondary">状态截至 {carried.today}</Typography.Text>
          <Button type="link" size="small" onClick={() => navigate('/results')}>
            到结果应用中编辑
          </Button>
        </span>
      }
    >
      <Table
        rowKey="id"
        size="small"
        columns={COLUMNS}
        dataSource={carried.items}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
      />
    </Card>
  );
}
