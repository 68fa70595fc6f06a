import { Form, Link, NavLink, useFetcher, useParams } from '@remix-run/react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { can, type Permission } from '#server/auth/permissions.ts'
import { LanguageSwitch } from './language-switch.tsx'

type Shell = {
  tenant: { slug: string; name: string; serviceName: string; timezone: string }
  roles: { key: string; nameId: string; nameEn: string }[]
  permissions: string[]
  unreadNotifications: number
}

type NavItem = { to: string; labelKey: string; permission: Permission; end?: boolean }

/** The console's pages; an item shows only to roles that may use it. */
const NAV: NavItem[] = [
  { to: '', labelKey: 'nav.dashboard', permission: 'dashboard.view', end: true },
  { to: 'inbox', labelKey: 'nav.inbox', permission: 'complaint.view' },
  { to: 'complaints/new', labelKey: 'nav.newComplaint', permission: 'complaint.create' },
  { to: 'trc', labelKey: 'nav.trc', permission: 'dispatch.perform' },
  { to: 'admin', labelKey: 'nav.admin', permission: 'sop.edit' },
]

export function ConsoleShell({
  shell,
  memberships,
  user,
  children,
}: {
  shell: Shell
  memberships: { slug: string; name: string; serviceName: string }[]
  user: { name: string; email: string; isPlatformAdmin: boolean }
  children: ReactNode
}) {
  const { t, i18n } = useTranslation()
  const { tenant: slug } = useParams()
  const base = `/t/${slug}`
  const items = NAV.filter((item) => can(shell.permissions, item.permission))
  const roleNames = shell.roles.map((r) => (i18n.language === 'en' ? r.nameEn : r.nameId)).join(', ')
  const others = memberships.filter((m) => m.slug !== shell.tenant.slug)
  const navigation = (
    <ul>
      {items.map((item) => (
        <li key={item.labelKey}>
          <NavLink to={item.to ? `${base}/${item.to}` : base} end={item.end}>
            {t(item.labelKey)}
          </NavLink>
        </li>
      ))}
    </ul>
  )
  return (
    <div className="console">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <details className="menu mobile-nav">
          <summary aria-label={t('nav.menu')}>☰ {t('nav.menu')}</summary>
          <nav aria-label={t('nav.mainNavigation')}>{navigation}</nav>
        </details>
        <Link to={base} className="brand">
          <span className="brand-service">{shell.tenant.serviceName}</span>
          <span className="brand-tenant">{shell.tenant.name}</span>
        </Link>
        <div className="topbar-actions">
          {others.length > 0 ? (
            <details className="menu">
              <summary>{t('nav.switchTenant')}</summary>
              <div className="menu-panel">
                <p className="menu-heading">{t('nav.yourTenants')}</p>
                <ul>
                  {memberships.map((m) => (
                    <li key={m.slug}>
                      <Link
                        to={`/t/${m.slug}`}
                        aria-current={m.slug === shell.tenant.slug ? 'page' : undefined}
                      >
                        <strong>{m.serviceName}</strong> <span className="muted">{m.name}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            </details>
          ) : null}
          <NotificationBell base={base} shell={shell} />
          <LanguageSwitch />
          <details className="menu user-menu">
            <summary>
              <span className="avatar" aria-hidden="true">
                {user.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="user-name">{user.name}</span>
            </summary>
            <div className="menu-panel menu-panel-right">
              <p>
                <strong>{user.name}</strong>
                <br />
                <span className="muted">{user.email}</span>
              </p>
              <p>
                {t('nav.roles')}: {roleNames || '-'}
              </p>
              {user.isPlatformAdmin ? (
                <p>
                  <Link to="/platform">{t('platform.link')}</Link>
                </p>
              ) : null}
              <Form method="post" action="/logout">
                <button type="submit" className="button button-block">
                  {t('nav.signOut')}
                </button>
              </Form>
              <Form method="post" action="/logout">
                <input type="hidden" name="everywhere" value="1" />
                <button type="submit" className="button button-block button-ghost">
                  {t('nav.signOutEverywhere')}
                </button>
              </Form>
            </div>
          </details>
        </div>
      </header>
      <div className="console-body">
        <nav className="sidebar" aria-label={t('nav.mainNavigation')}>
          {navigation}
        </nav>
        <main id="main" className="content">
          {children}
        </main>
      </div>
    </div>
  )
}

const REFRESH_MS = 60_000

/**
 * The bell: a link to the notifications with the unread count. The count comes with the shell's
 * loader data (fresh after every form a person sends); while a page stays open it is fetched again
 * every minute and when the window regains focus, from a route that runs one indexed count.
 */
function NotificationBell({ base, shell }: { base: string; shell: Shell }) {
  const { t } = useTranslation()
  const fetcher = useFetcher<{ count: number | null }>()
  const [count, setCount] = useState(shell.unreadNotifications)
  // New shell data (a navigation that reloaded it) wins over an older refresh, even at the same number.
  useEffect(() => setCount(shell.unreadNotifications), [shell])
  useEffect(() => {
    if (typeof fetcher.data?.count === 'number') setCount(fetcher.data.count)
  }, [fetcher.data])
  const load = useRef(fetcher.load)
  load.current = fetcher.load
  const idle = useRef(true)
  idle.current = fetcher.state === 'idle'
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible' && idle.current)
        void load.current(`${base}/notifications/count`)
    }
    const id = setInterval(refresh, REFRESH_MS)
    window.addEventListener('focus', refresh)
    return () => {
      clearInterval(id)
      window.removeEventListener('focus', refresh)
    }
  }, [base])
  const label = count > 0 ? t('notifications.bell.unread', { count }) : t('notifications.bell.none')
  return (
    <NavLink to={`${base}/notifications`} className="bell" aria-label={label} title={label}>
      <svg aria-hidden="true" focusable="false" width="24" height="24" viewBox="0 0 24 24">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count > 0 ? (
        <span className="bell-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </NavLink>
  )
}
