import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AdminHeader } from '#app/components/admin-header.tsx'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  return load(() => context.caller(params.tenant).settings.getLetterhead())
}

const FIELDS = ['parentName', 'agencyName', 'address', 'letterNumberFormat'] as const
type Field = (typeof FIELDS)[number]
type Errors = Partial<Record<Field, string>>

export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '').trim()])) as Record<
    Field,
    string
  >
  const errors: Errors = {}
  for (const f of FIELDS) if (values[f].length < 2) errors[f] = 'settings.letterhead.required'
  if (!errors.letterNumberFormat && !values.letterNumberFormat.includes('{seq}'))
    errors.letterNumberFormat = 'settings.letterhead.seqRequired'
  if (Object.keys(errors).length > 0) return data({ values, errors, error: null }, { status: 400 })
  const result = await attempt(() => context.caller(params.tenant).settings.updateLetterhead(values))
  if (!result.ok) return data({ values, errors, error: result.error }, { status: result.status })
  return redirect(`/t/${params.tenant}/admin/letterhead?saved=1`)
}

/** The number as it will look, so the admin sees the format at work. */
function exampleNumber(format: string) {
  const now = new Date()
  const roman =
    ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][now.getMonth()] ?? 'I'
  return format
    .replaceAll('{seq}', '012')
    .replaceAll('{code}', '300')
    .replaceAll('{roman_month}', roman)
    .replaceAll('{month}', String(now.getMonth() + 1).padStart(2, '0'))
    .replaceAll('{year}', String(now.getFullYear()))
}

export default function LetterheadSettings() {
  const { t } = useTranslation()
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const values: Record<Field, string> = actionData?.values ?? {
    ...loaded.letterhead,
    letterNumberFormat: loaded.letterNumberFormat,
  }
  const errors: Errors = actionData?.errors ?? {}
  const [format, setFormat] = useState(values.letterNumberFormat)
  const labels: Record<Field, string> = {
    parentName: t('settings.letterhead.parentName'),
    agencyName: t('settings.letterhead.agencyName'),
    address: t('settings.letterhead.address'),
    letterNumberFormat: t('settings.letterhead.numberFormat'),
  }
  return (
    <>
      <AdminHeader title={t('settings.sections.letterhead')} intro={t('settings.letterhead.intro')} />
      {search.get('saved') ? (
        <p className="alert alert-success" role="status">
          {t('settings.letterhead.saved')}
        </p>
      ) : null}
      <FormError error={actionData?.error} />
      <div className="letterhead-preview" aria-hidden="true">
        <strong>{values.parentName}</strong>
        <strong>{values.agencyName}</strong>
        <span>{values.address}</span>
      </div>
      <Form method="post" className="form form-wide" noValidate>
        {FIELDS.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={f}>{labels[f]}</label>
            {f === 'address' ? (
              <textarea
                id={f}
                name={f}
                rows={2}
                defaultValue={values[f]}
                aria-invalid={errors[f] ? true : undefined}
              />
            ) : (
              <input
                id={f}
                name={f}
                defaultValue={values[f]}
                aria-invalid={errors[f] ? true : undefined}
                onChange={f === 'letterNumberFormat' ? (e) => setFormat(e.currentTarget.value) : undefined}
              />
            )}
            {f === 'letterNumberFormat' ? (
              <>
                <p className="hint">{t('settings.letterhead.numberHint')}</p>
                <p className="hint">{t('settings.letterhead.example', { example: exampleNumber(format) })}</p>
              </>
            ) : null}
            {errors[f] ? <p className="field-error">{t(errors[f] ?? '')}</p> : null}
          </div>
        ))}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
            {navigation.state !== 'idle' ? t('common.saving') : t('settings.letterhead.save')}
          </button>
        </div>
      </Form>
    </>
  )
}
