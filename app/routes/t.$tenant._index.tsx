import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { load } from '#app/utils/trpc.server.ts'
import { formatInZone, ZONE_ABBREVIATION } from '#app/utils/time.ts'
import type { loader as tenantLoader } from './t.$tenant.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const dashboard = await load(() => context.caller(params.tenant).tenant.getDashboard())
  return { dashboard, now: new Date().toISOString() }
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: 'danger' }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <span className="stat-value">{value.toLocaleString('id-ID')}</span>
      <span className="stat-label">{label}</span>
    </div>
  )
}

export default function Dashboard() {
  const { t, i18n } = useTranslation()
  const { dashboard, now } = useLoaderData<typeof loader>()
  const parent = useRouteLoaderData<typeof tenantLoader>('routes/t.$tenant')
  if (!parent) return null
  const { tenant } = parent.shell
  const zone = ZONE_ABBREVIATION[tenant.timezone] ?? tenant.timezone
  const time = formatInZone(new Date(now), tenant.timezone, i18n.language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
  return (
    <>
      <div className="page-header">
        <h1>{tenant.name}</h1>
        <p className="muted">
          {t('dashboard.welcome', { name: parent.user.name })} ·{' '}
          {t('dashboard.now', { time: `${time} ${zone}` })}
        </p>
      </div>
      <section aria-labelledby="complaints-heading">
        <h2 id="complaints-heading">{t('dashboard.complaintsHeading')}</h2>
        <div className="stats">
          <Stat label={t('dashboard.today')} value={dashboard.complaints.today} />
          <Stat label={t('dashboard.open')} value={dashboard.complaints.open} />
          <Stat
            label={t('dashboard.overdue')}
            value={dashboard.complaints.overdue}
            tone={dashboard.complaints.overdue > 0 ? 'danger' : undefined}
          />
          <Stat label={t('dashboard.total')} value={dashboard.complaints.total} />
        </div>
      </section>
      <section aria-labelledby="org-heading">
        <h2 id="org-heading">{t('dashboard.organisationHeading')}</h2>
        <div className="stats">
          <Stat label={t('dashboard.divisions')} value={dashboard.units.divisions} />
          <Stat label={t('dashboard.trcPosts')} value={dashboard.units.trcPosts} />
          <Stat label={t('dashboard.opd')} value={dashboard.units.opd} />
          <Stat label={t('dashboard.members')} value={dashboard.members} />
          <Stat label={t('dashboard.categories')} value={dashboard.categories} />
        </div>
      </section>
    </>
  )
}
