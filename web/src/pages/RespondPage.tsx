/**
 * 问卷答题 (#/s/<token>): what a respondent sees from an invitation link, without an account — the
 * questionnaire, one choice per question, one submission. Nothing about other respondents.
 */
import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Radio, Result, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, errorText } from '../api.ts';
import { type PublicSurvey, surveysApi } from '../api/surveys.ts';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'open'; survey: PublicSurvey }
  | { kind: 'done' };

const messageOf = (e: unknown): string => errorText(e, '出现错误，请稍后重试');

export function RespondPage({ token }: { token: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  // after a submit with questions left, the count follows the answers as they are given
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    surveysApi.open(token).then(
      (survey) => {
        setState(survey.answered ? { kind: 'done' } : { kind: 'open', survey });
      },
      (e: unknown) => {
        setState({ kind: 'failed', message: messageOf(e) });
      },
    );
  }, [token]);

  const page = (children: ReactNode) => (
    <div style={{ maxWidth: 760, margin: '0 auto', padding: '24px 16px' }}>{children}</div>
  );

  if (state.kind === 'loading')
    return page(
      <Spin description="正在打开问卷…">
        <div style={{ height: 120 }} />
      </Spin>,
    );
  if (state.kind === 'failed') return page(<Result status="warning" title={state.message} />);
  if (state.kind === 'done')
    return page(
      <Result
        icon={<CheckCircleOutlined />}
        status="success"
        title="感谢您的参与！"
        subTitle="本问卷已提交，每个链接只能提交一次。"
        data-testid="survey-done"
      />,
    );

  const { survey } = state;
  const missing = survey.questions.filter((q) => answers[q.id] === undefined);
  const submit = async (): Promise<void> => {
    setTried(true);
    if (missing.length > 0) return;
    setSending(true);
    setError(undefined);
    try {
      await surveysApi.submit(token, answers);
      setState({ kind: 'done' });
    } catch (e) {
      setError(messageOf(e));
      // answered elsewhere meanwhile: done; closed meanwhile (截止): say so instead of the form
      if (e instanceof ApiError && e.status === 409)
        setState(e.message.includes('截止') ? { kind: 'failed', message: e.message } : { kind: 'done' });
    } finally {
      setSending(false);
    }
  };

  return page(
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        {survey.name}
      </Typography.Title>
      {survey.intro !== '' && <Typography.Paragraph>{survey.intro}</Typography.Paragraph>}
      {survey.questions.map((q, i) => (
        <Card key={q.id} size="small" title={`${String(i + 1)}. ${q.text}`} data-testid={`question-${q.id}`}>
          <Radio.Group
            aria-label={q.text}
            value={answers[q.id]}
            onChange={(e) => {
              setAnswers((a) => ({ ...a, [q.id]: String(e.target.value) }));
            }}
            options={survey.levels.map((l) => ({ label: l, value: l }))}
          />
        </Card>
      ))}
      {tried && missing.length > 0 ? (
        <Alert type="error" showIcon title={`还有 ${String(missing.length)} 题未作答`} />
      ) : (
        error !== undefined && <Alert type="error" showIcon title={error} />
      )}
      <Button type="primary" block size="large" loading={sending} onClick={() => void submit()}>
        提交问卷
      </Button>
    </Space>,
  );
}
