import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DEMO_LOGINS, DEMO_PASSWORD } from '#db/seed/demo-logins.ts'
import { LanguageSwitch } from '#app/components/language-switch.tsx'
import { attempt } from '#app/utils/trpc.server.ts'
import { safeRedirectPath } from '#app/utils/redirect.ts'
import { cookieValue } from '#app/utils/cookies.ts'
import { DEVICE_COOKIE } from '#server/auth/device-cookie.ts'
import { FormError } from '#app/components/form-error.tsx'
import { translatedTitle } from '#app/utils/meta.ts'

export const meta = translatedTitle('login.signIn')

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) {
    const memberships = await context.caller().me.listMemberships()
    throw redirect(memberships.length === 1 && memberships[0] ? `/t/${memberships[0].slug}` : '/')
  }
  return { demoLogins: context.demo ? DEMO_LOGINS : [], demoPassword: context.demo ? DEMO_PASSWORD : null }
}

type FieldErrors = { email?: string; password?: string }

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const email = String(form.get('email') ?? '').trim()
  const password = String(form.get('password') ?? '')
  const fieldErrors: FieldErrors = {}
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fieldErrors.email = 'errors.emailInvalid'
  if (!password) fieldErrors.password = 'errors.passwordRequired'
  if (fieldErrors.email || fieldErrors.password) {
    return data({ email, fieldErrors, formError: null }, { status: 400 })
  }
  const deviceToken = cookieValue(request.headers.get('Cookie'), DEVICE_COOKIE)
  const result = await attempt(() => context.caller().auth.signIn({ email, password, deviceToken }))
  if (!result.ok) return data({ email, fieldErrors, formError: result.error }, { status: result.status })
  const target = safeRedirectPath(String(form.get('redirectTo') ?? ''), result.value.landingPath)
  const headers = new Headers()
  headers.append('Set-Cookie', result.value.setCookie)
  headers.append('Set-Cookie', result.value.deviceCookie)
  return redirect(target, { headers })
}

export default function Login() {
  const { t } = useTranslation()
  const { demoLogins, demoPassword } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [searchParams] = useSearchParams()
  const submitting = navigation.state !== 'idle' && navigation.formAction === '/login'
  const fieldErrors: FieldErrors = actionData?.fieldErrors ?? {}
  return (
    <div className="auth-page">
      <header className="auth-header">
        <span className="brand">Tanggap</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="auth-card">
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        <FormError error={actionData?.formError} />
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
          <div className="field">
            <label htmlFor="email">{t('login.email')}</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              defaultValue={actionData?.email ?? ''}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? 'email-error' : undefined}
            />
            {fieldErrors.email ? (
              <p className="field-error" id="email-error">
                {t(fieldErrors.email)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="password">{t('login.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? 'password-error' : undefined}
            />
            {fieldErrors.password ? (
              <p className="field-error" id="password-error">
                {t(fieldErrors.password)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button-primary button-block" disabled={submitting}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </Form>
        {demoLogins.length > 0 ? (
          <details className="demo-logins">
            <summary>{t('login.demoTitle')}</summary>
            <p>{t('login.demoHint', { password: demoPassword })}</p>
            <ul>
              {demoLogins.map((login) => (
                <li key={login.email}>
                  <code>{login.email}</code> <span className="muted">{login.tenant}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </main>
    </div>
  )
}
