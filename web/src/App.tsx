import {
  AuditOutlined,
  BarChartOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  LogoutOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App as AntApp, Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type User, api, setUnauthorisedHandler } from './api.ts';
import { AdminPage } from './pages/AdminPage.tsx';
import { CheckPage } from './pages/CheckPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { EditorPage } from './pages/EditorPage.tsx';
import { EvaluationsPage } from './pages/EvaluationsPage.tsx';
import { JobsPage } from './pages/JobsPage.tsx';
import { TemplatesPage } from './pages/TemplatesPage.tsx';
import { LoginPage, PasswordPage } from './pages/LoginPage.tsx';
import { match, navigate, usePath } from './router.ts';
import { FEATURE_PAGES, PUBLIC_PAGES } from './features.tsx';

const { Header, Sider, Content } = Layout;

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const path = usePath();
  const { message } = AntApp.useApp();

  useEffect(() => {
    setUnauthorisedHandler(() => {
      setUser(null);
    });
    api.me().then(setUser, () => {
      setUser(null);
    });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
      navigate('/');
      message.info('已退出登录');
    }
  }, [message]);

  // a questionnaire's respondent has no account: the page shows without logging in
  const open = PUBLIC_PAGES.map((p) => p.page(path)).find((p) => p !== undefined);
  if (open !== undefined) return open;
  if (user === undefined)
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" description="正在加载…">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </div>
    );
  if (user === null) return <LoginPage onLogin={setUser} />;
  if (user.mustChangePassword === true)
    return <PasswordPage user={user} onChanged={() => void api.me().then(setUser)} />;

  const editor = match('/evaluations/:id', path);
  const items = [
    { key: '/evaluations', icon: <FileTextOutlined />, label: '评价管理' },
    ...(user.role === 'department' || user.role === 'finance' || user.role === 'admin'
      ? [{ key: '/dashboard', icon: <BarChartOutlined />, label: '统计分析' }]
      : []),
    ...(user.role === 'finance' || user.role === 'admin'
      ? [{ key: '/jobs', icon: <ScheduleOutlined />, label: '批量任务' }]
      : []),
    ...FEATURE_PAGES.filter((f) => f.roles === undefined || f.roles.includes(user.role)).map((f) => ({
      key: f.key,
      icon: f.icon,
      label: f.label,
    })),
    { key: '/templates', icon: <AuditOutlined />, label: '指标模板' },
    { key: '/check', icon: <FileSearchOutlined />, label: '报告检查' },
    ...(user.role === 'admin' ? [{ key: '/admin', icon: <TeamOutlined />, label: '组织与用户' }] : []),
  ];
  const selected = items.find((i) => path.startsWith(i.key))?.key ?? '/evaluations';

  let page;
  const feature = FEATURE_PAGES.find((f) => path.startsWith(f.key));
  if (feature !== undefined) page = feature.page(path, user);
  else if (editor?.id !== undefined) page = <EditorPage id={Number(editor.id)} user={user} />;
  else if (path.startsWith('/dashboard')) page = <DashboardPage />;
  else if (path.startsWith('/jobs')) page = <JobsPage />;
  else if (path.startsWith('/templates')) page = <TemplatesPage user={user} />;
  else if (path.startsWith('/check')) page = <CheckPage user={user} />;
  else if (path.startsWith('/admin') && user.role === 'admin') page = <AdminPage />;
  else page = <EvaluationsPage user={user} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '0 20px' }}
      >
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          jixiao 预算绩效评价
        </Typography.Title>
        <Space style={{ color: '#fff' }}>
          <UserOutlined />
          <span data-testid="current-user">
            {user.displayName}（{user.roleName}）
          </span>
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void logout()}>
            退出
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider width={180} theme="light" breakpoint="lg" collapsedWidth={56}>
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={items}
            onClick={(e) => {
              navigate(e.key);
            }}
            style={{ height: '100%' }}
          />
        </Sider>
        <Content style={{ padding: 16, minWidth: 0 }}>{page}</Content>
      </Layout>
    </Layout>
  );
}
