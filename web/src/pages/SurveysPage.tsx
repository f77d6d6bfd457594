/**
 * 问卷调查 (公众评判法): questionnaires of an evaluation — build one (questions, answer levels and
 * weights, the indicators it feeds), make invitation links to copy and send, watch the progress,
 * read the results (shares and 得分率 per question, overall satisfaction), enter paper
 * questionnaires, apply the results to the evaluation and download the 调查问卷分析报告.
 */
import {
  DownloadOutlined,
  LinkOutlined,
  PlusOutlined,
  ReloadOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Progress,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type EvaluationSummary, api, errorText } from '../api.ts';
import {
  FIVE_LEVELS,
  FOUR_LEVELS,
  type FeedableIndicator,
  type SurveyDetail,
  type SurveySummary,
  surveysApi,
} from '../api/surveys.ts';

const messageOf = (e: unknown): string => errorText(e, '操作失败');

interface NewForm {
  name: string;
  intro?: string;
  scale: 'four' | 'five';
  questions: string;
  indicators?: string[];
}

function CreateSurvey({
  evaluationId,
  indicators,
  onCreated,
}: {
  evaluationId: number;
  indicators: FeedableIndicator[];
  onCreated: (s: SurveyDetail) => void;
}) {
  const [form] = Form.useForm<NewForm>();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: NewForm): Promise<void> => {
    setBusy(true);
    try {
      const s = await surveysApi.create({
        evaluationId,
        name: v.name,
        intro: v.intro ?? '',
        levels: [...(v.scale === 'five' ? FIVE_LEVELS : FOUR_LEVELS)],
        questions: v.questions
          .split('\n')
          .map((q) => q.trim())
          .filter((q) => q !== ''),
        indicators: (v.indicators ?? []).map((code) => ({ code })),
      });
      message.success('问卷已新建');
      form.resetFields();
      onCreated(s);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="新建问卷">
      <Form form={form} layout="vertical" initialValues={{ scale: 'four' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="name" label="问卷名称" rules={[{ required: true, message: '请填写问卷名称' }]}>
          <Input placeholder="如：服务对象满意度调查" />
        </Form.Item>
        <Form.Item name="intro" label="问卷说明">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="scale" label="答案等级及权重">
          <Radio.Group
            options={[
              { value: 'four', label: FOUR_LEVELS.map((l) => `${l.label} ${l.weight}`).join('、') },
              { value: 'five', label: FIVE_LEVELS.map((l) => `${l.label} ${l.weight}`).join('、') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="questions"
          label="题目（每行一题）"
          rules={[{ required: true, message: '请至少填写一道题' }]}
        >
          <Input.TextArea rows={4} placeholder={'您对服务态度是否满意？\n您对办事效率是否满意？'} />
        </Form.Item>
        <Form.Item name="indicators" label="计分指标（问卷结果应用到的指标）">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={indicators.length === 0 ? '本评价没有按问卷计分的指标' : '选择指标'}
            options={indicators.map((i) => ({
              value: i.code,
              label: `${i.code} ${i.name}（${i.method === 'likert' ? '问卷得分率' : '分档'}）`,
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
          新建问卷
        </Button>
      </Form>
    </Card>
  );
}

function PaperCounts({ survey, onSaved }: { survey: SurveyDetail; onSaved: (s: SurveyDetail) => void }) {
  const { message } = AntApp.useApp();
  const [counts, setCounts] = useState<Record<string, number[]>>(() =>
    Object.fromEntries(
      survey.questionList.map((q) => [q.id, survey.levels.map((_, i) => survey.paperCounts[q.id]?.[i] ?? 0)]),
    ),
  );
  const [sheets, setSheets] = useState(survey.results.paperSheets);
  const save = async (): Promise<void> => {
    try {
      const body = Object.fromEntries(
        survey.questionList.map((q) => [
          q.id,
          Object.fromEntries(survey.levels.map((l, i) => [l.label, counts[q.id]?.[i] ?? 0])),
        ]),
      );
      onSaved(await surveysApi.setPaper(survey.id, body, sheets));
      message.success('纸质问卷已保存');
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Card size="small" title="纸质问卷（按题按等级录入份数）">
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={survey.questionList}
        columns={[
          { title: '题目', dataIndex: 'text' },
          ...survey.levels.map((l, i) => ({
            title: l.label,
            key: l.label,
            render: (_: unknown, q: { id: string }) => (
              <InputNumber
                aria-label={`纸质 ${q.id} ${l.label}`}
                min={0}
                precision={0}
                value={counts[q.id]?.[i] ?? 0}
                onChange={(v) => {
                  setCounts((c) => {
                    const row = [...(c[q.id] ?? [])];
                    row[i] = v ?? 0;
                    return { ...c, [q.id]: row };
                  });
                }}
              />
            ),
          })),
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <span>纸质问卷份数</span>
        <InputNumber
          aria-label="纸质问卷份数"
          min={0}
          precision={0}
          value={sheets}
          onChange={(v) => setSheets(v ?? 0)}
        />
        <Button onClick={() => void save()}>保存纸质问卷</Button>
      </Space>
    </Card>
  );
}

function SurveyView({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { message } = AntApp.useApp();
  const [survey, setSurvey] = useState<SurveyDetail | undefined>();
  const [links, setLinks] = useState<string[]>([]);
  const [count, setCount] = useState(10);
  const load = useCallback(() => {
    surveysApi.get(id).then(setSurvey, (e: unknown) => message.error(messageOf(e)));
  }, [id, message]);
  useEffect(load, [load]);
  if (survey === undefined) return null;
  const r = survey.results;
  const invite = async (): Promise<void> => {
    try {
      const made = await surveysApi.invite(id, count);
      setLinks(made.map((m) => surveysApi.link(m.token)));
      load();
      onChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const apply = async (): Promise<void> => {
    try {
      const out = await surveysApi.apply(id);
      message.success(
        `已应用到评价（第 ${String(out.evaluation.version)} 版）：${out.fed.map((f) => `${f.code} ${f.value}`).join('；')}`,
      );
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={survey.name}
        extra={
          <Space>
            <Button icon={<ReloadOutlined />} onClick={load}>
              刷新
            </Button>
            <Button
              icon={<SendOutlined />}
              onClick={() => void apply()}
              disabled={survey.indicators.length === 0}
            >
              应用到评价
            </Button>
            <Button icon={<DownloadOutlined />} href={surveysApi.annexUrl(id)}>
              下载调查问卷分析报告
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="所属评价">{survey.evaluationTitle}</Descriptions.Item>
          <Descriptions.Item label="计分指标">
            {survey.indicators.length === 0
              ? '未关联'
              : survey.indicators.map((i) => <Tag key={i.code}>{i.code}</Tag>)}
          </Descriptions.Item>
          <Descriptions.Item label="答案等级">
            {survey.levels.map((l) => `${l.label} ${l.weight}`).join('、')}
          </Descriptions.Item>
        </Descriptions>
        <Space size="large" wrap>
          <Statistic title="网络答卷" value={r.online} suffix={`/ ${String(survey.invitations)}`} />
          <Statistic title="纸质问卷" value={r.paperSheets} />
          <Statistic title="有效问卷合计" value={r.respondents} />
          <Statistic title="总体满意度" value={r.overall ?? '—'} data-testid="overall" />
        </Space>
        <Progress
          percent={survey.invitations === 0 ? 0 : Math.round((r.online * 100) / survey.invitations)}
          format={() => `已答 ${String(r.online)} / ${String(survey.invitations)}`}
        />
      </Card>
      <Card size="small" title="统计结果（占比、得分率四舍五入保留两位小数）">
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={r.questions}
          columns={[
            { title: '题目', dataIndex: 'text' },
            ...survey.levels.map((l, i) => ({
              title: l.label,
              key: l.label,
              render: (_: unknown, q: (typeof r.questions)[number]) =>
                `${String(q.counts[i] ?? 0)}（${q.shares[i] ?? '—'}）`,
            })),
            { title: '有效份数', dataIndex: 'total' },
            { title: '得分率', dataIndex: 'rate', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title="邀请链接（每位答卷人一个，无需账号，每个链接只能提交一次）">
        <Space>
          <InputNumber
            aria-label="链接数"
            min={1}
            max={1000}
            value={count}
            onChange={(v) => setCount(v ?? 1)}
          />
          <Button type="primary" icon={<LinkOutlined />} onClick={() => void invite()}>
            生成链接
          </Button>
        </Space>
        {links.length > 0 && (
          <>
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              showIcon
              title="链接只显示这一次，请复制后发给答卷人（服务器只保存其哈希）"
            />
            <Typography.Paragraph copyable={{ text: links.join('\n') }} style={{ marginTop: 8 }}>
              复制全部 {links.length} 个链接
            </Typography.Paragraph>
            {links.map((l) => (
              <Typography.Paragraph key={l} copyable code data-testid="invitation-link">
                {l}
              </Typography.Paragraph>
            ))}
          </>
        )}
        <Typography.Text type="secondary">
          已生成 {survey.invitations} 个链接，已答 {survey.invitationList.filter((i) => i.answered).length} 个
        </Typography.Text>
      </Card>
      <PaperCounts
        key={`${String(survey.id)}-${String(r.paperSheets)}`}
        survey={survey}
        onSaved={(s) => {
          setSurvey(s);
          onChanged();
        }}
      />
    </Space>
  );
}

export function SurveysPage() {
  const { message } = AntApp.useApp();
  const [evaluations, setEvaluations] = useState<EvaluationSummary[]>([]);
  const [evaluationId, setEvaluationId] = useState<number | undefined>();
  const [surveys, setSurveys] = useState<SurveySummary[]>([]);
  const [indicators, setIndicators] = useState<FeedableIndicator[]>([]);
  const [selected, setSelected] = useState<number | undefined>();

  useEffect(() => {
    api.evaluations().then(setEvaluations, (e: unknown) => message.error(messageOf(e)));
  }, [message]);
  const load = useCallback(() => {
    if (evaluationId === undefined) return;
    surveysApi.list(evaluationId).then(
      (r) => {
        setSurveys(r.surveys);
        setIndicators(r.indicators ?? []);
      },
      (e: unknown) => message.error(messageOf(e)),
    );
  }, [evaluationId, message]);
  useEffect(load, [load]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4}>问卷调查</Typography.Title>
      <Select
        style={{ width: 520 }}
        aria-label="评价"
        placeholder="选择评价"
        showSearch={{ optionFilterProp: 'label' }}
        value={evaluationId}
        onChange={(v: number) => {
          setEvaluationId(v);
          setSelected(undefined);
        }}
        options={evaluations.map((e) => ({ value: e.id, label: e.title }))}
      />
      {evaluationId !== undefined && (
        <>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={surveys}
            locale={{ emptyText: '本评价还没有问卷' }}
            onRow={(s) => ({ onClick: () => setSelected(s.id), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: '问卷',
                dataIndex: 'name',
                render: (v: string) => <a data-testid="survey-link">{v}</a>,
              },
              { title: '题数', dataIndex: 'questions' },
              { title: '链接', dataIndex: 'invitations' },
              { title: '已答', dataIndex: 'responses' },
              { title: '纸质', dataIndex: 'paperSheets' },
            ]}
          />
          {selected === undefined ? (
            <CreateSurvey
              evaluationId={evaluationId}
              indicators={indicators}
              onCreated={(s) => {
                load();
                setSelected(s.id);
              }}
            />
          ) : (
            <>
              <Button onClick={() => setSelected(undefined)}>新建另一份问卷</Button>
              <SurveyView key={selected} id={selected} onChanged={load} />
            </>
          )}
        </>
      )}
    </Space>
  );
}
