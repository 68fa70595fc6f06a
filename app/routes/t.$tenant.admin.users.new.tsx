import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MemberFields, type MemberFieldErrors } from '#app/components/member-fields.tsx'
import { attempt, load, type ErrorPayload } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  return load(() => context.caller(params.tenant).member.getOptions())
}

type FieldErrors = MemberFieldErrors & Partial<Record<'email', ErrorPayload>>

/** Refusals of the procedure that belong under one field rather than at the top of the form. */
const FIELD_OF: Record<string, keyof FieldErrors> = {
  'users.errors.roleRequired': 'roleIds',
  'errors.emailInvalid': 'email',
}

/**
 * Invites a person by e-mail: they set their own name and password when they accept.
 * The answer, and so the page after it, is the same whether or not the address has an account.
 */
export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const values = {
    email: String(form.get('email') ?? '').trim(),
    roleIds: form.getAll('roleIds').map(String),
    unitId: String(form.get('unitId') ?? ''),
    title: String(form.get('title') ?? ''),
  }
  const fail = (error: ErrorPayload, status: number) => {
    const field = FIELD_OF[error.messageKey]
    return data(
      { values, fieldErrors: field ? { [field]: error } : {}, error: field ? null : error },
      { status },
    )
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))
    return fail({ messageKey: 'errors.emailInvalid', params: {} }, 400)
  const result = await attempt(() =>
    context.caller(params.tenant).member.invite({
      email: values.email,
      roleIds: values.roleIds,
      unitId: values.unitId || null,
      title: values.title || null,
    }),
  )
  if (!result.ok) return fail(result.error, result.status)
  return redirect(`/t/${params.tenant}/admin/users?invited=${encodeURIComponent(result.value.email)}`)
}

export default function InviteMember() {
  const { t } = useTranslation()
  const { roles, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { tenant } = useParams()
  const values = actionData?.values
  const errors: FieldErrors = actionData?.fieldErrors ?? {}
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> ›{' '}
        <Link to={`/t/${tenant}/admin/users`}>{t('users.title')}</Link> ›{' '}
        <span>{t('members.invitations.newTitle')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('members.invitations.newTitle')}</h1>
        <p className="muted">{t('members.invitations.newIntro')}</p>
      </div>
      <FormError error={actionData?.error} />
      <Form method="post" className="form form-wide" noValidate>
        <div className="field">
          <label htmlFor="email">{t('users.form.email')}</label>
          <input
            id="email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            defaultValue={values?.email ?? ''}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={['email-hint', errors.email ? 'email-error' : null].filter(Boolean).join(' ')}
          />
          <p className="hint" id="email-hint">
            {t('users.form.emailHint')}
          </p>
          {errors.email ? (
            <p className="field-error" id="email-error">
              {t(errors.email.messageKey, errors.email.params)}
            </p>
          ) : null}
        </div>
        <MemberFields
          roles={roles}
          units={units}
          values={{
            roleIds: values?.roleIds ?? [],
            unitId: values?.unitId ?? '',
            title: values?.title ?? '',
          }}
          errors={errors}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
            {navigation.state !== 'idle' ? t('common.saving') : t('members.invitations.submit')}
          </button>
          <Link to={`/t/${tenant}/admin/users`} className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </>
  )
}
