import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useParams, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { UnitKind } from '#server/org/units.ts'
import { load } from '#app/utils/trpc.server.ts'

const KINDS = ['division', 'control_room', 'trc_post', 'opd'] as const satisfies readonly UnitKind[]
const NOTICES = ['created', 'updated', 'deactivated', 'activated'] as const

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { units: await load(() => context.caller(params.tenant).unit.find()) }
}

export default function UnitList() {
  const { t } = useTranslation()
  const { units } = useLoaderData<typeof loader>()
  const { tenant } = useParams()
  const [search] = useSearchParams()
  const base = `/t/${tenant}/admin/units`
  const notice = NOTICES.map((kind) => ({ kind, unit: units.find((u) => u.id === search.get(kind)) })).find(
    (n) => n.unit,
  )
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> › <span>{t('units.title')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('units.title')}</h1>
        <p className="muted">{t('units.intro')}</p>
      </div>
      {notice?.unit ? (
        <p className="alert alert-success" role="status">
          {t(`units.notices.${notice.kind}`, { name: notice.unit.name })}
        </p>
      ) : null}
      {KINDS.map((kind) => {
        // Active units first, inactive ones after them; both by name (the server sorts by name).
        const own = units.filter((u) => u.kind === kind).sort((a, b) => Number(b.active) - Number(a.active))
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>
              {t(`units.kinds.${kind}`)} <span className="muted">({own.length})</span>
            </h2>
            <p className="hint">{t(`units.kindHints.${kind}`)}</p>
            {own.length === 0 ? (
              <p className="muted">{t('units.none')}</p>
            ) : (
              <ul className="card-list">
                {own.map((unit) => (
                  <li key={unit.id}>
                    <Link className="card-link" to={`${base}/${unit.id}`}>
                      <strong>
                        {unit.name}{' '}
                        {unit.active ? null : (
                          <span className="badge badge-closed">{t('units.inactive')}</span>
                        )}
                      </strong>
                      {unit.shortName ? <span className="muted">{unit.shortName}</span> : null}
                      {unit.parentName ? <span>{t('units.under', { name: unit.parentName })}</span> : null}
                      {kind === 'trc_post' ? (
                        <span>
                          {unit.latitude !== null && unit.longitude !== null
                            ? `${unit.latitude}, ${unit.longitude}`
                            : t('units.noLocation')}
                          {unit.address ? ` · ${unit.address}` : ''}
                        </span>
                      ) : null}
                      {unit.email || unit.phone ? (
                        <span className="muted">{[unit.email, unit.phone].filter(Boolean).join(' · ')}</span>
                      ) : null}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <Link className="button button-ghost" to={`${base}/new?kind=${kind}`}>
              + {t(`units.add.${kind}`)}
            </Link>
          </section>
        )
      })}
    </>
  )
}
