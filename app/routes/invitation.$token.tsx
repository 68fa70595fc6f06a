import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormError } from '#app/components/form-error.tsx'
import { LanguageSwitch } from '#app/components/language-switch.tsx'
import { translatedTitle } from '#app/utils/meta.ts'
import { attempt, load, type ErrorPayload } from '#app/utils/trpc.server.ts'

export const meta = translatedTitle('members.invitations.title')

/** The shortest password a new user may choose (server/members/invitations.ts). */
const MIN_PASSWORD_LENGTH = 10

/**
 * The page an invitation e-mail links to. Whoever holds the link may read whom it is
 * for; the person joins only by accepting here, setting a name and password if the address has
 * no account yet. A made-up token is a 404 like any missing page.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? ''
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token))
    throw data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
  return load(() => context.caller().member.getInvitation({ token }))
}

type FieldErrors = Partial<Record<'name' | 'password', ErrorPayload>>
const FIELD_OF: Record<string, keyof FieldErrors> = {
  'members.invitations.errors.nameRequired': 'name',
  'members.invitations.errors.passwordTooShort': 'password',
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const name = String(form.get('name') ?? '').trim()
  const password = String(form.get('password') ?? '')
  const result = await attempt(() =>
    context.caller().member.acceptInvitation({
      token: params.token ?? '',
      name: name || null,
      password: password || null,
    }),
  )
  if (!result.ok) {
    const field = FIELD_OF[result.error.messageKey]
    return data(
      {
        accepted: false as const,
        name,
        fieldErrors: (field ? { [field]: result.error } : {}) as FieldErrors,
        error: field ? null : result.error,
      },
      { status: result.status },
    )
  }
  return { accepted: true as const, name, fieldErrors: {} as FieldErrors, error: null }
}

export default function Invitation() {
  const { t } = useTranslation()
  const invitation = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const errors = actionData?.fieldErrors ?? {}
  const field = (name: 'name' | 'password', hint: boolean) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby':
      [hint ? `${name}-hint` : null, errors[name] ? `${name}-error` : null].filter(Boolean).join(' ') ||
      undefined,
  })
  const fieldError = (name: 'name' | 'password') => {
    const e = errors[name]
    return e ? (
      <p className="field-error" id={`${name}-error`}>
        {t(e.messageKey, e.params)}
      </p>
    ) : null
  }
  const signIn = (
    <Link to="/login" className="button button-primary button-block">
      {t('members.invitations.signIn')}
    </Link>
  )
  return (
    <div className="auth-page">
      <header className="auth-header">
        <span className="brand">Tanggap</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="auth-card">
        <h1>{t('members.invitations.title')}</h1>
        <p className="muted invitation-intro">
          {t('members.invitations.intro', {
            agency: invitation.agencyName,
            service: invitation.serviceName,
            email: invitation.email,
          })}
        </p>
        {actionData?.accepted ? (
          <>
            <p className="alert alert-success" role="status">
              {t('members.invitations.accepted', { service: invitation.serviceName })}
            </p>
            {signIn}
          </>
        ) : invitation.state === 'expired' ? (
          <p className="alert alert-info">{t('members.invitations.expiredBody')}</p>
        ) : invitation.state === 'used' ? (
          <>
            <p className="alert alert-info">{t('members.invitations.usedBody')}</p>
            {signIn}
          </>
        ) : (
          <>
            <FormError error={actionData?.error} />
            <Form method="post" className="form" noValidate>
              {invitation.needsPassword ? (
                <>
                  <p>{t('members.invitations.newAccount')}</p>
                  <div className="field">
                    <label htmlFor="name">{t('members.invitations.name')}</label>
                    <input
                      id="name"
                      name="name"
                      autoComplete="name"
                      required
                      defaultValue={actionData?.name ?? ''}
                      {...field('name', false)}
                    />
                    {fieldError('name')}
                  </div>
                  <div className="field">
                    <label htmlFor="password">{t('members.invitations.password')}</label>
                    <input
                      id="password"
                      name="password"
                      type="password"
                      autoComplete="new-password"
                      minLength={MIN_PASSWORD_LENGTH}
                      required
                      {...field('password', true)}
                    />
                    <p className="hint" id="password-hint">
                      {t('members.invitations.passwordHint', { min: MIN_PASSWORD_LENGTH })}
                    </p>
                    {fieldError('password')}
                  </div>
                </>
              ) : (
                <p>{t('members.invitations.existingAccount')}</p>
              )}
              <button type="submit" className="button button-primary button-block" disabled={busy}>
                {busy ? t('common.saving') : t('members.invitations.accept')}
              </button>
            </Form>
          </>
        )}
      </main>
    </div>
  )
}
