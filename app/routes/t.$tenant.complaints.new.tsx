import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { readForm, requireMember } from '#app/utils/uploads.server.ts'
import { FormError } from '#app/components/form-error.tsx'

const CHANNELS = ['walk_in', 'letter', 'phone', 'social', 'web', 'email'] as const

export async function loader({ params, context }: LoaderFunctionArgs) {
  return load(() => context.caller(params.tenant).complaint.getIntakeOptions())
}

type Values = Record<string, string>
type FieldErrors = Partial<
  Record<'description' | 'reporterEmail' | 'channel' | 'sourceUrl' | 'letterScans', string>
>

export async function action({ params, context, request }: ActionFunctionArgs) {
  requireMember(context.user, request)
  const form = await readForm(request)
  const values: Values = form.values
  const fieldErrors: FieldErrors = {}
  if (form.error) fieldErrors.letterScans = form.error
  const channel = CHANNELS.find((c) => c === values.channel)
  if (!channel) fieldErrors.channel = 'complaints.form.channelRequired'
  if ((values.description ?? '').trim().length < 10)
    fieldErrors.description = 'complaints.form.descriptionTooShort'
  if (values.reporterEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.reporterEmail))
    fieldErrors.reporterEmail = 'errors.emailInvalid'
  if (values.sourceUrl && !/^https?:\/\/\S+\.\S+/i.test(values.sourceUrl.trim()))
    fieldErrors.sourceUrl = 'complaints.form.sourceUrlInvalid'
  const letterScans = form.files('letterScans')
  if (channel === 'letter' && letterScans.length === 0 && !fieldErrors.letterScans)
    fieldErrors.letterScans = 'complaints.form.letterScanRequired'
  if (Object.keys(fieldErrors).length > 0 || !channel)
    return data({ values, fieldErrors, error: null }, { status: 400 })
  const result = await attempt(() =>
    context.caller(params.tenant).complaint.create({
      channel,
      description: values.description ?? '',
      categoryId: values.categoryId || undefined,
      reporterName: values.reporterName,
      reporterPhone: values.reporterPhone,
      reporterEmail: values.reporterEmail,
      anonymous: values.anonymous === '1',
      locationText: values.locationText,
      sourceUrl: channel === 'social' || channel === 'email' ? values.sourceUrl : undefined,
      letterScans: channel === 'letter' ? letterScans : [],
    }),
  )
  if (!result.ok) return data({ values, fieldErrors, error: result.error }, { status: result.status })
  return redirect(`/t/${params.tenant}/complaints/${result.value.ticketNumber}?created=1`)
}

export default function NewComplaint() {
  const { t, i18n } = useTranslation()
  const { categories } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const values: Values = actionData?.values ?? {}
  const errors: FieldErrors = actionData?.fieldErrors ?? {}
  const field = (name: keyof FieldErrors) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${name}-error` : undefined,
  })
  const error = (name: keyof FieldErrors) =>
    errors[name] ? (
      <p className="field-error" id={`${name}-error`}>
        {t(errors[name] ?? '')}
      </p>
    ) : null
  return (
    <>
      <div className="page-header">
        <h1>{t('complaints.new.title')}</h1>
        <p className="muted">{t('complaints.new.intro')}</p>
      </div>
      <FormError error={actionData?.error} />
      <Form method="post" className="form form-wide intake-form" encType="multipart/form-data" noValidate>
        <div className="field">
          <label htmlFor="channel">{t('complaints.form.channel')}</label>
          <select
            id="channel"
            name="channel"
            defaultValue={values.channel ?? 'walk_in'}
            {...field('channel')}
          >
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
          {error('channel')}
        </div>
        <div className="field only-letter">
          <label htmlFor="letterScans">{t('complaints.form.letterScans')}</label>
          <input
            id="letterScans"
            name="letterScans"
            type="file"
            multiple
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            {...field('letterScans')}
          />
          <p className="hint">{t('complaints.form.letterScansHint')}</p>
          {error('letterScans')}
        </div>
        <div className="field only-social">
          <label htmlFor="sourceUrl">{t('complaints.form.sourceUrl')}</label>
          <input
            id="sourceUrl"
            name="sourceUrl"
            type="url"
            inputMode="url"
            placeholder="https://"
            defaultValue={values.sourceUrl ?? ''}
            {...field('sourceUrl')}
          />
          <p className="hint">{t('complaints.form.sourceUrlHint')}</p>
          {error('sourceUrl')}
        </div>
        <div className="field">
          <label htmlFor="categoryId">{t('complaints.form.category')}</label>
          <select id="categoryId" name="categoryId" defaultValue={values.categoryId ?? ''}>
            <option value="">{t('complaints.form.categoryUnknown')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {i18n.language === 'en' ? c.nameEn : c.nameId}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="description">{t('complaints.form.description')}</label>
          <textarea
            id="description"
            name="description"
            rows={5}
            defaultValue={values.description ?? ''}
            required
            {...field('description')}
          />
          <p className="hint">{t('complaints.form.descriptionHint')}</p>
          {error('description')}
        </div>
        <div className="field">
          <label htmlFor="locationText">{t('complaints.form.location')}</label>
          <input id="locationText" name="locationText" defaultValue={values.locationText ?? ''} />
        </div>
        <fieldset>
          <legend>{t('complaints.form.reporterLegend')}</legend>
          <div className="field">
            <label htmlFor="reporterName">{t('complaints.form.reporterName')}</label>
            <input
              id="reporterName"
              name="reporterName"
              autoComplete="off"
              defaultValue={values.reporterName ?? ''}
            />
          </div>
          <div className="field">
            <label htmlFor="reporterPhone">{t('complaints.form.reporterPhone')}</label>
            <input
              id="reporterPhone"
              name="reporterPhone"
              type="tel"
              inputMode="tel"
              defaultValue={values.reporterPhone ?? ''}
            />
          </div>
          <div className="field">
            <label htmlFor="reporterEmail">{t('complaints.form.reporterEmail')}</label>
            <input
              id="reporterEmail"
              name="reporterEmail"
              type="email"
              defaultValue={values.reporterEmail ?? ''}
              {...field('reporterEmail')}
            />
            {error('reporterEmail')}
          </div>
          <label className="checkbox">
            <input type="checkbox" name="anonymous" value="1" defaultChecked={values.anonymous === '1'} />
            {t('complaints.form.anonymous')}
          </label>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
            {navigation.state !== 'idle' ? t('common.saving') : t('complaints.new.submit')}
          </button>
        </div>
      </Form>
    </>
  )
}
