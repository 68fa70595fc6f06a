import type { ActionFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SopFlow } from '#app/components/sop-flow.tsx'
import { attempt } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

const CHANNELS = ['whatsapp', 'web', 'walk_in', 'letter', 'phone', 'social', 'email'] as const

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant).sop
  const form = await request.formData()
  const text = String(form.get('text') ?? '')
  if (text.trim().length < 20)
    return data(
      { text, tables: null, error: { messageKey: 'sop.import.textRequired', params: {} } },
      { status: 400 },
    )
  if (form.get('intent') === 'create') {
    const nameId = String(form.get('nameId') ?? '').trim()
    if (nameId.length < 3)
      return data(
        { text, tables: null, error: { messageKey: 'sop.import.nameRequired', params: {} } },
        { status: 400 },
      )
    const result = await attempt(() =>
      caller.createFromImport({
        text,
        tableIndex: Number(form.get('tableIndex') ?? 0),
        nameId,
        reference: String(form.get('reference') ?? ''),
        channels: form
          .getAll('channels')
          .map(String)
          .filter((c): c is (typeof CHANNELS)[number] => (CHANNELS as readonly string[]).includes(c)),
      }),
    )
    if (!result.ok) return data({ text, tables: null, error: result.error }, { status: result.status })
    return redirect(`/t/${params.tenant}/admin/sop/${result.value.sopId}?saved=1`)
  }
  const result = await attempt(() => caller.previewImport({ text }))
  if (!result.ok) return data({ text, tables: null, error: result.error }, { status: result.status })
  if (result.value.tables.length === 0)
    return data(
      { text, tables: null, error: { messageKey: 'sop.import.noTable', params: {} } },
      { status: 400 },
    )
  return { text, tables: result.value.tables, roles: result.value.roles, error: null }
}

export default function SopImport() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { tenant } = useParams()
  const busy = navigation.state !== 'idle'
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> ›{' '}
        <Link to={`/t/${tenant}/admin/sop`}>{t('admin.sections.sop')}</Link> ›{' '}
        <span>{t('sop.import.title')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('sop.import.title')}</h1>
        <p className="muted">{t('sop.import.intro')}</p>
      </div>
      <FormError error={actionData?.error} />
      <Form method="post" className="form form-wide">
        <div className="field">
          <label htmlFor="text">{t('sop.import.text')}</label>
          <textarea
            id="text"
            name="text"
            rows={10}
            defaultValue={actionData?.text ?? ''}
            className="monospace"
          />
        </div>
        <div className="form-actions">
          <button
            type="submit"
            name="intent"
            value="preview"
            className="button button-primary"
            disabled={busy}
          >
            {busy ? t('sop.import.reading') : t('sop.import.read')}
          </button>
        </div>
      </Form>
      {actionData?.tables?.map((table, index) => (
        <section
          key={index}
          className="panel"
          aria-labelledby={`table-${index}`}
          style={{ marginTop: '1rem' }}
        >
          <h2 id={`table-${index}`}>
            {t('sop.import.tableHeading', { n: index + 1, count: table.definition.steps.length })}:{' '}
            {table.title ?? t('sop.import.untitled')}
          </h2>
          {table.warnings.length > 0 ? (
            <div className="alert alert-info">
              <strong>{t('sop.import.warnings')}:</strong>
              <ul>
                {table.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <SopFlow definition={table.definition} roles={actionData.roles ?? []} />
          <Form method="post" className="form">
            <input type="hidden" name="text" value={actionData.text} />
            <input type="hidden" name="tableIndex" value={index} />
            <div className="field">
              <label htmlFor={`name-${index}`}>{t('sop.import.name')}</label>
              <input id={`name-${index}`} name="nameId" defaultValue={table.title ?? ''} />
            </div>
            <div className="field">
              <label htmlFor={`reference-${index}`}>{t('sop.import.reference')}</label>
              <input id={`reference-${index}`} name="reference" />
            </div>
            <fieldset>
              <legend>{t('sop.import.channels')}</legend>
              <div className="checkbox-grid">
                {CHANNELS.map((c) => (
                  <label key={c} className="checkbox">
                    <input type="checkbox" name="channels" value={c} />
                    {t(`channels.${c}`)}
                  </label>
                ))}
              </div>
            </fieldset>
            <button
              type="submit"
              name="intent"
              value="create"
              className="button button-primary"
              disabled={busy}
            >
              {t('sop.import.create')}
            </button>
          </Form>
        </section>
      ))}
    </>
  )
}
