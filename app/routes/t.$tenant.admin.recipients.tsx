import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminHeader } from '#app/components/admin-header.tsx'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  return load(() => context.caller(params.tenant).settings.getReportRecipients())
}

type Errors = { name?: string; email?: string }

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant).settings
  const form = await request.formData()
  const name = String(form.get('name') ?? '').trim()
  const email = String(form.get('email') ?? '').trim()
  if (form.get('intent') === 'remove') {
    const result = await attempt(() => caller.removeReportRecipient({ email }))
    if (!result.ok)
      return data({ values: { name, email }, errors: {}, error: result.error }, { status: result.status })
    return redirect(`/t/${params.tenant}/admin/recipients?notice=removed`)
  }
  const errors: Errors = {}
  if (name.length < 2) errors.name = 'settings.recipients.nameRequired'
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'errors.emailInvalid'
  if (Object.keys(errors).length > 0)
    return data({ values: { name, email }, errors, error: null }, { status: 400 })
  const result = await attempt(() => caller.addReportRecipient({ name, email }))
  if (!result.ok)
    return data({ values: { name, email }, errors, error: result.error }, { status: result.status })
  return redirect(`/t/${params.tenant}/admin/recipients?notice=added`)
}

export default function RecipientSettings() {
  const { t } = useTranslation()
  const { recipients } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const errors: Errors = actionData?.errors ?? {}
  const notice = search.get('notice')
  return (
    <>
      <AdminHeader title={t('settings.sections.recipients')} intro={t('settings.recipients.intro')} />
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`settings.recipients.${notice}`)}
        </p>
      ) : null}
      <FormError error={actionData?.error} />
      {recipients.length === 0 ? <p className="panel">{t('settings.recipients.none')}</p> : null}
      <ul className="holiday-list">
        {recipients.map((r) => (
          <li key={r.email}>
            <div>
              <strong>{r.name}</strong> · {r.email}
            </div>
            <Form method="post">
              <input type="hidden" name="email" value={r.email} />
              <button
                type="submit"
                name="intent"
                value="remove"
                className="button button-danger"
                aria-label={`${t('settings.recipients.remove')} ${r.email}`}
              >
                {t('settings.recipients.remove')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="form form-wide" noValidate key={search.toString()}>
        <fieldset>
          <legend>{t('settings.recipients.add')}</legend>
          <div className="field-row">
            <div className="field">
              <label htmlFor="name">{t('settings.recipients.name')}</label>
              <input
                id="name"
                name="name"
                defaultValue={actionData?.values.name ?? ''}
                aria-invalid={errors.name ? true : undefined}
              />
              {errors.name ? <p className="field-error">{t(errors.name)}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="email">{t('settings.recipients.email')}</label>
              <input
                id="email"
                name="email"
                type="email"
                defaultValue={actionData?.values.email ?? ''}
                aria-invalid={errors.email ? true : undefined}
              />
              {errors.email ? <p className="field-error">{t(errors.email)}</p> : null}
            </div>
          </div>
          <div className="form-actions">
            <button
              type="submit"
              name="intent"
              value="add"
              className="button button-primary"
              disabled={navigation.state !== 'idle'}
            >
              {t('settings.recipients.add')}
            </button>
          </div>
        </fieldset>
      </Form>
    </>
  )
}
