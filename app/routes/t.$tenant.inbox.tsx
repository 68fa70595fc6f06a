import type { LoaderFunctionArgs } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  useLoaderData,
  useNavigate,
  useParams,
  useRevalidator,
  useRouteError,
  useSearchParams,
} from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorPage } from '#app/components/error-page.tsx'
import { load } from '#app/utils/trpc.server.ts'
import { roughDuration } from '#app/utils/duration.ts'
import { translatedTitle } from '#app/utils/meta.ts'

export const meta = translatedTitle('inbox.title')

const VIEWS = ['all', 'mine', 'waiting', 'overdue'] as const
const STATUSES = ['active', 'open', 'in_progress', 'resolved', 'rejected', 'closed', 'any'] as const
const CHANNELS = ['whatsapp', 'web', 'walk_in', 'letter', 'phone', 'social', 'email'] as const
const pick = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  list.find((v) => v === value)

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const q = (name: string) => url.searchParams.get(name) || undefined
  const caller = context.caller(params.tenant).inbox
  const cursorAt = q('after')
  const cursorId = q('afterId')
  const [page, filters] = await Promise.all([
    load(() =>
      caller.find({
        view: pick(VIEWS, url.searchParams.get('view')) ?? 'all',
        status: pick(STATUSES, url.searchParams.get('status')) ?? 'active',
        channel: pick(CHANNELS, url.searchParams.get('channel')),
        categoryId: q('category'),
        kecamatanId: q('kecamatan'),
        stepKey: q('step'),
        sopId: q('sop'),
        from: q('from'),
        to: q('to'),
        q: q('q'),
        sort: url.searchParams.get('sort') === 'urgent' ? 'urgent' : 'newest',
        cursor: cursorAt && cursorId ? { at: cursorAt, id: cursorId } : undefined,
      }),
    ),
    load(() => caller.getFilters()),
  ])
  return { page, filters, now: new Date().toISOString() }
}

export default function Inbox() {
  const { t, i18n } = useTranslation()
  const { page, filters, now } = useLoaderData<typeof loader>()
  const [search] = useSearchParams()
  const revalidator = useRevalidator()
  const navigate = useNavigate()
  const list = useRef<HTMLOListElement>(null)
  const en = i18n.language === 'en'
  const view = pick(VIEWS, search.get('view')) ?? 'all'
  const firstPage = !search.get('after')

  // Refreshes itself every 30 s while the page is visible: new complaints appear without a reload.
  useEffect(() => {
    if (!firstPage) return
    const id = setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle') revalidator.revalidate()
    }, 30_000)
    return () => clearInterval(id)
  }, [firstPage, revalidator])

  // j / k move between complaints, Enter opens, e opens at the action panel.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement
      if (
        ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey
      )
        return
      const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.inbox-link') ?? [])]
      if (links.length === 0) return
      const index = links.indexOf(document.activeElement as HTMLAnchorElement)
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault()
        const next = event.key === 'j' ? Math.min(links.length - 1, index + 1) : Math.max(0, index - 1)
        links[next]?.focus()
      } else if (event.key === 'e' && index >= 0) {
        event.preventDefault()
        navigate(`${links[index]!.getAttribute('href')}#action-heading`)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate])

  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search)
    next.delete('after')
    next.delete('afterId')
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key)
      else next.set(key, value)
    }
    return `?${next.toString()}`
  }
  const nowMs = new Date(now).getTime()
  return (
    <>
      <div className="page-header">
        <h1>{t('inbox.title')}</h1>
        <p className="muted">{t('inbox.keys')}</p>
      </div>
      <nav className="tabs" aria-label={t('inbox.views')}>
        {VIEWS.map((v) => (
          <Link
            key={v}
            to={withParams({ view: v === 'all' ? null : v })}
            aria-current={view === v ? 'page' : undefined}
            className="tab"
          >
            {t(`inbox.view.${v}`)}
          </Link>
        ))}
      </nav>
      <details
        className="panel filters"
        open={[...search.keys()].some((k) => !['view', 'after', 'afterId'].includes(k))}
      >
        <summary>
          <strong>{t('inbox.filters')}</strong>
        </summary>
        <Form method="get" className="form">
          <input type="hidden" name="view" value={view === 'all' ? '' : view} />
          <div className="field">
            <label htmlFor="q">{t('inbox.search')}</label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={search.get('q') ?? ''}
              placeholder={t('inbox.searchHint')}
            />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="status">{t('inbox.status')}</label>
              <select id="status" name="status" defaultValue={search.get('status') ?? 'active'}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`inbox.statuses.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="channel">{t('complaints.form.channel')}</label>
              <select id="channel" name="channel" defaultValue={search.get('channel') ?? ''}>
                <option value="">{t('inbox.any')}</option>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`channels.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="category">{t('complaints.form.category')}</label>
              <select id="category" name="category" defaultValue={search.get('category') ?? ''}>
                <option value="">{t('inbox.any')}</option>
                {filters.categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {en ? c.nameEn : c.nameId}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="kecamatan">{t('inbox.kecamatan')}</label>
              <select id="kecamatan" name="kecamatan" defaultValue={search.get('kecamatan') ?? ''}>
                <option value="">{t('inbox.any')}</option>
                {filters.kecamatan.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="step">{t('inbox.step')}</label>
              <select id="step" name="step" defaultValue={search.get('step') ?? ''}>
                <option value="">{t('inbox.any')}</option>
                {filters.steps.map((s) => (
                  <option key={`${s.sopNameId}-${s.key}`} value={s.key}>
                    {en ? s.nameEn : s.nameId}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="sort">{t('inbox.sort')}</label>
              <select id="sort" name="sort" defaultValue={search.get('sort') ?? 'newest'}>
                <option value="newest">{t('inbox.sorts.newest')}</option>
                <option value="urgent">{t('inbox.sorts.urgent')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="from">{t('inbox.from')}</label>
              <input id="from" name="from" type="date" defaultValue={search.get('from') ?? ''} />
            </div>
            <div className="field">
              <label htmlFor="to">{t('inbox.to')}</label>
              <input id="to" name="to" type="date" defaultValue={search.get('to') ?? ''} />
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary">
              {t('inbox.apply')}
            </button>
            <Link to="?" className="button">
              {t('inbox.reset')}
            </Link>
          </div>
        </Form>
      </details>

      {page.pendingConversations.length > 0 ? (
        <p className="alert alert-info">
          {t('inbox.pendingConversations', { count: page.pendingConversations.length })}
        </p>
      ) : null}

      {page.items.length === 0 ? <p className="panel">{t('inbox.empty')}</p> : null}
      <ol className="inbox-list" ref={list}>
        {page.items.map((item) => {
          const left = item.dueAt ? new Date(item.dueAt).getTime() - nowMs : null
          return (
            <li key={item.ticketNumber} className={`inbox-item urgency-${item.urgency ?? 'none'}`}>
              <Link to={`../complaints/${item.ticketNumber}`} relative="path" className="inbox-link">
                <span className="inbox-top">
                  <strong>{item.ticketNumber}</strong>
                  {left !== null ? (
                    <span className={`time-left time-${item.urgency}`}>
                      {left < 0
                        ? t('inbox.overdueBy', { time: roughDuration(left, i18n.language) })
                        : t('inbox.timeLeft', { time: roughDuration(left, i18n.language) })}
                    </span>
                  ) : (
                    <span className="badge">{t(`complaints.status.${item.status}`)}</span>
                  )}
                </span>
                <span className="inbox-step">
                  {item.step
                    ? en
                      ? item.step.nameEn
                      : item.step.nameId
                    : t(`complaints.status.${item.status}`)}
                  {item.step?.mine ? <span className="chip">{t('inbox.yourTurn')}</span> : null}
                </span>
                <span className="inbox-description">{item.description}</span>
                <span className="muted">
                  {[
                    t(`channels.${item.channel}`),
                    item.category ? (en ? item.category.nameEn : item.category.nameId) : null,
                    item.kecamatan,
                    item.reporter,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </Link>
            </li>
          )
        })}
      </ol>
      {page.nextCursor ? (
        <p>
          <Link
            className="button"
            to={`${withParams({})}&after=${encodeURIComponent(page.nextCursor.at)}&afterId=${page.nextCursor.id}`}
          >
            {t('inbox.more')}
          </Link>
        </p>
      ) : null}
    </>
  )
}

/**
 * A 400 here comes from the address (a mangled "next page" link, a filter that is not one): said
 * in the console, with the way back to the inbox's first page. Anything else: the error page.
 */
export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const { tenant } = useParams()
  if (!isRouteErrorResponse(error) || error.status !== 400)
    return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />
  const key = (error.data as { messageKey?: unknown } | null)?.messageKey
  return (
    <>
      <div className="page-header">
        <h1>{t('inbox.title')}</h1>
      </div>
      <p className="alert alert-error" role="alert">
        {t(key === 'scoping.badCursor' ? key : 'scoping.badInboxLink')}
      </p>
      <p>
        <Link to={`/t/${tenant}/inbox`} className="button">
          {t('scoping.inboxFromStart')}
        </Link>
      </p>
    </>
  )
}
