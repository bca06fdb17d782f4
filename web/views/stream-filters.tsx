import type { ViewContext } from './context.js';

export interface StreamFilterValues {
  q?: string;
  topic?: string;
  source?: string;
  tag?: string;
  signal?: string;
  lang?: string;
  from?: string;
  to?: string;
  sort?: 'relevance' | 'date';
  unread?: boolean;
}

type Option = { slug: string; name: string };

function Select(p: { label: string; name: string; any: string; options: Option[]; value?: string }) {
  return (
    <label>
      {p.label}
      <select name={p.name}>
        <option value="">{p.any}</option>
        {p.options.map((x) => (
          <option value={x.slug} selected={x.slug === p.value}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The stream's filters: a plain GET form (works without JavaScript); curation filters for signed-in members. */
export function StreamFilters(p: { ctx: ViewContext; topics: Option[]; sources: Option[]; langs: string[]; filters: StreamFilterValues; filtered: boolean }) {
  const { t, user } = p.ctx;
  const f = p.filters;
  return (
    <form class="filters" method="get" action="/" aria-label={t('filters.title')}>
      <h2 class="visually-hidden">{t('filters.title')}</h2>
      {f.q ? <input type="hidden" name="q" value={f.q} /> : null}
      <label>
        {t('filters.sort')}
        <select name="sort">
          <option value="relevance" selected={f.sort === 'relevance'}>
            {t('filters.sort.relevance')}
          </option>
          <option value="date" selected={f.sort === 'date'}>
            {t('filters.sort.date')}
          </option>
        </select>
      </label>
      <Select label={t('filters.topic')} name="topic" any={t('filters.any')} options={p.topics} value={f.topic} />
      <Select label={t('filters.source')} name="source" any={t('filters.any')} options={p.sources} value={f.source} />
      <Select label={t('filters.lang')} name="lang" any={t('filters.any')} options={p.langs.map((l) => ({ slug: l, name: l }))} value={f.lang} />
      {user ? (
        <>
          <label>
            {t('filters.tag')}
            <input name="tag" value={f.tag ?? ''} maxlength={64} />
          </label>
          <Select
            label={t('filters.signal')}
            name="signal"
            any={t('filters.any')}
            options={['watching', 'confirmed'].map((s) => ({ slug: s, name: t(`signals.status.${s}`) }))}
            value={f.signal}
          />
          <label class="check">
            <input type="checkbox" name="unread" value="1" checked={f.unread} /> {t('filters.unread')}
          </label>
        </>
      ) : null}
      <fieldset>
        <legend>{t('filters.period')}</legend>
        <label>
          {t('filters.from')}
          <input type="date" name="from" value={f.from ?? ''} />
        </label>
        <label>
          {t('filters.to')}
          <input type="date" name="to" value={f.to ?? ''} />
        </label>
      </fieldset>
      <button type="submit">{t('filters.apply')}</button>
      {p.filtered ? <a href="/">{t('filters.reset')}</a> : null}
    </form>
  );
}
