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
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { stepFromForm } from '#app/utils/sop-edit.ts'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

const TEMPLATES = [
  'complaint_received',
  'complaint_forwarded',
  'complaint_in_field',
  'opd_answer',
  'complaint_resolved',
  'complaint_rejected',
] as const

export async function loader({ params, context }: LoaderFunctionArgs) {
  const sop = await load(() => context.caller(params.tenant).sop.get({ sopId: params.sopId ?? '' }))
  const step = sop.latest.definition.steps.find((s) => s.key === params.stepKey)
  if (!step) throw data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
  return {
    sop: sop.sop,
    steps: sop.latest.definition.steps.map((s) => ({ key: s.key, nameId: s.nameId, nameEn: s.nameEn })),
    step,
    roles: sop.roles,
  }
}

type FieldErrors = Partial<Record<'nameId' | 'roleKeys' | 'limit' | 'outcomes', string>>

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant)
  const sopId = params.sopId ?? ''
  const sop = await load(() => caller.sop.get({ sopId }))
  const existing = sop.latest.definition.steps.find((s) => s.key === params.stepKey)
  if (!existing) throw data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
  const form = await request.formData()
  const step = stepFromForm(form, existing)
  const fieldErrors: FieldErrors = {}
  if (!step.nameId) fieldErrors.nameId = 'sop.form.nameRequired'
  if (step.roleKeys.length === 0) fieldErrors.roleKeys = 'sop.form.roleRequired'
  if (step.limit && (!(step.limit.target > 0) || !(step.limit.max >= step.limit.target)))
    fieldErrors.limit = 'sop.form.limitInvalid'
  if (step.outcomes.length === 0) fieldErrors.outcomes = 'sop.form.outcomeRequired'
  if (Object.keys(fieldErrors).length > 0) return data({ fieldErrors, error: null }, { status: 400 })
  const definition = { steps: sop.latest.definition.steps.map((s) => (s.key === existing.key ? step : s)) }
  const saved = await attempt(() => caller.sop.saveDraft({ sopId, definition }))
  if (!saved.ok) return data({ fieldErrors, error: saved.error }, { status: saved.status })
  return redirect(`/t/${params.tenant}/admin/sop/${sopId}?saved=${saved.value.version}#step-${existing.key}`)
}

export default function StepEditor() {
  const { t, i18n } = useTranslation()
  const { sop, steps, step, roles } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const { tenant } = useParams()
  const en = i18n.language === 'en'
  const errors: FieldErrors = actionData?.fieldErrors ?? {}
  const [extraOutcomes, setExtraOutcomes] = useState(1)
  const outcomeRows = [
    ...step.outcomes.map((o) => ({ ...o, isNew: false })),
    ...Array.from({ length: extraOutcomes }, () => null),
  ]
  const base = `/t/${tenant}/admin/sop/${sop.id}`
  const entryTemplate = step.onEntry.find((a) => a.type === 'notify_reporter')
  const entryLetter = step.onEntry.find((a) => a.type === 'generate_letter')
  const entryRole = step.onEntry.find((a) => a.type === 'notify_role')
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin/sop`}>{t('admin.sections.sop')}</Link> ›{' '}
        <Link to={base}>{en ? sop.nameEn : sop.nameId}</Link> › <span>{t('sop.editStep')}</span>
      </nav>
      <div className="page-header">
        <h1>{en ? step.nameEn : step.nameId}</h1>
        {search.get('new') ? <p className="alert alert-info">{t('sop.form.newStepHint')}</p> : null}
      </div>
      <FormError error={actionData?.error} />
      <Form method="post" className="form form-wide" noValidate>
        <fieldset>
          <legend>{t('sop.form.nameLegend')}</legend>
          <div className="field">
            <label htmlFor="nameId">{t('sop.form.nameId')}</label>
            <input
              id="nameId"
              name="nameId"
              defaultValue={step.nameId}
              required
              aria-invalid={errors.nameId ? true : undefined}
            />
            {errors.nameId ? <p className="field-error">{t(errors.nameId)}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="nameEn">{t('sop.form.nameEn')}</label>
            <input id="nameEn" name="nameEn" defaultValue={step.nameEn} />
          </div>
        </fieldset>

        <fieldset aria-describedby={errors.roleKeys ? 'roles-error' : undefined}>
          <legend>{t('sop.form.rolesLegend')}</legend>
          <div className="checkbox-grid">
            {roles.map((role) => (
              <label key={role.key} className="checkbox">
                <input
                  type="checkbox"
                  name="roleKeys"
                  value={role.key}
                  defaultChecked={step.roleKeys.includes(role.key)}
                />
                {en ? role.nameEn : role.nameId}
              </label>
            ))}
          </div>
          {errors.roleKeys ? (
            <p className="field-error" id="roles-error">
              {t(errors.roleKeys)}
            </p>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t('sop.form.limitLegend')}</legend>
          <p className="muted">{t('sop.form.limitHint')}</p>
          <div className="field-row">
            <div className="field">
              <label htmlFor="limitTarget">{t('sop.form.limitTarget')}</label>
              <input
                id="limitTarget"
                name="limitTarget"
                inputMode="decimal"
                defaultValue={step.limit?.target ?? ''}
                aria-invalid={errors.limit ? true : undefined}
              />
            </div>
            <div className="field">
              <label htmlFor="limitMax">{t('sop.form.limitMax')}</label>
              <input
                id="limitMax"
                name="limitMax"
                inputMode="decimal"
                defaultValue={step.limit && step.limit.max !== step.limit.target ? step.limit.max : ''}
              />
            </div>
            <div className="field">
              <label htmlFor="limitUnit">{t('sop.form.limitUnit')}</label>
              <select id="limitUnit" name="limitUnit" defaultValue={step.limit?.unit ?? 'none'}>
                <option value="none">{t('sop.noLimit')}</option>
                {(['minutes', 'hours', 'days', 'working_days'] as const).map((unit) => (
                  <option key={unit} value={unit}>
                    {t(`sop.units.${unit}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              name="businessHoursOnly"
              value="1"
              defaultChecked={step.limit?.businessHoursOnly ?? false}
            />
            {t('sop.form.businessHoursOnly')}
          </label>
          {errors.limit ? <p className="field-error">{t(errors.limit)}</p> : null}
          <div className="field">
            <label htmlFor="escalationRoleKey">{t('sop.form.escalation')}</label>
            <select
              id="escalationRoleKey"
              name="escalationRoleKey"
              defaultValue={step.escalationRoleKey ?? ''}
            >
              <option value="">{t('sop.form.escalationDefault')}</option>
              {roles.map((role) => (
                <option key={role.key} value={role.key}>
                  {en ? role.nameEn : role.nameId}
                </option>
              ))}
            </select>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('sop.form.checklistLegend')}</legend>
          <div className="field">
            <label htmlFor="checklist">{t('sop.form.checklist')}</label>
            <textarea
              id="checklist"
              name="checklist"
              rows={4}
              defaultValue={step.checklist.map((c) => c.labelId).join('\n')}
            />
          </div>
          <div className="field">
            <label htmlFor="outputId">{t('sop.form.output')}</label>
            <input id="outputId" name="outputId" defaultValue={step.outputId} />
          </div>
          <input type="hidden" name="outputEn" value={step.outputEn} />
        </fieldset>

        <fieldset>
          <legend>{t('sop.form.entryLegend')}</legend>
          <div className="field">
            <label htmlFor="notifyReporter">{t('sop.form.notifyReporter')}</label>
            <select
              id="notifyReporter"
              name="notifyReporter"
              defaultValue={entryTemplate?.type === 'notify_reporter' ? entryTemplate.templateKey : ''}
            >
              <option value="">{t('sop.form.none')}</option>
              {TEMPLATES.map((key) => (
                <option key={key} value={key}>
                  {t(`sop.templates.${key}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="notifyRole">{t('sop.form.notifyRole')}</label>
            <select
              id="notifyRole"
              name="notifyRole"
              defaultValue={entryRole?.type === 'notify_role' ? entryRole.roleKey : ''}
            >
              <option value="">{t('sop.form.none')}</option>
              {roles.map((role) => (
                <option key={role.key} value={role.key}>
                  {en ? role.nameEn : role.nameId}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              name="dispatchTrc"
              value="1"
              defaultChecked={step.onEntry.some((a) => a.type === 'dispatch_trc')}
            />
            {t('sop.actions.dispatch_trc')}
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              name="disposeToOpd"
              value="1"
              defaultChecked={step.onEntry.some((a) => a.type === 'dispose_to_opd')}
            />
            {t('sop.actions.dispose_to_opd')}
          </label>
          <div className="field">
            <label htmlFor="generateLetter">{t('sop.actions.generate_letter')}</label>
            <select
              id="generateLetter"
              name="generateLetter"
              defaultValue={entryLetter?.type === 'generate_letter' ? entryLetter.letterKind : ''}
            >
              <option value="">{t('sop.form.none')}</option>
              {(['follow_up', 'disposition_sheet', 'service_receipt'] as const).map((kind) => (
                <option key={kind} value={kind}>
                  {t(`sop.letters.${kind}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('sop.outcomes')}</legend>
          <p className="muted">{t('sop.form.outcomesHint')}</p>
          <input type="hidden" name="outcomeCount" value={outcomeRows.length} />
          {outcomeRows.map((outcome, i) => (
            <div className="outcome-row" key={outcome?.key ?? `new-${i}`}>
              <input type="hidden" name={`outcome.${i}.key`} value={outcome?.key ?? ''} />
              <div className="field">
                <label htmlFor={`outcome-${i}-label`}>
                  {outcome ? t('sop.form.outcomeLabel', { n: i + 1 }) : t('sop.form.newOutcome')}
                </label>
                <input
                  id={`outcome-${i}-label`}
                  name={`outcome.${i}.labelId`}
                  defaultValue={outcome?.labelId ?? ''}
                />
                <input type="hidden" name={`outcome.${i}.labelEn`} value={outcome?.labelEn ?? ''} />
              </div>
              <div className="field">
                <label htmlFor={`outcome-${i}-next`}>{t('sop.form.leadsTo')}</label>
                <select
                  id={`outcome-${i}-next`}
                  name={`outcome.${i}.next`}
                  defaultValue={
                    outcome
                      ? 'step' in outcome.next
                        ? outcome.next.step
                        : `end:${outcome.next.end}`
                      : 'end:resolved'
                  }
                >
                  {steps.map((s, n) => (
                    <option key={s.key} value={s.key}>
                      {t('sop.toStep', { n: n + 1 })}: {en ? s.nameEn : s.nameId}
                    </option>
                  ))}
                  {(['resolved', 'rejected', 'closed'] as const).map((end) => (
                    <option key={end} value={`end:${end}`}>
                      {t(`sop.ends.${end}`)}
                    </option>
                  ))}
                </select>
              </div>
              {outcome ? (
                <label className="checkbox">
                  <input type="checkbox" name={`outcome.${i}.remove`} value="1" />
                  {t('sop.form.removeOutcome')}
                </label>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            className="button button-ghost"
            onClick={() => setExtraOutcomes((n) => n + 1)}
          >
            + {t('sop.form.addOutcome')}
          </button>
          {errors.outcomes ? <p className="field-error">{t(errors.outcomes)}</p> : null}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
            {navigation.state !== 'idle' ? t('common.saving') : t('sop.form.save')}
          </button>
          <Link to={base} className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </>
  )
}
