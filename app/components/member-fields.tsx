import { Link, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

type ErrorPayload = { messageKey: string; params: Record<string, string | number> }

export type MemberFieldErrors = Partial<Record<'roleIds' | 'unitId' | 'title', ErrorPayload>>

const UNIT_KINDS = ['division', 'control_room', 'trc_post', 'opd'] as const

/** Roles, unit and title: the part of a membership both the add and the edit form change. */
export function MemberFields({
  roles,
  units,
  values,
  errors,
}: {
  roles: { id: string; key: string; nameId: string; nameEn: string }[]
  units: { id: string; kind: string; name: string; shortName: string | null }[]
  values: { roleIds: string[]; unitId: string; title: string }
  errors: MemberFieldErrors
}) {
  const { t, i18n } = useTranslation()
  const { tenant } = useParams()
  const en = i18n.language === 'en'
  const roleError = errors.roleIds
  return (
    <>
      <fieldset
        aria-describedby={['roles-hint', roleError ? 'roles-error' : null].filter(Boolean).join(' ')}
        aria-invalid={roleError ? true : undefined}
      >
        <legend>{t('users.form.rolesLegend')}</legend>
        <p className="hint" id="roles-hint">
          {t('users.form.rolesHint')} <Link to={`/t/${tenant}/admin/roles`}>{t('users.form.seeRoles')}</Link>
        </p>
        <div className="checkbox-grid">
          {roles.map((role) => (
            <label key={role.id} className="checkbox">
              <input
                type="checkbox"
                name="roleIds"
                value={role.id}
                defaultChecked={values.roleIds.includes(role.id)}
              />
              {en ? role.nameEn : role.nameId}
            </label>
          ))}
        </div>
        {roleError ? (
          <p className="field-error" id="roles-error">
            {t(roleError.messageKey, roleError.params)}
          </p>
        ) : null}
      </fieldset>
      <div className="field-row member-place">
        <div className="field">
          <label htmlFor="unitId">{t('users.form.unit')}</label>
          <select id="unitId" name="unitId" defaultValue={values.unitId} aria-describedby="unit-hint">
            <option value="">{t('users.form.unitNone')}</option>
            {UNIT_KINDS.map((kind) => {
              const ofKind = units.filter((u) => u.kind === kind)
              return ofKind.length === 0 ? null : (
                <optgroup key={kind} label={t(`users.unitKinds.${kind}`)}>
                  {ofKind.map((unit) => (
                    <option key={unit.id} value={unit.id}>
                      {unit.name}
                    </option>
                  ))}
                </optgroup>
              )
            })}
          </select>
          <p className="hint" id="unit-hint">
            {t('users.form.unitHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="title">{t('users.form.title')}</label>
          <input
            id="title"
            name="title"
            maxLength={120}
            defaultValue={values.title}
            aria-describedby="title-hint"
          />
          <p className="hint" id="title-hint">
            {t('users.form.titleHint')}
          </p>
        </div>
      </div>
    </>
  )
}
