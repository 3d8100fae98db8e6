import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppProviders } from './app/providers';
import { pickLocale } from './i18n/i18n';
import { routes } from './app/routes';
import './index.css';

const router = createBrowserRouter(routes);
const locale = pickLocale(navigator.languages);
document.documentElement.lang = locale;
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <AppProviders locale={locale}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
