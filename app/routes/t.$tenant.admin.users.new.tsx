import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { MemberFields, type MemberFieldErrors } from '#app/components/member-fields.tsx'
import { attempt, load, type ErrorPayload } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

const MIN_PASSWORD_LENGTH = 10

export async function loader({ params, context }: LoaderFunctionArgs) {
  return load(() => context.caller(params.tenant).member.getOptions())
}

type FieldErrors = MemberFieldErrors & Partial<Record<'email' | 'name' | 'password', ErrorPayload>>

/** Refusals of the procedure that belong under one field rather than at the top of the form. */
const FIELD_OF: Record<string, keyof FieldErrors> = {
  'users.errors.nameRequired': 'name',
  'users.errors.passwordTooShort': 'password',
  'users.errors.roleRequired': 'roleIds',
  'errors.emailInvalid': 'email',
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const values = {
    email: String(form.get('email') ?? '').trim(),
    name: String(form.get('name') ?? '').trim(),
    password: String(form.get('password') ?? ''),
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
    context.caller(params.tenant).member.create({
      email: values.email,
      name: values.name || null,
      password: values.password || null,
      roleIds: values.roleIds,
      unitId: values.unitId || null,
      title: values.title || null,
    }),
  )
  if (!result.ok) return fail(result.error, result.status)
  const account = result.value.createdUser ? 'new' : 'existing'
  return redirect(`/t/${params.tenant}/admin/users?added=${result.value.membershipId}&account=${account}`)
}

export default function NewMember() {
  const { t } = useTranslation()
  const { roles, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { tenant } = useParams()
  const values = actionData?.values
  const errors: FieldErrors = actionData?.fieldErrors ?? {}
  const field = (name: 'email' | 'name' | 'password', hint: boolean) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby':
      [hint ? `${name}-hint` : null, errors[name] ? `${name}-error` : null].filter(Boolean).join(' ') ||
      undefined,
  })
  const error = (name: 'email' | 'name' | 'password') => {
    const e = errors[name]
    return e ? (
      <p className="field-error" id={`${name}-error`}>
        {t(e.messageKey, e.params)}
      </p>
    ) : null
  }
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> ›{' '}
        <Link to={`/t/${tenant}/admin/users`}>{t('users.title')}</Link> › <span>{t('users.new.title')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('users.new.title')}</h1>
        <p className="muted">{t('users.new.intro')}</p>
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
            {...field('email', true)}
          />
          <p className="hint" id="email-hint">
            {t('users.form.emailHint')}
          </p>
          {error('email')}
        </div>
        <fieldset aria-describedby="new-user-hint">
          <legend>{t('users.new.newUserLegend')}</legend>
          <p className="hint" id="new-user-hint">
            {t('users.new.newUserHint')}
          </p>
          <div className="field">
            <label htmlFor="name">{t('users.form.name')}</label>
            <input
              id="name"
              name="name"
              autoComplete="off"
              defaultValue={values?.name ?? ''}
              {...field('name', false)}
            />
            {error('name')}
          </div>
          <div className="field">
            <label htmlFor="password">{t('users.form.password')}</label>
            {/* Shown as typed: the admin hands this first password over in person. */}
            <input
              id="password"
              name="password"
              type="text"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              minLength={MIN_PASSWORD_LENGTH}
              defaultValue={values?.password ?? ''}
              {...field('password', true)}
            />
            <p className="hint" id="password-hint">
              {t('users.form.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            </p>
            {error('password')}
          </div>
        </fieldset>
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
            {navigation.state !== 'idle' ? t('common.saving') : t('users.new.submit')}
          </button>
          <Link to={`/t/${tenant}/admin/users`} className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </>
  )
}
