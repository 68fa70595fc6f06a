import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type Options = {
  people: { id: string; name: string }[]
  units: { id: string; name: string }[]
  categories: { id: string; nameId: string; nameEn: string }[]
}

/** Internal note, assignment, priority and category of a complaint: plain forms, one intent each. */
export function ComplaintManage({
  canNote,
  options,
  assignment,
  priority,
  categoryId,
  busy,
}: {
  canNote: boolean
  options: Options | null
  assignment: {
    membershipId: string | null
    unitId: string | null
    person: string | null
    unit: string | null
  }
  priority: string
  categoryId: string | null
  busy: boolean
}) {
  const { t, i18n } = useTranslation()
  if (!canNote && !options) return null
  return (
    <section className="panel" aria-labelledby="manage-heading">
      <h2 id="manage-heading">{t('complaints.manage.title')}</h2>
      {assignment.person || assignment.unit ? (
        <p>
          {t('complaints.manage.assignedTo', {
            who: [assignment.person, assignment.unit].filter(Boolean).join(' · '),
          })}
        </p>
      ) : null}
      {canNote ? (
        <Form method="post" className="form">
          <div className="field">
            <label htmlFor="note-text">{t('complaints.manage.note')}</label>
            <textarea id="note-text" name="text" rows={2} />
            <p className="hint">{t('complaints.manage.noteHint')}</p>
          </div>
          <button type="submit" name="intent" value="note" className="button" disabled={busy}>
            {t('complaints.manage.saveNote')}
          </button>
        </Form>
      ) : null}
      {options ? (
        <>
          <Form method="post" className="form">
            <div className="field-row">
              <div className="field">
                <label htmlFor="assign-person">{t('complaints.manage.person')}</label>
                <select id="assign-person" name="membershipId" defaultValue={assignment.membershipId ?? ''}>
                  <option value="">{t('complaints.manage.nobody')}</option>
                  {options.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="assign-unit">{t('complaints.manage.unit')}</label>
                <select id="assign-unit" name="unitId" defaultValue={assignment.unitId ?? ''}>
                  <option value="">{t('complaints.manage.nobody')}</option>
                  {options.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <button type="submit" name="intent" value="assign" className="button" disabled={busy}>
              {t('complaints.manage.assign')}
            </button>
          </Form>
          <Form method="post" className="form">
            <div className="field-row">
              <div className="field">
                <label htmlFor="details-priority">{t('complaints.manage.priority')}</label>
                <select id="details-priority" name="priority" defaultValue={priority}>
                  {(['low', 'normal', 'high', 'urgent'] as const).map((p) => (
                    <option key={p} value={p}>
                      {t(`complaints.priority.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="details-category">{t('complaints.form.category')}</label>
                <select id="details-category" name="categoryId" defaultValue={categoryId ?? ''}>
                  <option value="">{t('complaints.form.categoryUnknown')}</option>
                  {options.categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {i18n.language === 'en' ? c.nameEn : c.nameId}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <p className="hint">{t('complaints.manage.categoryHint')}</p>
            <button type="submit" name="intent" value="details" className="button" disabled={busy}>
              {t('complaints.manage.saveDetails')}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  )
}
