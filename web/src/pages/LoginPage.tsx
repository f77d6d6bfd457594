import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, type User, api } from '../api.ts';

export function LoginPage({ onLogin }: { onLogin: (u: User) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onLogin(await api.login(v.username.trim(), v.password));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          预算绩效评价系统
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          jixiao（绩效）· 请使用单位分配的账户登录
        </Typography.Paragraph>
        {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void submit(v)}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** 首次登录须修改密码: the password an admin set is changed before anything else. */
export function PasswordPage({ user, onChanged }: { user: User; onChanged: () => void }) {
  const [form] = Form.useForm<{ current: string; next: string; again: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { current: string; next: string }) => {
    setBusy(true);
    try {
      await api.changePassword(v.current, v.next);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) {
        const field = e.issues[0]?.path === 'currentPassword' ? 'current' : 'next';
        form.setFields([{ name: field, errors: [e.message] }]);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 420 }} title={`修改密码 · ${user.displayName}`}>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="您的密码由管理员设置，请先修改密码再继续使用。"
          description="至少 10 个字符，包含大写字母、小写字母、数字、符号中的三类，且不含用户名。"
        />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item label="当前密码" name="current" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="next" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="again"
            dependencies={['next']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  value === getFieldValue('next')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            修改密码
          </Button>
        </Form>
      </Card>
    </div>
  );
}
