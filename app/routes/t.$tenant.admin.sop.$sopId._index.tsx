import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useParams,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SopFlow } from '#app/components/sop-flow.tsx'
import { deleteStep, insertStepAfter, moveStep } from '#app/utils/sop-edit.ts'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  return load(() => context.caller(params.tenant).sop.get({ sopId: params.sopId ?? '' }))
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant)
  const sopId = params.sopId ?? ''
  const base = `/t/${params.tenant}/admin/sop/${sopId}`
  const form = await request.formData()
  const intent = String(form.get('intent'))
  if (intent === 'publish') {
    const result = await attempt(() => caller.sop.publish({ sopId }))
    if (!result.ok) return data({ error: result.error }, { status: result.status })
    return redirect(`${base}?published=${result.value.version}`)
  }
  const sop = await load(() => caller.sop.get({ sopId }))
  const definition = sop.latest.definition
  const stepKey = String(form.get('stepKey') ?? '')
  let next = definition
  let focus: string | null = null
  if (intent === 'insert') {
    const after = String(form.get('after') ?? '') || null
    const previous = definition.steps.find((s) => s.key === after) ?? definition.steps[0]
    const inserted = insertStepAfter(definition, after, previous?.roleKeys ?? [])
    next = inserted.definition
    focus = inserted.key
  } else if (intent === 'delete') next = deleteStep(definition, stepKey)
  else if (intent === 'move-up') next = moveStep(definition, stepKey, -1)
  else if (intent === 'move-down') next = moveStep(definition, stepKey, 1)
  else return data({ error: { messageKey: 'errors.invalidInput', params: {} } }, { status: 400 })
  const saved = await attempt(() => caller.sop.saveDraft({ sopId, definition: next }))
  if (!saved.ok) return data({ error: saved.error }, { status: saved.status })
  return redirect(
    focus ? `${base}/steps/${focus}?new=1` : `${base}?saved=${saved.value.version}#step-${stepKey}`,
  )
}

export default function SopPage() {
  const { t, i18n } = useTranslation()
  const { sop, latest, versions, problems, roles } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const navigation = useNavigation()
  const { tenant } = useParams()
  const base = `/t/${tenant}/admin/sop/${sop.id}`
  const published = versions.find((v) => v.status === 'published')
  const isDraft = latest.status === 'draft'
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> ›{' '}
        <Link to={`/t/${tenant}/admin/sop`}>{t('admin.sections.sop')}</Link> ›{' '}
        <span>{i18n.language === 'en' ? sop.nameEn : sop.nameId}</span>
      </nav>
      <div className="page-header">
        <h1>{i18n.language === 'en' ? sop.nameEn : sop.nameId}</h1>
        {sop.reference ? <p className="muted">{sop.reference}</p> : null}
        <p>
          {published ? t('sop.publishedVersion', { version: published.version }) : t('sop.notPublished')}
          {isDraft ? ` · ${t('sop.draftVersion', { version: latest.version })}` : ''}
        </p>
      </div>
      {search.get('published') ? (
        <p className="alert alert-success" role="status">
          {t('sop.publishedNotice', { version: search.get('published') })}
        </p>
      ) : null}
      {search.get('saved') ? (
        <p className="alert alert-info" role="status">
          {t('sop.savedNotice', { version: search.get('saved') })}
        </p>
      ) : null}
      <FormError error={actionData?.error} />
      <section className="panel" aria-labelledby="publish-heading">
        <h2 id="publish-heading">
          {isDraft ? t('sop.draftHeading', { version: latest.version }) : t('sop.noDraftHeading')}
        </h2>
        <p className="muted">{isDraft ? t('sop.draftExplain') : t('sop.noDraftExplain')}</p>
        {isDraft && problems.length > 0 ? (
          <div className="alert alert-error">
            <p>
              <strong>{t('sop.problemsHeading')}</strong>
            </p>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{t(p.messageKey, p.params)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {isDraft ? (
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value="publish"
              className="button button-primary"
              disabled={navigation.state !== 'idle'}
            >
              {t('sop.publish', { version: latest.version })}
            </button>
          </Form>
        ) : null}
      </section>
      <h2>{t('sop.flowHeading')}</h2>
      <SopFlow definition={latest.definition} roles={roles} editBase={base} />
    </>
  )
}
