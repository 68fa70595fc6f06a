import { useTranslation } from 'react-i18next'
import { permissionGroups } from '#app/utils/permission-groups.ts'
import { PERMISSIONS } from '#server/auth/permissions.ts'

type ErrorPayload = { messageKey: string; params: Record<string, string | number> }

/** Names and permissions of a role: the fields of the create and the edit form. */
export function RoleFields({
  values,
  nameError,
  locked = false,
}: {
  values: { nameId: string; nameEn: string; permissions: string[] }
  nameError?: ErrorPayload | null
  /** The admin preset: every permission, always; only its names change. */
  locked?: boolean
}) {
  const { t } = useTranslation()
  return (
    <>
      <fieldset>
        <legend>{t('roles.form.namesLegend')}</legend>
        <div className="field">
          <label htmlFor="nameId">{t('roles.form.nameId')}</label>
          <input
            id="nameId"
            name="nameId"
            required
            maxLength={120}
            defaultValue={values.nameId}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'nameId-error' : undefined}
          />
          {nameError ? (
            <p className="field-error" id="nameId-error">
              {t(nameError.messageKey, nameError.params)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="nameEn">{t('roles.form.nameEn')}</label>
          <input
            id="nameEn"
            name="nameEn"
            maxLength={120}
            defaultValue={values.nameEn}
            aria-describedby="nameEn-hint"
          />
          <p className="hint" id="nameEn-hint">
            {t('roles.form.nameEnHint')}
          </p>
        </div>
      </fieldset>
      {locked ? (
        <fieldset>
          <legend>{t('roles.form.permissionsLegend')}</legend>
          <p className="alert alert-info">{t('roles.form.adminNote')}</p>
          {PERMISSIONS.map((p) => (
            <input key={p} type="hidden" name="permissions" value={p} />
          ))}
          <ul className="permission-list">
            {PERMISSIONS.map((p) => (
              <li key={p}>{t(`permissions.${p}`)}</li>
            ))}
          </ul>
        </fieldset>
      ) : (
        permissionGroups().map((group) => (
          <fieldset key={group.key}>
            <legend>
              {t('roles.form.permissionsLegend')}: {t(`roles.groups.${group.key}`)}
            </legend>
            <div className="checkbox-grid permission-grid">
              {group.permissions.map((p) => (
                <label key={p} className="checkbox">
                  <input
                    type="checkbox"
                    name="permissions"
                    value={p}
                    defaultChecked={values.permissions.includes(p)}
                  />
                  {t(`permissions.${p}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))
      )}
    </>
  )
}
