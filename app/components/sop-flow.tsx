import { Form, Link } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import type { SopDefinition } from '#server/sop/definition.ts'
import { formatLimit } from '#server/sop/clock.ts'

type Role = { key: string; nameId: string; nameEn: string }

/**
 * The SOP drawn as a flow an admin can read: numbered steps top to bottom, who does each, its time
 * limit, checklist and output, and where each outcome leads. Editing controls when `editBase` is set.
 */
export function SopFlow({
  definition,
  roles,
  editBase,
  currentStepKey,
}: {
  definition: SopDefinition
  roles: Role[]
  editBase?: string
  currentStepKey?: string | null
}) {
  const { t, i18n } = useTranslation()
  const en = i18n.language === 'en'
  const number = new Map(definition.steps.map((s, i) => [s.key, i + 1]))
  const roleName = (key: string) => {
    const role = roles.find((r) => r.key === key)
    return role ? (en ? role.nameEn : role.nameId) : key
  }
  return (
    <ol className="sop-flow">
      {editBase ? <InsertButton after={null} /> : null}
      {definition.steps.map((step, index) => (
        <Fragment key={step.key}>
          <li
            className={`sop-step${step.key === currentStepKey ? ' sop-step-current' : ''}`}
            id={`step-${step.key}`}
          >
            <div className="sop-step-head">
              <span className="sop-step-number" aria-hidden="true">
                {index + 1}
              </span>
              <div>
                <h3>
                  <span className="visually-hidden">{t('sop.stepNumber', { n: index + 1 })}: </span>
                  {en ? step.nameEn : step.nameId}
                </h3>
                <p className="sop-step-meta">
                  <span className="chip">{step.roleKeys.map(roleName).join(' / ')}</span>
                  <span className="chip chip-time">
                    {step.limit ? formatLimit(step.limit, en ? 'en' : 'id') : t('sop.noLimit')}
                  </span>
                  {step.limit?.businessHoursOnly ? (
                    <span className="chip">{t('sop.businessHoursOnly')}</span>
                  ) : null}
                </p>
              </div>
            </div>
            {step.checklist.length > 0 ? (
              <p className="sop-step-detail">
                <strong>{t('sop.checklist')}:</strong>{' '}
                {step.checklist.map((c) => (en ? c.labelEn : c.labelId)).join(', ')}
              </p>
            ) : null}
            {step.outputId ? (
              <p className="sop-step-detail">
                <strong>{t('sop.output')}:</strong> {en ? step.outputEn : step.outputId}
              </p>
            ) : null}
            {step.onEntry.length > 0 ? (
              <p className="sop-step-detail">
                <strong>{t('sop.onEntry')}:</strong>{' '}
                {step.onEntry.map((a) => t(`sop.actions.${a.type}`)).join(', ')}
              </p>
            ) : null}
            <ul className="sop-outcomes" aria-label={t('sop.outcomes')}>
              {step.outcomes.map((outcome) => (
                <li
                  key={outcome.key}
                  className={
                    'end' in outcome.next ? `sop-outcome-end sop-end-${outcome.next.end}` : undefined
                  }
                >
                  <span className="arrow" aria-hidden="true">
                    →
                  </span>{' '}
                  {en ? outcome.labelEn : outcome.labelId}:{' '}
                  <strong>
                    {'step' in outcome.next
                      ? t('sop.toStep', { n: number.get(outcome.next.step) ?? '?' })
                      : t(`sop.ends.${outcome.next.end}`)}
                  </strong>
                </li>
              ))}
            </ul>
            {editBase ? (
              <div className="sop-step-actions">
                <Link className="button" to={`${editBase}/steps/${step.key}`}>
                  {t('sop.editStep')}
                </Link>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="stepKey" value={step.key} />
                  <button
                    type="submit"
                    name="intent"
                    value="move-up"
                    className="button"
                    disabled={index === 0}
                    aria-label={t('sop.moveUp')}
                  >
                    ↑
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="move-down"
                    className="button"
                    disabled={index === definition.steps.length - 1}
                    aria-label={t('sop.moveDown')}
                  >
                    ↓
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="delete"
                    className="button button-danger"
                    disabled={definition.steps.length === 1}
                  >
                    {t('sop.deleteStep')}
                  </button>
                </Form>
              </div>
            ) : null}
          </li>
          {editBase ? (
            <InsertButton after={step.key} />
          ) : index < definition.steps.length - 1 ? (
            <li className="sop-connector" aria-hidden="true">
              ↓
            </li>
          ) : null}
        </Fragment>
      ))}
    </ol>
  )
}

function InsertButton({ after }: { after: string | null }) {
  const { t } = useTranslation()
  return (
    <li className="sop-connector">
      <span aria-hidden="true">↓</span>
      <Form method="post" className="sop-insert">
        <input type="hidden" name="after" value={after ?? ''} />
        <button type="submit" name="intent" value="insert" className="button button-ghost">
          + {after ? t('sop.insertAfter') : t('sop.insertFirst')}
        </button>
      </Form>
    </li>
  )
}
