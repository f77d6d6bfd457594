/**
 * The evaluation editor (评价编辑): the document held in the page, scored and audited by the
 * service as it changes (POST /api/preview, nothing stored), saved with its version (a stale
 * version is refused and nothing is lost: the page keeps the edits and says so). Last year's open
 * rectification items of the same organisation show above the tabs when there are any.
 */
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Alert,
  Badge,
  Button,
  Card,
  Space,
  Spin,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ApiError,
  type Evaluation,
  type EvaluationInput,
  type FieldIssue,
  type Preview,
  STATUS_NAMES,
  type User,
  api,
} from '../api.ts';
import { leave, navigate, setLeaveGuard } from '../router.ts';
import { CarriedOverPanel } from './editor/CarriedOverPanel.tsx';
import { AuditTab, ScoreTab } from './editor/ResultTabs.tsx';
import { BasicTab, BudgetTab } from './editor/FormTabs.tsx';
import { IndicatorTab } from './editor/IndicatorTab.tsx';
import { ReportTab, WorkflowTab } from './editor/WorkflowTabs.tsx';
import { GRADE_COLOURS, STATUS_COLOURS } from './EvaluationsPage.tsx';

const EDITABLE = new Set(['draft', 'returned']);

export function EditorPage({ id, user }: { id: number; user: User }) {
  const { message, modal } = AntApp.useApp();
  const [ev, setEv] = useState<Evaluation | null>(null);
  const [doc, setDoc] = useState<EvaluationInput | null>(null);
  const [dirty, setDirty] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState('basic');
  /** The field a finding points at (an indicator code or a document path), shown when its tab opens. */
  const [focus, setFocus] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    try {
      const e = await api.evaluation(id);
      setEv(e);
      setDoc(e.document);
      setDirty(false);
      setIssues([]);
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '加载失败');
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  // the live figures: scored by the service a moment after each change (the last answer wins)
  useEffect(() => {
    if (doc === null) return;
    const mine = ++seq.current;
    const t = setTimeout(() => {
      api.preview(doc).then(
        (p) => {
          if (mine !== seq.current) return;
          setPreview(p);
          setIssues([]);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          if (e instanceof ApiError && e.status === 400) setIssues(e.issues);
        },
      );
    }, 300);
    return () => {
      clearTimeout(t);
    };
  }, [doc]);

  // a warning before leaving with unsaved changes: closing the tab or reloading (the browser asks),
  // and another page of the application (we ask)
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent): void => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    const release = setLeaveGuard((to) => {
      modal.confirm({
        title: '有未保存的修改',
        content: '离开本页将丢失未保存的修改，确定离开吗？',
        okText: '离开',
        cancelText: '留在本页',
        onOk: () => leave(to),
      });
      return false;
    });
    return () => {
      window.removeEventListener('beforeunload', warn);
      release();
    };
  }, [dirty, modal]);

  const change = useCallback((next: EvaluationInput) => {
    setDoc(next);
    setDirty(true);
  }, []);

  const save = async () => {
    if (ev === null || doc === null) return;
    setSaving(true);
    try {
      const saved = await api.save(ev.id, ev.version, doc);
      setEv(saved);
      setDoc(saved.document);
      setDirty(false);
      setIssues([]);
      message.success(`已保存（第 ${String(saved.version)} 版）`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && typeof e.details['version'] === 'number')
        modal.warning({
          title: '保存冲突',
          content: `这份评价已被他人保存为第 ${String(e.details['version'])} 版。您的修改仍在本页，未丢失：可先复制需要的内容，再刷新加载最新版本。`,
        });
      else if (e instanceof ApiError && e.issues.length > 0) {
        setIssues(e.issues);
        message.error(e.message.slice(0, 200));
      } else message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setSaving(false);
    }
  };

  const back = () => navigate('/evaluations');

  if (loadError !== null)
    return (
      <Alert
        type="error"
        showIcon
        title={loadError}
        action={<Button onClick={() => navigate('/evaluations')}>返回列表</Button>}
      />
    );
  if (ev === null || doc === null)
    return (
      <Spin description="正在加载评价…">
        <div style={{ height: 200 }} />
      </Spin>
    );

  const editable =
    EDITABLE.has(ev.status) &&
    (user.role === 'unit' || user.role === 'finance' || user.role === 'admin' || user.role === 'evaluator');
  const errorCount = preview?.audit.counts.error ?? 0;
  const props = { doc, change, editable, issues, preview };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              返回
            </Button>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="evaluation-title">
              {ev.title}
            </Typography.Title>
            <Tag color={STATUS_COLOURS[ev.status]}>{STATUS_NAMES[ev.status]}</Tag>
            <Typography.Text type="secondary">第 {ev.version} 版</Typography.Text>
            {dirty && <Badge status="warning" text="有未保存的修改" />}
          </Space>
          <Space size={24}>
            <Statistic
              title="得分"
              value={preview?.score.total ?? ev.total ?? '—'}
              styles={{ content: { fontSize: 22 } }}
              data-testid="live-total"
            />
            <Statistic
              title="等级"
              value={preview?.score.grade ?? ev.grade ?? '—'}
              styles={{
                content: { fontSize: 22, color: GRADE_COLOURS[preview?.score.grade ?? ''] ?? undefined },
              }}
              data-testid="live-grade"
            />
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!editable || !dirty}
              loading={saving}
              onClick={() => void save()}
            >
              保存
            </Button>
          </Space>
        </Space>
        {!editable && (
          <Alert
            style={{ marginTop: 8 }}
            type="info"
            showIcon
            title={`当前状态为“${STATUS_NAMES[ev.status]}”，${EDITABLE.has(ev.status) ? '您的角色只能查看' : '只有草稿和退回的评价可以修改'}。`}
          />
        )}
        {issues.length > 0 && (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            title={`有 ${String(issues.length)} 处填写有误，请按提示修改`}
            description={issues
              .slice(0, 5)
              .map((i) => `${i.path.replace(/^document\./, '')}：${i.message}`)
              .join('；')}
          />
        )}
      </Card>
      <CarriedOverPanel evaluationId={ev.id} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: '基本情况', children: <BasicTab {...props} /> },
            { key: 'budget', label: '预算执行', children: <BudgetTab {...props} focus={focus} /> },
            { key: 'indicators', label: '指标体系', children: <IndicatorTab {...props} focus={focus} /> },
            { key: 'score', label: '评分', children: <ScoreTab {...props} /> },
            {
              key: 'audit',
              label: (
                <Badge count={errorCount} size="small" offset={[8, -2]}>
                  审核
                </Badge>
              ),
              children: (
                <AuditTab
                  {...props}
                  goTo={(t, f) => {
                    setTab(t);
                    setFocus(f);
                  }}
                />
              ),
            },
            { key: 'report', label: '报告', children: <ReportTab evaluation={ev} dirty={dirty} /> },
            {
              key: 'workflow',
              label: '流程',
              children: (
                <WorkflowTab
                  evaluation={ev}
                  dirty={dirty}
                  onMoved={(e) => {
                    setEv(e);
                    setDoc(e.document);
                    setDirty(false);
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
