import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import {
  Form,
  Link,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useRouteLoaderData,
  useSearchParams,
} from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { roughDuration } from '#app/utils/duration.ts'
import { formatInZone, ZONE_ABBREVIATION } from '#app/utils/time.ts'
import { load } from '#app/utils/trpc.server.ts'
import type { loader as tenantLoader } from './t.$tenant.tsx'
import { translatedTitle } from '#app/utils/meta.ts'

export const meta = translatedTitle('notifications.page.title')

const DAY = 24 * 60 * 60_000

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const after = url.searchParams.get('after')
  const afterId = url.searchParams.get('afterId')
  const page = await load(() =>
    context.caller(params.tenant).notification.find({
      language: context.language,
      cursor: after && afterId ? { at: after, id: afterId } : undefined,
    }),
  )
  return { page, now: new Date().toISOString() }
}

/** Opening a notification marks it read, then goes where it leads; a plain form, so no JavaScript needed. */
export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const caller = context.caller(params.tenant).notification
  const base = `/t/${params.tenant}`
  if (form.get('intent') === 'readAll') {
    const upTo = String(form.get('upTo') ?? '')
    await load(() => caller.markAllRead({ upTo: upTo || undefined }))
    return redirect(`${base}/notifications?allRead=1`)
  }
  const opened = await load(() => caller.markRead({ id: String(form.get('id') ?? '') }))
  if (opened.ticket) return redirect(`${base}/complaints/${encodeURIComponent(opened.ticket)}`)
  if (opened.kind === 'channel_unhealthy') return redirect(`${base}/admin/whatsapp`)
  return redirect(`${base}/notifications`)
}

export default function Notifications() {
  const { t, i18n } = useTranslation()
  const { page, now } = useLoaderData<typeof loader>()
  const parent = useRouteLoaderData<typeof tenantLoader>('routes/t.$tenant')
  const [search] = useSearchParams()
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const firstPage = !search.get('after')
  const zone = parent?.shell.tenant.timezone ?? 'Asia/Jakarta'
  const nowMs = new Date(now).getTime()

  // New notifications appear while the list stays open, like the inbox.
  useEffect(() => {
    if (!firstPage) return
    const id = setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle') revalidator.revalidate()
    }, 60_000)
    return () => clearInterval(id)
  }, [firstPage, revalidator])

  const when = (iso: string) => {
    const at = new Date(iso)
    const absolute = `${formatInZone(at, zone, i18n.language, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    })} ${ZONE_ABBREVIATION[zone] ?? ''}`.trim()
    const ago = nowMs - at.getTime()
    if (ago >= DAY) return absolute
    const relative =
      ago < 60_000
        ? t('notifications.page.justNow')
        : t('notifications.page.ago', { time: roughDuration(ago, i18n.language) })
    return `${relative} · ${absolute}`
  }
  const busy = navigation.state !== 'idle'
  return (
    <>
      <div className="page-header">
        <h1>{t('notifications.page.title')}</h1>
        <p className="muted">{t('notifications.page.intro')}</p>
      </div>
      {search.get('allRead') ? (
        <p className="alert alert-success" role="status">
          {t('notifications.page.allReadNotice')}
        </p>
      ) : null}
      <div className="notifications-bar">
        <p>
          <strong>{t('notifications.page.unreadCount', { count: page.unread })}</strong>
        </p>
        {firstPage && page.unread > 0 && page.items[0] ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <input type="hidden" name="upTo" value={page.items[0].createdAt} />
            <button type="submit" className="button" disabled={busy}>
              {t('notifications.page.markAllRead')}
            </button>
          </Form>
        ) : null}
      </div>
      {page.items.length === 0 ? <p className="panel">{t('notifications.page.empty')}</p> : null}
      <ol className="notification-list">
        {page.items.map((item) => {
          const unread = item.readAt === null
          return (
            <li key={item.id} className={`notification${unread ? ' notification-unread' : ''}`}>
              <Form method="post">
                <input type="hidden" name="id" value={item.id} />
                <button type="submit" name="intent" value="open" className="notification-open">
                  <span className="notification-text">
                    {unread ? (
                      <span className="chip chip-unread">{t('notifications.page.unread')}</span>
                    ) : null}{' '}
                    {item.text}
                  </span>
                  <time className="muted" dateTime={item.createdAt}>
                    {when(item.createdAt)}
                  </time>
                </button>
              </Form>
            </li>
          )
        })}
      </ol>
      <p className="pager">
        {!firstPage ? (
          <Link className="button" to="?">
            {t('notifications.page.newest')}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link
            className="button"
            to={`?after=${encodeURIComponent(page.nextCursor.at)}&afterId=${page.nextCursor.id}`}
          >
            {t('notifications.page.more')}
          </Link>
        ) : null}
      </p>
    </>
  )
}
