import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminHeader } from '#app/components/admin-header.tsx'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const caller = context.caller(params.tenant).channel
  const [channels, templates] = await Promise.all([
    load(() => caller.find()),
    load(() => caller.findTemplates()),
  ])
  return { ...channels, templates }
}

type Errors = Record<string, string>

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant).channel
  const form = await request.formData()
  const value = (name: string) => String(form.get(name) ?? '').trim()
  const formId = value('formId')
  const errors: Errors = {}
  if (value('intent') === 'template') {
    if (value('body').length < 5) errors.body = 'channels.invalidBody'
    if (value('whatsappTemplateName') && !/^[a-z0-9_]+$/.test(value('whatsappTemplateName')))
      errors.whatsappTemplateName = 'channels.invalidTemplateName'
    if (Object.keys(errors).length > 0) return data({ formId, errors, error: null }, { status: 400 })
    const result = await attempt(() =>
      caller.saveTemplate({
        key: value('key'),
        language: value('language') === 'en' ? 'en' : 'id',
        body: value('body'),
        whatsappTemplateName: value('whatsappTemplateName'),
      }),
    )
    if (!result.ok) return data({ formId, errors, error: result.error }, { status: result.status })
    return redirect(`/t/${params.tenant}/admin/whatsapp?notice=templateSaved#${formId}`)
  }
  if (value('intent') === 'test') {
    if (!/^\+?\d{8,15}$/.test(value('to'))) errors.to = 'channels.invalidTestTo'
    if (Object.keys(errors).length > 0) return data({ formId, errors, error: null }, { status: 400 })
    const result = await attempt(() => caller.sendTest({ channelId: value('channelId'), to: value('to') }))
    if (!result.ok) return data({ formId, errors, error: result.error }, { status: result.status })
    return redirect(`/t/${params.tenant}/admin/whatsapp?notice=testSent`)
  }
  if (!/^\d{6,20}$/.test(value('phoneNumberId'))) errors.phoneNumberId = 'channels.invalidNumber'
  if (value('displayNumber').length < 6) errors.displayNumber = 'channels.invalidDisplay'
  if (value('verifyToken').length < 8) errors.verifyToken = 'channels.invalidToken'
  if (Object.keys(errors).length > 0) return data({ formId, errors, error: null }, { status: 400 })
  const result = await attempt(() =>
    caller.saveWhatsapp({
      channelId: value('channelId') || undefined,
      phoneNumberId: value('phoneNumberId'),
      displayNumber: value('displayNumber'),
      verifyToken: value('verifyToken'),
      accessToken: value('accessToken') || undefined,
      appSecret: value('appSecret') || undefined,
      active: form.get('active') === '1',
    }),
  )
  if (!result.ok) return data({ formId, errors, error: result.error }, { status: result.status })
  const notice = result.value.approval === 'pending' ? 'savedPending' : 'saved'
  return redirect(`/t/${params.tenant}/admin/whatsapp?notice=${notice}`)
}

export default function WhatsappSettings() {
  const { t } = useTranslation()
  const { webhookUrl, channels, templates } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const busy = navigation.state !== 'idle'
  const notice = search.get('notice')
  const errorsFor = (formId: string): Errors => (actionData?.formId === formId ? actionData.errors : {})
  const fieldError = (formId: string, name: string) => {
    const key = errorsFor(formId)[name]
    return key ? <p className="field-error">{t(key)}</p> : null
  }
  const whatsapp = channels.filter((c) => c.kind === 'whatsapp')
  const numberForm = (channel: (typeof whatsapp)[number] | null) => {
    const formId = channel ? `channel-${channel.id}` : 'channel-new'
    return (
      <Form method="post" className="form" id={formId} key={formId}>
        <input type="hidden" name="formId" value={formId} />
        {channel ? <input type="hidden" name="channelId" value={channel.id} /> : null}
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${formId}-pnid`}>{t('channels.phoneNumberId')}</label>
            <input
              id={`${formId}-pnid`}
              name="phoneNumberId"
              inputMode="numeric"
              defaultValue={channel?.phoneNumberId ?? ''}
              readOnly={channel?.approval === 'approved'}
              aria-describedby={channel?.approval === 'approved' ? `${formId}-pnid-hint` : undefined}
            />
            {channel?.approval === 'approved' ? (
              <p className="hint" id={`${formId}-pnid-hint`}>
                {t('members.channels.numberFixedHint')}
              </p>
            ) : null}
            {fieldError(formId, 'phoneNumberId')}
          </div>
          <div className="field">
            <label htmlFor={`${formId}-display`}>{t('channels.displayNumber')}</label>
            <input
              id={`${formId}-display`}
              name="displayNumber"
              type="tel"
              defaultValue={channel?.displayNumber ?? ''}
            />
            {fieldError(formId, 'displayNumber')}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-verify`}>{t('channels.verifyToken')}</label>
          <input id={`${formId}-verify`} name="verifyToken" defaultValue={channel?.verifyToken ?? ''} />
          {fieldError(formId, 'verifyToken')}
        </div>
        <div className="field">
          <label htmlFor={`${formId}-token`}>{t('channels.accessToken')}</label>
          <input id={`${formId}-token`} name="accessToken" type="password" autoComplete="off" />
          <p className="hint">
            {channel?.hasAccessToken ? t('channels.secretKept') : t('channels.secretMissing')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-secret`}>{t('channels.appSecret')}</label>
          <input id={`${formId}-secret`} name="appSecret" type="password" autoComplete="off" />
          <p className="hint">
            {channel?.hasAppSecret ? t('channels.secretKept') : t('channels.secretMissing')}
          </p>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="active" value="1" defaultChecked={channel?.active ?? true} />
          {t('channels.active')}
        </label>
        <button type="submit" name="intent" value="number" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('channels.save')}
        </button>
      </Form>
    )
  }
  return (
    <>
      <AdminHeader title={t('channels.section')} intro={t('channels.intro')} />
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice === 'savedPending' ? t('members.channels.savedPending') : t(`channels.${notice}`)}
        </p>
      ) : null}
      <FormError error={actionData?.error} />
      <section className="panel">
        <h2>{t('channels.webhook')}</h2>
        <p>
          <code className="copyable">{webhookUrl}</code>
        </p>
      </section>
      <h2>{t('channels.numbers')}</h2>
      {whatsapp.length === 0 ? <p>{t('channels.none')}</p> : null}
      {whatsapp.map((channel) => (
        <section className="panel" key={channel.id} aria-label={channel.displayNumber ?? channel.name}>
          <h3>
            {channel.displayNumber}{' '}
            <span className={`badge ${channel.healthy ? 'badge-resolved' : 'badge-rejected'}`}>
              {channel.healthy ? t('channels.healthy') : t('channels.unhealthy')}
            </span>{' '}
            {channel.approval === 'pending' ? (
              <span className="badge badge-closed">{t('members.channels.status.pending')}</span>
            ) : null}
          </h3>
          {channel.approval === 'pending' ? (
            <p className="alert alert-info">{t('members.channels.pendingExplain')}</p>
          ) : null}
          {numberForm(channel)}
          <Form method="post" className="form inline-test" id={`test-${channel.id}`}>
            <input type="hidden" name="formId" value={`test-${channel.id}`} />
            <input type="hidden" name="channelId" value={channel.id} />
            <div className="field">
              <label htmlFor={`test-${channel.id}-to`}>{t('channels.testTo')}</label>
              <input
                id={`test-${channel.id}-to`}
                name="to"
                type="tel"
                inputMode="tel"
                placeholder="6281234567890"
              />
              {fieldError(`test-${channel.id}`, 'to')}
            </div>
            <button
              type="submit"
              name="intent"
              value="test"
              className="button"
              disabled={busy || !channel.hasAccessToken || channel.approval !== 'approved'}
            >
              {t('channels.testSend')}
            </button>
          </Form>
        </section>
      ))}
      <details className="panel">
        <summary>
          <strong>+ {t('channels.add')}</strong>
        </summary>
        {numberForm(null)}
      </details>
      <h2>{t('channels.templates')}</h2>
      <p className="muted">{t('channels.templatesIntro', { ticket: '{{ticket}}' })}</p>
      {templates.map((template) => {
        const formId = `template-${template.key}-${template.language}`
        return (
          <Form method="post" className="form panel" id={formId} key={formId}>
            <input type="hidden" name="formId" value={formId} />
            <input type="hidden" name="key" value={template.key} />
            <input type="hidden" name="language" value={template.language} />
            <h3>{t(`sop.templates.${template.key}`, { defaultValue: template.key })}</h3>
            <div className="field">
              <label htmlFor={`${formId}-body`}>
                {t('channels.body', { language: t(`channels.languages.${template.language}`) })}
              </label>
              <textarea id={`${formId}-body`} name="body" rows={3} defaultValue={template.body} />
              {fieldError(formId, 'body')}
            </div>
            <div className="field">
              <label htmlFor={`${formId}-wa`}>{t('channels.templateName')}</label>
              <input
                id={`${formId}-wa`}
                name="whatsappTemplateName"
                defaultValue={template.whatsappTemplateName ?? ''}
              />
              {fieldError(formId, 'whatsappTemplateName')}
            </div>
            <button type="submit" name="intent" value="template" className="button" disabled={busy}>
              {t('channels.saveTemplate')}
            </button>
          </Form>
        )
      })}
    </>
  )
}
