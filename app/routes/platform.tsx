import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '#app/components/language-switch.tsx'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'
import { translatedTitle } from '#app/utils/meta.ts'

export const meta = translatedTitle('platform.title')

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (!context.user) throw redirect(`/login?redirectTo=${encodeURIComponent(new URL(request.url).pathname)}`)
  const caller = context.caller().platform
  const [tenants, unroutable, pending] = await Promise.all([
    load(() => caller.findTenants()),
    load(() => caller.findUnroutable()),
    load(() => caller.findPendingChannels()),
  ])
  return { tenants, unroutable, pending }
}

const FIELDS = [
  'slug',
  'name',
  'serviceName',
  'regionName',
  'regionCode',
  'timezone',
  'ticketPrefix',
  'preset',
  'adminEmail',
  'adminName',
  'adminPassword',
] as const
type Values = Partial<Record<(typeof FIELDS)[number], string>>

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  if (intent === 'approve-channel' || intent === 'reject-channel') {
    const decision = {
      tenantSlug: String(form.get('tenantSlug') ?? ''),
      channelId: String(form.get('channelId') ?? ''),
    }
    const caller = context.caller().platform
    const result = await attempt((): Promise<unknown> =>
      intent === 'approve-channel' ? caller.approveChannel(decision) : caller.rejectChannel(decision),
    )
    if (!result.ok)
      return data({ scope: 'channel', values: {} as Values, error: result.error }, { status: result.status })
    return redirect(`/platform?channel=${intent === 'approve-channel' ? 'approved' : 'rejected'}`)
  }
  const v: Values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '').trim()]))
  const result = await attempt(() =>
    context.caller().platform.createTenant({
      slug: v.slug ?? '',
      name: v.name ?? '',
      serviceName: v.serviceName ?? '',
      regionName: v.regionName ?? '',
      regionCode: v.regionCode || undefined,
      timezone: (v.timezone as 'Asia/Jakarta') ?? 'Asia/Jakarta',
      ticketPrefix: v.ticketPrefix ?? '',
      preset: (v.preset as 'satpol-pp-kabupaten') ?? 'satpol-pp-kabupaten',
      admin: { email: v.adminEmail ?? '', name: v.adminName ?? '', password: v.adminPassword || undefined },
    }),
  )
  if (!result.ok) {
    const error =
      result.error.messageKey === 'errors.invalidInput'
        ? { messageKey: 'platform.invalid', params: {} }
        : result.error
    return data({ scope: 'tenant', values: { ...v, adminPassword: '' }, error }, { status: result.status })
  }
  return redirect(`/platform?created=${result.value.slug}`)
}

export default function Platform() {
  const { t, i18n } = useTranslation()
  const { tenants, unroutable, pending } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const v: Values = actionData?.values ?? {}
  const text = (name: (typeof FIELDS)[number], label: string, props: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} name={name} defaultValue={v[name] ?? ''} {...props} />
    </div>
  )
  return (
    <div className="auth-page">
      <header className="auth-header wide">
        <Link to="/" className="brand">
          Tanggap
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="content wide">
        <div className="page-header">
          <h1>{t('platform.title')}</h1>
          <p className="muted">{t('platform.intro')}</p>
        </div>
        {search.get('created') ? (
          <p className="alert alert-success" role="status">
            {t('platform.created', { slug: search.get('created') })}
          </p>
        ) : null}
        {search.get('channel') === 'approved' || search.get('channel') === 'rejected' ? (
          <p className="alert alert-success" role="status">
            {t(`members.platform.${search.get('channel')}`)}
          </p>
        ) : null}
        {pending.length > 0 ? (
          <section className="panel" aria-labelledby="pending-heading">
            <h2 id="pending-heading">{t('members.platform.pendingHeading')}</h2>
            <p className="muted">{t('members.platform.pendingIntro')}</p>
            {actionData?.scope === 'channel' ? <FormError error={actionData.error} /> : null}
            <ul className="pending-numbers">
              {pending.map((c) => (
                <li key={c.channelId}>
                  <p>
                    <strong>{c.displayNumber}</strong> · <code>{c.phoneNumberId}</code>
                    <br />
                    {c.tenantName} (/t/{c.tenantSlug}) ·{' '}
                    {new Date(c.createdAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID')}
                  </p>
                  <Form method="post" className="form-actions">
                    <input type="hidden" name="tenantSlug" value={c.tenantSlug} />
                    <input type="hidden" name="channelId" value={c.channelId} />
                    <button
                      type="submit"
                      name="intent"
                      value="approve-channel"
                      className="button button-primary"
                      disabled={navigation.state !== 'idle'}
                      aria-label={t('members.platform.approveLabel', {
                        number: c.displayNumber,
                        tenant: c.tenantName,
                      })}
                    >
                      {t('members.platform.approve')}
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value="reject-channel"
                      className="button button-danger"
                      disabled={navigation.state !== 'idle'}
                      aria-label={t('members.platform.rejectLabel', {
                        number: c.displayNumber,
                        tenant: c.tenantName,
                      })}
                    >
                      {t('members.platform.reject')}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2>{t('platform.tenants')}</h2>
        <ul className="card-list">
          {tenants.map((tenant) => (
            <li key={tenant.slug}>
              <Link className="card-link" to={`/t/${tenant.slug}`}>
                <strong>{tenant.serviceName}</strong>
                <span>{tenant.name}</span>
                <span className="muted">
                  /t/{tenant.slug} · {tenant.timezone}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        {unroutable.length > 0 ? (
          <section className="panel" aria-labelledby="unroutable-heading">
            <h2 id="unroutable-heading">{t('platform.unroutableHeading')}</h2>
            <p className="muted">{t('platform.unroutableIntro')}</p>
            <ul>
              {unroutable.map((d) => (
                <li key={d.id}>
                  <code>{d.phoneNumberIds.join(', ')}</code> ·{' '}
                  {new Date(d.receivedAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'id-ID')}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2>{t('platform.newHeading')}</h2>
        {actionData?.scope === 'tenant' ? <FormError error={actionData.error} /> : null}
        <Form method="post" className="form form-wide">
          <div className="field">
            <label htmlFor="preset">{t('platform.preset')}</label>
            <select id="preset" name="preset" defaultValue={v.preset ?? 'satpol-pp-kabupaten'}>
              {(['satpol-pp-kabupaten', 'city-control-room'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`platform.presets.${p}`)}
                </option>
              ))}
            </select>
          </div>
          {text('name', t('platform.name'), { required: '' })}
          {text('slug', t('platform.slug'), { required: '', pattern: '[a-z][a-z0-9-]+' })}
          {text('serviceName', t('platform.serviceName'), { required: '' })}
          {text('ticketPrefix', t('platform.ticketPrefix'), { required: '' })}
          {text('regionName', t('platform.regionName'), { required: '' })}
          {text('regionCode', t('platform.regionCode'))}
          <div className="field">
            <label htmlFor="timezone">{t('platform.timezone')}</label>
            <select id="timezone" name="timezone" defaultValue={v.timezone ?? 'Asia/Jakarta'}>
              {(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const).map((zone) => (
                <option key={zone} value={zone}>
                  {t(`settings.calendar.zones.${zone}`)}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>{t('platform.adminLegend')}</legend>
            {text('adminEmail', t('platform.adminEmail'), { type: 'email', required: '' })}
            {text('adminName', t('platform.adminName'), { required: '' })}
            {text('adminPassword', t('platform.adminPassword'), {
              type: 'password',
              autoComplete: 'new-password',
            })}
          </fieldset>
          <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
            {navigation.state !== 'idle' ? t('common.saving') : t('platform.create')}
          </button>
        </Form>
      </main>
    </div>
  )
}
