import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useParams,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MemberFields, type MemberFieldErrors } from '#app/components/member-fields.tsx'
import { UUID_PATTERN } from '#app/utils/uuid.ts'
import { attempt, load, type ErrorPayload } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const membershipId = params.membershipId ?? ''
  // A mistyped address is a page that does not exist, not a malformed request.
  if (!UUID_PATTERN.test(membershipId))
    throw data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
  return load(() => context.caller(params.tenant).member.get({ membershipId }))
}

const FIELD_OF: Record<string, keyof MemberFieldErrors> = {
  'users.errors.roleRequired': 'roleIds',
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant)
  const membershipId = params.membershipId ?? ''
  const base = `/t/${params.tenant}/admin/users/${membershipId}`
  const form = await request.formData()
  const intent = String(form.get('intent') ?? 'save')
  const values = {
    roleIds: form.getAll('roleIds').map(String),
    unitId: String(form.get('unitId') ?? ''),
    title: String(form.get('title') ?? ''),
  }
  const fail = (error: ErrorPayload, status: number) => {
    const field = intent === 'save' ? FIELD_OF[error.messageKey] : undefined
    return data(
      {
        values: intent === 'save' ? values : null,
        fieldErrors: field ? { [field]: error } : {},
        error: field ? null : error,
      },
      { status },
    )
  }
  if (intent === 'deactivate' || intent === 'reactivate') {
    const result = await attempt(() =>
      intent === 'deactivate'
        ? caller.member.deactivate({ membershipId })
        : caller.member.reactivate({ membershipId }),
    )
    if (!result.ok) return fail(result.error, result.status)
    return redirect(`${base}?${intent === 'deactivate' ? 'deactivated' : 'reactivated'}=1`)
  }
  if (intent !== 'save') return fail({ messageKey: 'errors.invalidInput', params: {} }, 400)
  const result = await attempt(() =>
    caller.member.update({
      membershipId,
      roleIds: values.roleIds,
      unitId: values.unitId || null,
      title: values.title || null,
    }),
  )
  if (!result.ok) return fail(result.error, result.status)
  return redirect(`${base}?saved=1`)
}

export default function EditMember() {
  const { t, i18n } = useTranslation()
  const { member, roles, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const { tenant } = useParams()
  // Someone holding more than this editor: shown, but not theirs to change (the server refuses too).
  const busy = navigation.state !== 'idle'
  const locked = !member.manageable
  const values = actionData?.values ?? {
    roleIds: member.roleIds,
    unitId: member.unitId ?? '',
    title: member.title ?? '',
  }
  const since = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(member.since))
  const notice = search.get('saved')
    ? t('users.notices.saved')
    : search.get('deactivated')
      ? t('users.notices.deactivated', { name: member.name })
      : search.get('reactivated')
        ? t('users.notices.reactivated', { name: member.name })
        : null
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> ›{' '}
        <Link to={`/t/${tenant}/admin/users`}>{t('users.title')}</Link> › <span>{member.name}</span>
      </nav>
      <div className="page-header">
        <h1 className="member-heading">
          {member.name}{' '}
          {member.active ? null : <span className="badge badge-closed">{t('users.inactive')}</span>}
        </h1>
        <p className="muted member-email">
          {member.email} · {t('users.edit.since', { date: since })}
        </p>
      </div>
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <FormError error={actionData?.error} />
      {member.isSelf ? <p className="alert alert-info">{t('users.edit.selfNote')}</p> : null}
      {member.manageable ? null : <p className="alert alert-info">{t('members.users.beyondReach')}</p>}
      <Form method="post" className="form form-wide" noValidate>
        <MemberFields roles={roles} units={units} values={values} errors={actionData?.fieldErrors ?? {}} />
        <div className="form-actions">
          <button
            type="submit"
            name="intent"
            value="save"
            className="button button-primary"
            disabled={busy || locked}
          >
            {busy ? t('common.saving') : t('users.edit.save')}
          </button>
          <Link to={`/t/${tenant}/admin/users`} className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
      <section className="panel form-wide member-access" aria-labelledby="access-heading">
        <h2 id="access-heading">{t('users.edit.accessHeading')}</h2>
        {member.active ? (
          <>
            <p>{t('users.edit.activeExplain')}</p>
            {member.isSelf ? (
              <p className="muted">{t('users.errors.selfDeactivate')}</p>
            ) : (
              <Form method="post">
                <button
                  type="submit"
                  name="intent"
                  value="deactivate"
                  className="button button-danger"
                  disabled={busy || locked}
                >
                  {t('users.edit.deactivate')}
                </button>
              </Form>
            )}
          </>
        ) : (
          <>
            <p>{t('users.edit.inactiveExplain')}</p>
            <Form method="post">
              <button
                type="submit"
                name="intent"
                value="reactivate"
                className="button"
                disabled={busy || locked}
              >
                {t('users.edit.reactivate')}
              </button>
            </Form>
          </>
        )}
      </section>
    </>
  )
}
