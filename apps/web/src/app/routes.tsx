import type { ReactNode } from 'react';
import { redirect, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { SignInPage } from '../features/session/components/sign-in-page';
import { loadScreenMessages } from '../i18n/i18n';
import { RequireCapability, RequireSession } from './require-session';
import { ScreenLoading } from './screen-loading';
import { ShellLayout } from './shell-layout';

// Screens load on first visit: sign-in and the shell stay small and fast.
const lazyScreen = (load: () => Promise<{ element: ReactNode }>): Pick<RouteObject, 'lazy'> => ({
  lazy: load,
});
// Screens after the first one also bring their strings, fetched beside their code.
const laterScreen = (load: () => Promise<{ element: ReactNode }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => (await Promise.all([load(), loadScreenMessages()]))[0],
});

// A loader redirect happens before anything renders, so nothing (like the workspace picker
// writing `?ws=`) can navigate back to the old URL; the query string is kept. Its `element:
// null` is never shown: it tells React Router the route renders nothing on purpose.
const toResources = ({ request }: LoaderFunctionArgs) => redirect(`/resources${new URL(request.url).search}`);
const redirectToResources = { loader: toResources, element: null } satisfies RouteObject;

/** One route table for the browser router and for tests' memory routers. */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    hydrateFallbackElement: <ScreenLoading />,
    element: (
      <RequireSession>
        <ShellLayout />
      </RequireSession>
    ),
    children: [
      { index: true, ...redirectToResources },
      {
        path: 'resources',
        ...lazyScreen(async () => {
          const { ResourcesRoute } = await import('./routes/resources-route');
          return { element: <ResourcesRoute /> };
        }),
      },
      {
        path: 'export',
        ...laterScreen(async () => {
          const { ExportRoute } = await import('./routes/export-route');
          return {
            element: (
              <RequireCapability capability="useOperations">
                <ExportRoute />
              </RequireCapability>
            ),
          };
        }),
      },
      {
        path: 'import',
        ...laterScreen(async () => {
          const { ImportPage } = await import('../features/import/components/import-page');
          return {
            element: (
              <RequireCapability capability="useOperations">
                <ImportPage />
              </RequireCapability>
            ),
          };
        }),
      },
      {
        path: 'audit',
        ...laterScreen(async () => {
          const { AuditRoute } = await import('./routes/audit-route');
          return { element: <AuditRoute /> };
        }),
      },
      {
        path: 'activity',
        ...laterScreen(async () => {
          const { ActivityRoute } = await import('./routes/activity-route');
          return {
            element: (
              <RequireCapability capability="readActivity">
                <ActivityRoute />
              </RequireCapability>
            ),
          };
        }),
      },
      { path: '*', ...redirectToResources },
    ],
  },
];
