import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

/** Signed in, but this screen is for another role: say which. */
export function ForbiddenPage({ ctx, message }: { ctx: ViewContext; message: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('error.forbiddenTitle')}>
      <div class="empty">
        <h1>{ctx.t('error.forbiddenTitle')}</h1>
        <p>{message}</p>
      </div>
    </Layout>
  );
}
