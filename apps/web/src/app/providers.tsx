import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nContext, createTranslator, type Locale } from '../i18n/i18n';
import { createQueryClient } from '../lib/query-client';

export function AppProviders({
  children,
  queryClient,
  locale = 'en',
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  locale?: Locale;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const [translator] = useState(() => createTranslator(locale));
  return (
    <QueryClientProvider client={client}>
      <I18nContext.Provider value={translator}>{children}</I18nContext.Provider>
    </QueryClientProvider>
  );
}
