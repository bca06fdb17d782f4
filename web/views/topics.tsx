import { ActForm } from './act-form.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

export interface TopicCard {
  slug: string;
  name: string;
  description: string | null;
  public: boolean;
  sources: number;
  items: number;
  role: string | null;
}

export function TopicsPage({ ctx, topics, canCreate }: { ctx: ViewContext; topics: TopicCard[]; canCreate: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('topics.title')}>
      <h1>{t('topics.title')}</h1>
      {topics.length === 0 ? (
        <div class="empty">
          <p>{t('topics.empty')}</p>
        </div>
      ) : (
        <ul class="cards">
          {topics.map((x) => (
            <li>
              <h2>
                <a href={`/topics/${x.slug}`}>{x.name}</a> {!x.public ? <span class="badge">{t('topics.private')}</span> : null}
              </h2>
              {x.description ? <p>{x.description}</p> : null}
              <p class="meta">
                {t('topics.counts', { sources: x.sources, items: x.items })}
                {x.role ? ` · ${t('topics.yourRole', { role: t(`role.${x.role}`) })}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <details>
          <summary>{t('topics.new')}</summary>
          <ActForm ctx={ctx} method="POST" path="/api/v1/topics" done="flash.topicCreated" class="stack">
            <label>
              {t('topics.name')} <input name="name" required maxlength={100} />
            </label>
            <label>
              {t('topics.slug')} <input name="slug" required pattern="[a-z0-9][a-z0-9-]{0,63}" maxlength={64} />
            </label>
            <p class="hint">{t('topics.slug.hint')}</p>
            <label>
              {t('topics.description')} <textarea name="description" rows={2} maxlength={2000}></textarea>
            </label>
            <input type="hidden" name="public:bool" value="false" />
            <label class="check">
              <input type="checkbox" name="public:bool" value="true" checked /> {t('topics.public')}
            </label>
            <button type="submit">{t('topics.create')}</button>
          </ActForm>
        </details>
      ) : null}
    </Layout>
  );
}

export interface MemberRow {
  id: number;
  name: string;
  email: string;
  role: 'curator' | 'member';
}

/** One topic: its members and roles (members of the topic), invitations (curators). */
export function TopicPage(p: { ctx: ViewContext; topic: TopicCard; members: MemberRow[] | null; canManage: boolean }) {
  const { ctx, topic } = p;
  const { t } = ctx;
  const path = `/api/v1/topics/${topic.slug}/members`;
  return (
    <Layout ctx={ctx} title={topic.name}>
      <p>
        <a href="/topics">← {t('topics.title')}</a>
      </p>
      <h1>{topic.name}</h1>
      {topic.description ? <p>{topic.description}</p> : null}
      <p class="meta">
        {t('topics.counts', { sources: topic.sources, items: topic.items })} · <a href={`/?topic=${topic.slug}`}>{t('topics.readStream')}</a> ·{' '}
        <a href={`/sources?topic=${topic.slug}`}>{t('nav.sources')}</a>
      </p>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{t('members.title')}</h2>
        {p.members === null ? (
          <p class="muted">{t('members.hidden')}</p>
        ) : p.members.length === 0 ? (
          <p class="empty">{t('members.empty')}</p>
        ) : (
          <div class="table-wrap" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('members.name')}</th>
                  <th scope="col">{t('members.email')}</th>
                  <th scope="col">{t('members.role')}</th>
                  {p.canManage ? <th scope="col">{t('sources.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {p.members.map((m) => (
                  <tr>
                    <th scope="row">{m.name}</th>
                    <td>{m.email}</td>
                    <td>
                      {p.canManage ? (
                        <ActForm ctx={ctx} method="PUT" path={`${path}/${m.id}`} done="flash.roleChanged" class="row">
                          <label class="visually-hidden" for={`role-${m.id}`}>
                            {t('members.role')}
                          </label>
                          <select id={`role-${m.id}`} name="role">
                            {(['member', 'curator'] as const).map((r) => (
                              <option value={r} selected={r === m.role}>
                                {t(`role.${r}`)}
                              </option>
                            ))}
                          </select>
                          <button type="submit">{t('members.change')}</button>
                        </ActForm>
                      ) : (
                        t(`role.${m.role}`)
                      )}
                    </td>
                    {p.canManage ? (
                      <td>
                        <ActForm ctx={ctx} method="DELETE" path={`${path}/${m.id}`} done="flash.memberRemoved" confirm={t('members.remove.confirm', { name: m.name })}>
                          <button type="submit">{t('members.remove')}</button>
                        </ActForm>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {p.canManage ? (
        <section aria-labelledby="invite-title">
          <h2 id="invite-title">{t('invite.title')}</h2>
          <ActForm ctx={ctx} method="POST" path="/api/v1/invitations" done="flash.invited" class="row wrap">
            <input type="hidden" name="topic" value={topic.slug} />
            <label>
              {t('members.email')} <input type="email" name="email" required maxlength={254} />
            </label>
            <label>
              {t('members.role')}
              <select name="role">
                <option value="member">{t('role.member')}</option>
                <option value="curator">{t('role.curator')}</option>
              </select>
            </label>
            <button type="submit">{t('invite.submit')}</button>
          </ActForm>
          <p class="hint">{t('invite.hint')}</p>
        </section>
      ) : null}
    </Layout>
  );
}
