import type { PublicContext } from './context.js';
import { PublicLayout } from './layout.js';

export function PublicNotFound({ ctx }: { ctx: PublicContext }) {
  const { t } = ctx;
  return (
    <PublicLayout ctx={ctx} title={t('public.notFound')} description={t('public.notFound')} canonical={`${ctx.base}/public`}>
      <h1>{t('public.notFound')}</h1>
      <p>{t('public.notFoundHelp')}</p>
      <p>
        <a href="/public">{t('public.homeLink')}</a>
      </p>
    </PublicLayout>
  );
}
