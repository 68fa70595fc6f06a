import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useParams, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { load } from '#app/utils/trpc.server.ts'

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { roles: await load(() => context.caller(params.tenant).role.find()) }
}

export default function RoleList() {
  const { t, i18n } = useTranslation()
  const { roles } = useLoaderData<typeof loader>()
  const { tenant } = useParams()
  const [search] = useSearchParams()
  const en = i18n.language === 'en'
  const created = roles.find((r) => r.id === search.get('created'))
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> ›{' '}
        <Link to={`/t/${tenant}/admin/users`}>{t('users.title')}</Link> › <span>{t('roles.title')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('roles.title')}</h1>
        <p className="muted">{t('roles.intro')}</p>
        <div className="form-actions">
          <Link to={`/t/${tenant}/admin/roles/new`} className="button button-primary">
            + {t('roles.add')}
          </Link>
        </div>
      </div>
      {created ? (
        <p className="alert alert-success" role="status">
          {t('roles.notices.created', { name: en ? created.nameEn : created.nameId })}
        </p>
      ) : null}
      <ul className="card-list">
        {roles.map((role) => (
          <li key={role.id}>
            <Link className="card-link role-card" to={`/t/${tenant}/admin/roles/${role.id}`}>
              <strong>{en ? role.nameEn : role.nameId}</strong>
              <span className="muted">{t('roles.members', { count: role.members })}</span>
              <span className="role-permissions">
                {role.locked ? (
                  <span className="chip">{t('roles.allPermissions')}</span>
                ) : role.permissions.length === 0 ? (
                  <span className="muted">{t('roles.noPermissions')}</span>
                ) : (
                  role.permissions.map((p) => (
                    <span key={p} className="chip">
                      {t(`permissions.${p}`)}
                    </span>
                  ))
                )}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  )
}
