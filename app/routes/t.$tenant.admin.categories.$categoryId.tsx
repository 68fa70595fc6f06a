import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { UnitKind } from '#server/org/units.ts'
import { attempt, load, type ErrorPayload } from '#app/utils/trpc.server.ts'

/** One page adds a category (`/admin/categories/new`) and edits one (`/admin/categories/:id`). */

const KINDS = ['division', 'control_room', 'trc_post', 'opd'] as const satisfies readonly UnitKind[]
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

type Field = 'nameId' | 'defaultUnitId' | 'defaultSopId'
type FieldErrors = Partial<Record<Field, ErrorPayload>>
type Values = Record<string, string>

/** The procedures' refusals that belong to one field of the form. */
const FIELD_OF_ERROR: Record<string, Field> = {
  'categories.errors.nameRequired': 'nameId',
  'categories.errors.nameTaken': 'nameId',
  'categories.errors.unitUnknown': 'defaultUnitId',
  'categories.errors.unitInactive': 'defaultUnitId',
  'categories.errors.sopUnknown': 'defaultSopId',
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const caller = context.caller(params.tenant)
  if (params.categoryId === 'new') {
    return { category: null, options: await load(() => caller.category.getFormOptions()) }
  }
  const categoryId = params.categoryId ?? ''
  if (!UUID.test(categoryId)) throw data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
  return load(() => caller.category.get({ categoryId }))
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant)
  const form = await request.formData()
  const values: Values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v).trim()]))
  const fields = {
    nameId: values.nameId ?? '',
    nameEn: values.nameEn ?? '',
    defaultUnitId: values.defaultUnitId || null,
    defaultSopId: values.defaultSopId || null,
  }
  const isNew = params.categoryId === 'new'
  const result = await attempt(() =>
    isNew
      ? caller.category.create(fields)
      : caller.category.update({
          categoryId: params.categoryId ?? '',
          ...fields,
          active: values.active === '1',
        }),
  )
  if (!result.ok) {
    const field = FIELD_OF_ERROR[result.error.messageKey]
    const fieldErrors: FieldErrors = field ? { [field]: result.error } : {}
    return data({ values, fieldErrors, error: field ? null : result.error }, { status: result.status })
  }
  return redirect(`/t/${params.tenant}/admin/categories?${isNew ? 'created' : 'updated'}=${result.value.id}`)
}

export default function CategoryPage() {
  const { t, i18n } = useTranslation()
  const { category, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { tenant } = useParams()
  const en = i18n.language === 'en'
  const list = `/t/${tenant}/admin/categories`
  const busy = navigation.state !== 'idle'
  const values: Values | null = actionData?.values ?? null
  const errors: FieldErrors = actionData?.fieldErrors ?? {}
  const initial = (name: 'nameId' | 'nameEn' | 'defaultUnitId' | 'defaultSopId') =>
    values ? (values[name] ?? '') : (category?.[name] ?? '')
  const active = values ? values.active === '1' : (category?.active ?? true)
  const field = (name: Field) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${name}-error` : undefined,
  })
  const error = (name: Field) => {
    const e = errors[name]
    return e ? (
      <p className="field-error" id={`${name}-error`}>
        {t(e.messageKey, e.params)}
      </p>
    ) : null
  }
  const title = category ? (en ? category.nameEn : category.nameId) : t('categories.add')
  const hasUnpublished = options.sops.some((s) => !s.published)
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> ›{' '}
        <Link to={list}>{t('categories.title')}</Link> › <span>{title}</span>
      </nav>
      <div className="page-header">
        <h1>
          {title}{' '}
          {category && !category.active ? (
            <span className="badge badge-closed">{t('categories.inactive')}</span>
          ) : null}
        </h1>
      </div>
      {actionData?.error ? (
        <div className="alert alert-error" role="alert">
          {t(actionData.error.messageKey, actionData.error.params)}
        </div>
      ) : Object.keys(errors).length > 0 ? (
        <div className="alert alert-error" role="alert">
          {t('errors.invalidInput')}
        </div>
      ) : null}
      <Form method="post" className="form form-wide" noValidate>
        <fieldset>
          <legend>{t('categories.form.nameLegend')}</legend>
          <div className="field">
            <label htmlFor="nameId">{t('categories.form.nameId')}</label>
            <input id="nameId" name="nameId" defaultValue={initial('nameId')} required {...field('nameId')} />
            <p className="hint">{t('categories.form.nameIdHint')}</p>
            {error('nameId')}
          </div>
          <div className="field">
            <label htmlFor="nameEn">{t('categories.form.nameEn')}</label>
            <input id="nameEn" name="nameEn" defaultValue={initial('nameEn')} />
            <p className="hint">{t('categories.form.nameEnHint')}</p>
          </div>
          {category ? (
            <dl className="facts">
              <dt>{t('categories.form.key')}</dt>
              <dd>
                <code>{category.key}</code>
                <p className="hint">{t('categories.form.keyHint')}</p>
              </dd>
            </dl>
          ) : (
            <p className="hint">{t('categories.form.keyNew')}</p>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('categories.form.routingLegend')}</legend>
          <div className="field">
            <label htmlFor="defaultUnitId">{t('categories.form.defaultUnit')}</label>
            <select
              id="defaultUnitId"
              name="defaultUnitId"
              defaultValue={initial('defaultUnitId')}
              {...field('defaultUnitId')}
            >
              <option value="">{t('categories.form.noUnit')}</option>
              {KINDS.map((kind) => {
                const own = options.units.filter((u) => u.kind === kind)
                return own.length > 0 ? (
                  <optgroup key={kind} label={t(`units.kinds.${kind}`)}>
                    {own.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.active ? u.name : t('categories.unitInactive', { name: u.name })}
                      </option>
                    ))}
                  </optgroup>
                ) : null
              })}
            </select>
            <p className="hint">{t('categories.form.defaultUnitHint')}</p>
            {error('defaultUnitId')}
          </div>
          <div className="field">
            <label htmlFor="defaultSopId">{t('categories.form.defaultSop')}</label>
            <select
              id="defaultSopId"
              name="defaultSopId"
              defaultValue={initial('defaultSopId')}
              {...field('defaultSopId')}
            >
              <option value="">{t('categories.form.followChannelSop')}</option>
              {options.sops.map((s) => {
                const name = en ? s.nameEn : s.nameId
                return (
                  <option key={s.id} value={s.id}>
                    {s.published ? name : t('categories.form.sopNotPublished', { name })}
                  </option>
                )
              })}
            </select>
            <p className="hint">{t('categories.form.defaultSopHint')}</p>
            {hasUnpublished ? <p className="hint">{t('categories.form.sopNotPublishedHint')}</p> : null}
            {error('defaultSopId')}
          </div>
        </fieldset>
        {category ? (
          <label className="checkbox">
            <input type="checkbox" name="active" value="1" defaultChecked={active} />
            {t('categories.form.active')}
          </label>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : category ? t('categories.form.save') : t('categories.add')}
          </button>
          <Link to={list} className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
    </>
  )
}
