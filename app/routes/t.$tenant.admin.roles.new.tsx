import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RoleFields } from '#app/components/role-fields.tsx'
import { isPermission } from '#server/auth/permissions.ts'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  // Only for those who may manage roles.
  await load(() => context.caller(params.tenant).role.find())
  return null
}

const NAME_ERRORS = new Set(['roles.errors.nameRequired', 'roles.errors.nameTaken'])

export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const values = {
    nameId: String(form.get('nameId') ?? '').trim(),
    nameEn: String(form.get('nameEn') ?? '').trim(),
    permissions: form.getAll('permissions').map(String).filter(isPermission),
  }
  const result = await attempt(() => context.caller(params.tenant).role.create(values))
  if (!result.ok) {
    const onName = NAME_ERRORS.has(result.error.messageKey)
    return data(
      { values, nameError: onName ? result.error : null, error: onName ? null : result.error },
      { status: result.status },
    )
  }
  return redirect(`/t/${params.tenant}/admin/roles?created=${result.value.id}`)
}

export default function NewRole() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { tenant } = useParams()
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin/users`}>{t('users.title')}</Link> ›{' '}
        <Link to={`/t/${tenant}/admin/roles`}>{t('roles.title')}</Link> › <span>{t('roles.new.title')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('roles.new.title')}</h1>
        <p className="muted">{t('roles.new.intro')}</p>
      </div>
      <FormError error={actionData?.error} />
      <Form method="post" className="form form-wide" noValidate>
        <RoleFields
          values={actionData?.values ?? { nameId: '', nameEn: '', permissions: [] }}
          nameError={actionData?.nameError}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
            {navigation.state !== 'idle' ? t('common.saving') : t('roles.new.submit')}
          </button>
          <Link to={`/t/${tenant}/admin/roles`} className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </>
  )
}
