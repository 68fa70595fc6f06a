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
import { RoleFields } from '#app/components/role-fields.tsx'
import { UUID_PATTERN } from '#app/utils/uuid.ts'
import { isPermission } from '#server/auth/permissions.ts'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const roleId = params.roleId ?? ''
  if (!UUID_PATTERN.test(roleId)) throw data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
  return load(() => context.caller(params.tenant).role.get({ roleId }))
}

const NAME_ERRORS = new Set(['roles.errors.nameRequired', 'roles.errors.nameTaken'])

export async function action({ params, context, request }: ActionFunctionArgs) {
  const roleId = params.roleId ?? ''
  const form = await request.formData()
  const values = {
    nameId: String(form.get('nameId') ?? '').trim(),
    nameEn: String(form.get('nameEn') ?? '').trim(),
    permissions: form.getAll('permissions').map(String).filter(isPermission),
  }
  const result = await attempt(() => context.caller(params.tenant).role.update({ roleId, ...values }))
  if (!result.ok) {
    const onName = NAME_ERRORS.has(result.error.messageKey)
    return data(
      { values, nameError: onName ? result.error : null, error: onName ? null : result.error },
      { status: result.status },
    )
  }
  return redirect(`/t/${params.tenant}/admin/roles/${roleId}?saved=1`)
}

export default function EditRole() {
  const { t, i18n } = useTranslation()
  const role = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const { tenant } = useParams()
  const name = i18n.language === 'en' ? role.nameEn : role.nameId
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin/users`}>{t('users.title')}</Link> ›{' '}
        <Link to={`/t/${tenant}/admin/roles`}>{t('roles.title')}</Link> › <span>{name}</span>
      </nav>
      <div className="page-header">
        <h1>{name}</h1>
        <p className="muted">{t('roles.form.key', { key: role.key })}</p>
      </div>
      {search.get('saved') ? (
        <p className="alert alert-success" role="status">
          {t('roles.notices.saved', { name })}
        </p>
      ) : null}
      <FormError error={actionData?.error} />
      {role.heldBySelf && !role.locked ? (
        <p className="alert alert-info">{t('roles.form.heldBySelf')}</p>
      ) : null}
      <Form method="post" className="form form-wide" noValidate>
        <RoleFields
          values={actionData?.values ?? role}
          nameError={actionData?.nameError}
          locked={role.locked}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={navigation.state !== 'idle'}>
            {navigation.state !== 'idle' ? t('common.saving') : t('roles.form.save')}
          </button>
          <Link to={`/t/${tenant}/admin/roles`} className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </>
  )
}
