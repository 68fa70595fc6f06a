import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useParams, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormError } from '#app/components/form-error.tsx'
import { attempt, load } from '#app/utils/trpc.server.ts'

const STATUSES = ['all', 'active', 'inactive'] as const

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const query = (url.searchParams.get('q') ?? '').trim().slice(0, 100)
  const status = STATUSES.find((s) => s === url.searchParams.get('status')) ?? 'all'
  const caller = context.caller(params.tenant)
  const [found, invitations] = await Promise.all([
    load(() => caller.member.find({ query: query || undefined, status })),
    load(() => caller.member.findInvitations()),
  ])
  return { ...found, invitations, query, status }
}

/** Withdraws an open invitation. */
export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const result = await attempt(() =>
    context
      .caller(params.tenant)
      .member.revokeInvitation({ invitationId: String(form.get('invitationId') ?? '') }),
  )
  if (!result.ok) return data({ error: result.error }, { status: result.status })
  return redirect(`/t/${params.tenant}/admin/users?revoked=${encodeURIComponent(result.value.email)}`)
}

/** How long an invitation link works (server/members/invitations.ts), for the notice. */
const INVITATION_DAYS = 7

export default function MemberList() {
  const { t, i18n } = useTranslation()
  const { members, more, query, status, invitations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { tenant } = useParams()
  const [search] = useSearchParams()
  const invited = search.get('invited')
  const revoked = search.get('revoked')
  const en = i18n.language === 'en'
  const dateFormat = new Intl.DateTimeFormat(en ? 'en-GB' : 'id-ID', { dateStyle: 'long' })
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
            + {t('members.invitations.add')}
          </Link>
          <Link to={`/t/${tenant}/admin/roles`} className="button">
            {t('users.manageRoles')}
          </Link>
        </div>
      </div>
      {invited ? (
        <p className="alert alert-success" role="status">
          {t('members.invitations.sent', { email: invited, days: INVITATION_DAYS })}
        </p>
      ) : null}
      {revoked ? (
        <p className="alert alert-success" role="status">
          {t('members.invitations.revoked', { email: revoked })}
        </p>
      ) : null}
      <FormError error={actionData?.error} />
      {invitations.length > 0 ? (
        <section className="panel" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">{t('members.invitations.pendingHeading')}</h2>
          <ul className="invitation-list">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="invitation">
                <span className="member-who">
                  <strong className="member-email">{invitation.email}</strong>
                  <span className="muted">
                    {t('members.invitations.pendingExpires', {
                      date: dateFormat.format(new Date(invitation.expiresAt)),
                    })}
                  </span>
                </span>
                <span className="member-roles">
                  {invitation.roles.map((role) => (
                    <span key={role.id} className="chip">
                      {en ? role.nameEn : role.nameId}
                    </span>
                  ))}
                </span>
                <Form method="post">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button
                    type="submit"
                    className="button button-ghost"
                    aria-label={t('members.invitations.revokeLabel', { email: invitation.email })}
                  >
                    {t('members.invitations.revoke')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
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
