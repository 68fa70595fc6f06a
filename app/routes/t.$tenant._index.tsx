import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator, useRouteLoaderData } from '@remix-run/react'
import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PlaceMap, placeMapLinks, type MapPlace } from '#app/components/place-map.tsx'
import { roughDuration } from '#app/utils/duration.ts'
import { load } from '#app/utils/trpc.server.ts'
import { formatInZone, ZONE_ABBREVIATION } from '#app/utils/time.ts'
import { can } from '#server/auth/permissions.ts'
import type { loader as tenantLoader } from './t.$tenant.tsx'

export const links: LinksFunction = () => placeMapLinks()

export async function loader({ params, context }: LoaderFunctionArgs) {
  const dashboard = await load(() => context.caller(params.tenant).tenant.getDashboard())
  return { dashboard }
}

type Figures = ReturnType<typeof useLoaderData<typeof loader>>['dashboard']

/** A big number; a link when it leads somewhere the member may go. */
function Stat({
  label,
  value,
  note,
  tone,
  to,
}: {
  label: string
  value: string
  note?: string
  tone?: 'danger' | 'ok'
  to?: string
}) {
  const body = (
    <>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
      {note ? <span className="stat-note">{note}</span> : null}
    </>
  )
  const className = `stat${tone ? ` stat-${tone}` : ''}`
  return to ? (
    <Link to={to} className={`${className} stat-link`}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  )
}

/** A row of a bar list: a label (maybe a link), a number, and a bar as long as its share of the largest. */
function Bar({
  label,
  sub,
  value,
  share,
  extra,
  to,
}: {
  label: string
  sub?: string
  value: string
  share: number
  extra?: ReactNode
  to?: string
}) {
  return (
    <li className="bar-row">
      <span className="bar-text">
        {to ? (
          <Link to={to} className="bar-label">
            {label}
          </Link>
        ) : (
          <span className="bar-label">{label}</span>
        )}
        {sub ? <span className="bar-sub">{sub}</span> : null}
        {extra}
      </span>
      <span className="bar-value">{value}</span>
      <span className="bar-track" aria-hidden="true">
        <span className="bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
    </li>
  )
}

/** The 30 days as bars in inline SVG, with its numbers as text and as a table for those who cannot see it. */
function DailyChart({ daily, language }: { daily: Figures['daily']; language: string }) {
  const { t } = useTranslation()
  const max = Math.max(...daily.map((d) => d.count), 0)
  const total = daily.reduce((sum, d) => sum + d.count, 0)
  const day = (date: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' }) =>
    formatInZone(new Date(`${date}T00:00:00Z`), 'UTC', language, options)
  const busiest = daily.reduce((a, b) => (b.count > a.count ? b : a), daily[0]!)
  const summary =
    total === 0
      ? t('dashboard.chart.empty')
      : t('dashboard.chart.summary', {
          total: total.toLocaleString(language === 'en' ? 'en' : 'id'),
          average: (total / daily.length).toLocaleString(language === 'en' ? 'en' : 'id', {
            maximumFractionDigits: 1,
          }),
          max: busiest.count,
          date: day(busiest.date, { day: 'numeric', month: 'long' }),
        })
  const width = 10
  const top = Math.max(max, 1)
  const ticks = [0, Math.floor((daily.length - 1) / 2), daily.length - 1]
  return (
    <figure className="chart">
      <p className="chart-summary">{summary}</p>
      <div className="chart-plot">
        <span className="chart-max" aria-hidden="true">
          {t('dashboard.chart.max', { max })}
        </span>
        <svg
          viewBox={`0 0 ${daily.length * width} 100`}
          preserveAspectRatio="none"
          role="img"
          aria-labelledby="chart-title"
          className="chart-svg"
        >
          <title id="chart-title">{`${t('dashboard.chart.heading')}. ${summary}`}</title>
          <line x1="0" y1="0.5" x2={daily.length * width} y2="0.5" className="chart-grid" />
          <line x1="0" y1="99.5" x2={daily.length * width} y2="99.5" className="chart-axis" />
          {daily.map((d, i) => {
            const height = d.count === 0 ? 0 : Math.max(2, (d.count / top) * 98)
            return (
              <rect
                key={d.date}
                x={i * width + 1.5}
                y={100 - height}
                width={width - 3}
                height={height}
                className={i === daily.length - 1 ? 'chart-bar chart-bar-today' : 'chart-bar'}
              >
                <title>{`${day(d.date)}: ${d.count}`}</title>
              </rect>
            )
          })}
        </svg>
      </div>
      <div className="chart-ticks" aria-hidden="true">
        {ticks.map((i) => (
          <span key={i}>{i === daily.length - 1 ? t('dashboard.chart.today') : day(daily[i]!.date)}</span>
        ))}
      </div>
      <table className="visually-hidden">
        <caption>{t('dashboard.chart.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.chart.date')}</th>
            <th scope="col">{t('dashboard.chart.count')}</th>
          </tr>
        </thead>
        <tbody>
          {daily.map((d) => (
            <tr key={d.date}>
              <td>{day(d.date, { weekday: 'long', day: 'numeric', month: 'long' })}</td>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

export default function Dashboard() {
  const { t, i18n } = useTranslation()
  const { dashboard } = useLoaderData<typeof loader>()
  const parent = useRouteLoaderData<typeof tenantLoader>('routes/t.$tenant')
  const revalidator = useRevalidator()

  // Fresh figures every minute while the page is in view, for a screen left open on the wall or desk.
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible' && revalidator.state === 'idle') revalidator.revalidate()
    }, 60_000)
    return () => clearInterval(id)
  }, [revalidator])

  if (!parent) return null
  const { tenant, permissions } = parent.shell
  const language = i18n.language
  const en = language === 'en'
  const number = (n: number) => n.toLocaleString(en ? 'en' : 'id')
  const percent = (share: number) =>
    share.toLocaleString(en ? 'en' : 'id', { style: 'percent', maximumFractionDigits: 0 })
  const zone = ZONE_ABBREVIATION[tenant.timezone] ?? tenant.timezone
  const at = (iso: string, options: Intl.DateTimeFormatOptions) =>
    `${formatInZone(new Date(iso), tenant.timezone, language, options)} ${zone}`
  const base = `/t/${tenant.slug}`
  // Links into complaints only for those who may open them (a regent sees the figures alone).
  const seesComplaints = can(permissions, 'complaint.view')
  const { totals } = dashboard
  const stepName = (s: { nameId: string; nameEn: string }) => (en ? s.nameEn : s.nameId)
  const sopName = (s: { sopNameId: string; sopNameEn: string }) => (en ? s.sopNameEn : s.sopNameId)
  const severalSops =
    new Set([...dashboard.openByStep, ...dashboard.onTimeByStep].map((s) => s.sopId)).size > 1
  const intakeMax = Math.max(1, ...dashboard.intakeToday.map((c) => c.count))
  const openMax = Math.max(1, ...dashboard.openByStep.map((s) => s.open))
  const places: MapPlace[] = [...dashboard.kecamatan]
    .sort((a, b) => b.received - a.received || b.open - a.open || a.name.localeCompare(b.name))
    .map((k) => ({
      id: k.id,
      label: k.name,
      lat: k.latitude,
      lng: k.longitude,
      count: k.received,
      detail: k.open > 0 ? t('dashboard.places.open', { count: k.open }) : undefined,
      href: seesComplaints ? `${base}/inbox?kecamatan=${k.id}&status=any` : undefined,
    }))

  return (
    <div className="dashboard">
      <div className="page-header">
        <h1>{tenant.name}</h1>
        <p className="muted">
          {t('dashboard.welcome', { name: parent.user.name })} ·{' '}
          {t('dashboard.now', {
            time: at(dashboard.now, {
              weekday: 'long',
              day: 'numeric',
              month: 'long',
              year: 'numeric',
              hour: '2-digit',
              minute: '2-digit',
            }),
          })}
        </p>
      </div>

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="visually-hidden">
          {t('dashboard.figures')}
        </h2>
        <div className="stats">
          <Stat label={t('dashboard.receivedToday')} value={number(totals.receivedToday)} />
          <Stat
            label={t('dashboard.open')}
            value={number(totals.open)}
            to={seesComplaints ? `${base}/inbox` : undefined}
          />
          <Stat
            label={t('dashboard.overdue')}
            value={number(totals.overdue)}
            tone={totals.overdue > 0 ? 'danger' : undefined}
            to={seesComplaints ? `${base}/inbox?view=overdue` : undefined}
          />
          <Stat
            label={t('dashboard.onTime')}
            value={totals.onTimeThisMonth.share === null ? '–' : percent(totals.onTimeThisMonth.share)}
            note={
              totals.onTimeThisMonth.share === null
                ? t('dashboard.onTimeNone')
                : t('dashboard.onTimeOf', {
                    within: number(totals.onTimeThisMonth.withinLimit),
                    limited: number(totals.onTimeThisMonth.limited),
                  })
            }
          />
        </div>
      </section>

      <div className="dash-grid">
        <section className="panel" aria-labelledby="intake-heading">
          <h2 id="intake-heading">{t('dashboard.intake.heading')}</h2>
          <ul className="bar-list">
            {dashboard.intakeToday.map((c) => (
              <Bar
                key={c.channel}
                label={t(`channels.${c.channel}`)}
                value={number(c.count)}
                share={c.count / intakeMax}
              />
            ))}
          </ul>
        </section>

        <section className="panel" aria-labelledby="steps-heading">
          <h2 id="steps-heading">{t('dashboard.steps.heading')}</h2>
          {dashboard.openByStep.length === 0 ? (
            <p>{t('dashboard.steps.none')}</p>
          ) : (
            <ul className="bar-list">
              {dashboard.openByStep.map((s) => (
                <Bar
                  key={`${s.sopId}:${s.stepKey}`}
                  label={stepName(s)}
                  sub={severalSops ? t('dashboard.steps.sop', { name: sopName(s) }) : undefined}
                  value={number(s.open)}
                  share={s.open / openMax}
                  to={
                    seesComplaints
                      ? `${base}/inbox?step=${encodeURIComponent(s.stepKey)}&sop=${s.sopId}`
                      : undefined
                  }
                  extra={
                    s.overdue > 0 ? (
                      <span className="time-left time-overdue">
                        {t('dashboard.steps.overdue', { count: s.overdue })}
                      </span>
                    ) : null
                  }
                />
              ))}
            </ul>
          )}
        </section>

        <section className="panel" aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">{t('dashboard.overdueList.heading')}</h2>
          {dashboard.overdue.length === 0 ? (
            <p>{t('dashboard.overdueList.none')}</p>
          ) : (
            <ol className="overdue-list">
              {dashboard.overdue.map((o) => {
                const body = (
                  <>
                    <span className="inbox-top">
                      <strong>{o.ticketNumber}</strong>
                      <span className="time-left time-overdue">
                        {t('dashboard.overdueList.by', {
                          time: roughDuration(o.overdueMinutes * 60_000, language),
                        })}
                      </span>
                    </span>
                    {o.step ? <span className="inbox-step">{stepName(o.step)}</span> : null}
                    <span className="muted">
                      {[
                        o.category ? (en ? o.category.nameEn : o.category.nameId) : null,
                        o.kecamatan,
                        t('dashboard.overdueList.due', {
                          time: at(o.dueAt, {
                            day: 'numeric',
                            month: 'short',
                            hour: '2-digit',
                            minute: '2-digit',
                          }),
                        }),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </>
                )
                return (
                  <li key={o.ticketNumber} className="inbox-item urgency-overdue">
                    {seesComplaints ? (
                      <Link to={`${base}/complaints/${o.ticketNumber}`} className="inbox-link">
                        {body}
                      </Link>
                    ) : (
                      <div className="inbox-link">{body}</div>
                    )}
                  </li>
                )
              })}
            </ol>
          )}
          {seesComplaints && totals.overdue > dashboard.overdue.length ? (
            <p>
              <Link to={`${base}/inbox?view=overdue&sort=urgent`} className="button">
                {t('dashboard.overdueList.all', { count: totals.overdue })}
              </Link>
            </p>
          ) : null}
        </section>

        <section className="panel" aria-labelledby="ontime-heading">
          <h2 id="ontime-heading">{t('dashboard.onTimeSteps.heading')}</h2>
          <p className="hint">{t('dashboard.onTimeSteps.intro')}</p>
          {dashboard.onTimeByStep.length === 0 ? (
            <p>{t('dashboard.onTimeSteps.none')}</p>
          ) : (
            <ul className="bar-list">
              {dashboard.onTimeByStep.map((s) => (
                <Bar
                  key={`${s.sopId}:${s.stepKey}`}
                  label={stepName(s)}
                  sub={[
                    s.share === null
                      ? t('dashboard.onTimeSteps.noLimit', { count: s.finished })
                      : t('dashboard.onTimeSteps.of', {
                          within: number(s.withinLimit),
                          limited: number(s.limited),
                        }),
                    s.medianMinutes === null
                      ? null
                      : t('dashboard.onTimeSteps.median', {
                          time: roughDuration(s.medianMinutes * 60_000, language),
                        }),
                    severalSops ? sopName(s) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  value={s.share === null ? '–' : percent(s.share)}
                  share={s.share ?? 0}
                />
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t('dashboard.chart.heading')}</h2>
        <DailyChart daily={dashboard.daily} language={language} />
      </section>

      <section className="panel" aria-labelledby="places-heading">
        <h2 id="places-heading">{t('dashboard.places.heading')}</h2>
        <p className="hint">{t('dashboard.places.intro')}</p>
        <PlaceMap
          places={places}
          label={t('dashboard.places.map')}
          listLabel={t('dashboard.places.list')}
          countLabel={(count) => t('dashboard.places.received', { count })}
        />
        {dashboard.withoutKecamatan.received + dashboard.withoutKecamatan.open > 0 ? (
          <p className="hint">
            {t('dashboard.places.without', {
              received: number(dashboard.withoutKecamatan.received),
              open: number(dashboard.withoutKecamatan.open),
            })}
          </p>
        ) : null}
      </section>
    </div>
  )
}
