import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useParams, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { UUID_PATTERN } from '#app/utils/uuid.ts'
import { attempt, load } from '#app/utils/trpc.server.ts'

const STATUSES = ['all', 'active', 'inactive'] as const

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const query = (url.searchParams.get('q') ?? '').trim().slice(0, 100)
  const status = STATUSES.find((s) => s === url.searchParams.get('status')) ?? 'all'
  const caller = context.caller(params.tenant)
  const found = await load(() => caller.member.find({ query: query || undefined, status }))
  // After the add form: say who was added (looked up by id, so no name travels in the URL).
  const addedId = url.searchParams.get('added') ?? ''
  const added = UUID_PATTERN.test(addedId)
    ? await attempt(() => caller.member.get({ membershipId: addedId }))
    : null
  return { ...found, query, status, addedName: added?.ok ? added.value.member.name : null }
}

export default function MemberList() {
  const { t, i18n } = useTranslation()
  const { members, more, query, status, addedName } = useLoaderData<typeof loader>()
  const { tenant } = useParams()
  const [search] = useSearchParams()
  const account = search.get('account')
  const en = i18n.language === 'en'
  const filtered = !!query || status !== 'all'
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> › <span>{t('users.title')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('users.title')}</h1>
        <p className="muted">{t('users.intro')}</p>
        <div className="form-actions">
          <Link to={`/t/${tenant}/admin/users/new`} className="button button-primary">
            + {t('users.add')}
          </Link>
          <Link to={`/t/${tenant}/admin/roles`} className="button">
            {t('users.manageRoles')}
          </Link>
        </div>
      </div>
      {addedName ? (
        <div className="alert alert-success notice-stack" role="status">
          <p>{t('users.notices.added', { name: addedName })}</p>
          {account === 'new' ? <p>{t('users.notices.addedNew', { name: addedName })}</p> : null}
          {account === 'existing' ? <p>{t('users.notices.addedExisting', { name: addedName })}</p> : null}
        </div>
      ) : null}
      <Form method="get" className="member-search" role="search">
        <div className="field">
          <label htmlFor="q">{t('users.searchLabel')}</label>
          <input id="q" name="q" type="search" defaultValue={query} autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="status">{t('users.statusLabel')}</label>
          <select id="status" name="status" defaultValue={status}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`users.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t('users.search')}
          </button>
          {filtered ? (
            <Link to={`/t/${tenant}/admin/users`} className="button button-ghost">
              {t('users.clearSearch')}
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="muted" role="status">
        {filtered
          ? t('users.countFound', { count: members.length })
          : t('users.count', { count: members.length })}
      </p>
      {members.length === 0 ? (
        <p className="panel">{filtered ? t('users.emptySearch') : t('users.empty')}</p>
      ) : (
        <ul className="card-list member-list">
          {members.map((member) => (
            <li key={member.membershipId}>
              <Link
                className={`card-link member-card${member.active ? '' : ' member-inactive'}`}
                to={`/t/${tenant}/admin/users/${member.membershipId}`}
              >
                <span className="member-who">
                  <strong>{member.name}</strong>
                  <span className="muted member-email">{member.email}</span>
                  {member.title ? <span>{member.title}</span> : null}
                </span>
                <span className="member-roles">
                  <span className="visually-hidden">{t('users.rolesLabel')}: </span>
                  {member.roles.length > 0 ? (
                    member.roles.map((role) => (
                      <span key={role.id} className="chip">
                        {en ? role.nameEn : role.nameId}
                      </span>
                    ))
                  ) : (
                    <span className="muted">{t('users.noRole')}</span>
                  )}
                </span>
                <span className="member-unit">
                  <span className="visually-hidden">{t('users.unitLabel')}: </span>
                  {member.unit ? member.unit.name : <span className="muted">{t('users.noUnit')}</span>}
                </span>
                <span className="member-status">
                  {member.isSelf ? <span className="badge">{t('users.you')}</span> : null}
                  {member.active ? null : <span className="badge badge-closed">{t('users.inactive')}</span>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {more ? <p className="alert alert-info">{t('users.more', { count: members.length })}</p> : null}
    </>
  )
}
