/**
 * Pages of the capabilities that live in their own modules: App.tsx lists them in the menu and
 * shows them by the address. Add a page here, nowhere else.
 */
import type { ReactNode } from 'react';
import type { User } from './api.ts';
// page imports: surveys
import { FormOutlined } from '@ant-design/icons';
import { match } from './router.ts';
import { RespondPage } from './pages/RespondPage.tsx';
import { SurveysPage } from './pages/SurveysPage.tsx';
// page imports: monitoring
import { LineChartOutlined } from '@ant-design/icons';
import { MonitoringPage } from './pages/MonitoringPage.tsx';
// page imports: consolidation
import { BarChartOutlined } from '@ant-design/icons';
import { ConsolidationPage } from './pages/ConsolidationPage.tsx';
// page imports: results
import { AuditOutlined } from '@ant-design/icons';
import { ResultsPage } from './pages/ResultsPage.tsx';
// page imports: third-party
import { SolutionOutlined } from '@ant-design/icons';
import { ThirdPartyPage } from './pages/ThirdPartyPage.tsx';

export interface FeaturePage {
  /** The address it is at (#/surveys) and its menu entry. */
  key: string;
  label: string;
  icon: ReactNode;
  /** Who sees it in the menu; everyone logged in when absent. */
  roles?: readonly User['role'][];
  page: (path: string, user: User) => ReactNode;
}

/** A page anyone may open without an account (a questionnaire's link): shown before logging in. */
export interface PublicPage {
  /** The page for that address, or undefined when the address is not this page's. */
  page: (path: string) => ReactNode | undefined;
}

export const FEATURE_PAGES: readonly FeaturePage[] = [
  // pages: surveys
  { key: '/surveys', label: '问卷调查', icon: <FormOutlined />, page: () => <SurveysPage /> },
  // pages: monitoring
  {
    key: '/monitoring',
    label: '绩效监控',
    icon: <LineChartOutlined />,
    page: (path) => <MonitoringPage path={path} />,
  },
  // pages: consolidation
  {
    key: '/consolidation',
    label: '汇总与排名',
    icon: <BarChartOutlined />,
    roles: ['department', 'finance', 'admin'],
    page: () => <ConsolidationPage />,
  },
  // pages: results
  {
    key: '/results',
    label: '结果应用',
    icon: <AuditOutlined />,
    page: (_path, user) => <ResultsPage user={user} />,
  },
  // pages: third-party
  {
    key: '/third-party',
    label: '第三方评价',
    icon: <SolutionOutlined />,
    page: (path, user) => <ThirdPartyPage path={path} user={user} />,
  },
];

export const PUBLIC_PAGES: readonly PublicPage[] = [
  // public pages: surveys
  {
    page: (path) => {
      const token = match('/s/:token', path)?.['token'];
      return token === undefined ? undefined : <RespondPage token={token} />;
    },
  },
];
