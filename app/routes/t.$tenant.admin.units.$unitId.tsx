import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreateUnitInput } from '#server/routers/unit/create-unit.types.ts'
import type { UnitKind } from '#server/org/units.ts'
import { attempt, load, type ErrorPayload } from '#app/utils/trpc.server.ts'

/** One page adds a unit (`/admin/units/new?kind=trc_post`) and edits one (`/admin/units/:id`). */

const KINDS = ['division', 'control_room', 'trc_post', 'opd'] as const satisfies readonly UnitKind[]
const PARENT_KINDS: readonly UnitKind[] = ['division', 'control_room']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What the form asks for each kind: a TRC post is a point on the map, an OPD office an address to write to. */
const FIELDS: Record<
  UnitKind,
  { parent?: true; coordinates?: true; address?: true; email?: true; phone?: true }
> = {
  division: {},
  control_room: { coordinates: true, address: true, email: true, phone: true },
  trc_post: { parent: true, coordinates: true, address: true, phone: true },
  opd: { address: true, email: true, phone: true },
}

type Field =
  'name' | 'shortName' | 'parentId' | 'latitude' | 'longitude' | 'coordinates' | 'address' | 'email' | 'phone'
type FieldErrors = Partial<Record<Field, ErrorPayload>>
type Values = Record<string, string>

/** The procedures' refusals that belong to one field of the form. */
const FIELD_OF_ERROR: Record<string, Field> = {
  'units.errors.nameRequired': 'name',
  'units.errors.nameTaken': 'name',
  'units.errors.coordinatesRequired': 'coordinates',
  'units.errors.coordinatesIncomplete': 'coordinates',
  'units.errors.latitudeRange': 'latitude',
  'units.errors.longitudeRange': 'longitude',
  'units.errors.parentInvalid': 'parentId',
  'units.errors.parentOnlyForTrcPost': 'parentId',
  'errors.emailInvalid': 'email',
  'units.errors.phoneInvalid': 'phone',
}

const kindOf = (value: string | null) => KINDS.find((k) => k === value) ?? null

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const caller = context.caller(params.tenant)
  if (params.unitId === 'new') {
    const kind = kindOf(new URL(request.url).searchParams.get('kind'))
    const all = await load(() => caller.unit.find())
    const parentOptions = all
      .filter((u) => PARENT_KINDS.includes(u.kind) && u.active)
      .map((u) => ({ id: u.id, name: u.name, kind: u.kind, active: u.active }))
    return { kind, unit: null, parentOptions, usage: null }
  }
  const unitId = params.unitId ?? ''
  if (!UUID.test(unitId)) throw data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
  const { unit, parentOptions, usage } = await load(() => caller.unit.get({ unitId }))
  return { kind: unit.kind, unit, parentOptions, usage }
}

/** Reads the fields the kind's form shows; fields it does not show are left out (kept as they are). */
function readForm(form: FormData, kind: UnitKind) {
  const values: Values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v).trim()]))
  const fieldErrors: FieldErrors = {}
  const coordinate = (name: 'latitude' | 'longitude') => {
    const raw = (values[name] ?? '').replace(',', '.')
    if (!raw) return null
    const n = Number(raw)
    if (Number.isFinite(n)) return n
    fieldErrors[name] = { messageKey: 'units.errors.notANumber', params: {} }
    return null
  }
  const shown = FIELDS[kind]
  const input: Omit<CreateUnitInput, 'kind'> = {
    name: values.name ?? '',
    shortName: values.shortName ?? '',
    ...(shown.parent ? { parentId: values.parentId || null } : {}),
    ...(shown.coordinates ? { latitude: coordinate('latitude'), longitude: coordinate('longitude') } : {}),
    ...(shown.address ? { address: values.address ?? '' } : {}),
    ...(shown.email ? { email: values.email ?? '' } : {}),
    ...(shown.phone ? { phone: values.phone ?? '' } : {}),
  }
  return { values, fieldErrors, input }
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant)
  const list = `/t/${params.tenant}/admin/units`
  const form = await request.formData()
  const intent = String(form.get('intent') ?? 'save')
  const isNew = params.unitId === 'new'
  const unitId = params.unitId ?? ''
  if (!isNew && (intent === 'deactivate' || intent === 'activate')) {
    const result = await attempt(() => caller.unit.setActive({ unitId, active: intent === 'activate' }))
    if (!result.ok)
      return data({ values: {}, fieldErrors: {}, error: result.error }, { status: result.status })
    return redirect(`${list}?${intent === 'activate' ? 'activated' : 'deactivated'}=${result.value.id}`)
  }
  const kind = isNew
    ? kindOf(String(form.get('kind')))
    : (await load(() => caller.unit.get({ unitId }))).unit.kind
  if (!kind) throw data({ messageKey: 'errors.invalidInput', params: {} }, { status: 400 })
  const { values, fieldErrors, input } = readForm(form, kind)
  if (Object.keys(fieldErrors).length > 0) return data({ values, fieldErrors, error: null }, { status: 400 })
  const result = await attempt(() =>
    isNew ? caller.unit.create({ kind, ...input }) : caller.unit.update({ unitId, ...input }),
  )
  if (!result.ok) {
    const field = FIELD_OF_ERROR[result.error.messageKey]
    if (field)
      return data({ values, fieldErrors: { [field]: result.error }, error: null }, { status: result.status })
    return data({ values, fieldErrors, error: result.error }, { status: result.status })
  }
  return redirect(`${list}?${isNew ? 'created' : 'updated'}=${result.value.id}`)
}

function openStreetMapUrl(latitude: string, longitude: string) {
  const lat = Number(latitude.replace(',', '.'))
  const lon = Number(longitude.replace(',', '.'))
  if (!latitude || !longitude || !Number.isFinite(lat) || !Number.isFinite(lon)) return null
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`
}

export default function UnitPage() {
  const { t } = useTranslation()
  const { kind, unit, parentOptions, usage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { tenant } = useParams()
  const list = `/t/${tenant}/admin/units`
  const busy = navigation.state !== 'idle'

  const breadcrumbs = (current: string) => (
    <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
      <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> › <Link to={list}>{t('units.title')}</Link> ›{' '}
      <span>{current}</span>
    </nav>
  )

  if (!kind) {
    return (
      <>
        {breadcrumbs(t('units.addUnit'))}
        <div className="page-header">
          <h1>{t('units.addUnit')}</h1>
          <p className="muted">{t('units.chooseKind')}</p>
        </div>
        <ul className="card-list">
          {KINDS.map((k) => (
            <li key={k}>
              <Link className="card-link" to={`${list}/new?kind=${k}`}>
                <strong>{t(`units.kinds.${k}`)}</strong>
                <span className="muted">{t(`units.kindHints.${k}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </>
    )
  }

  const values: Values = actionData?.values ?? {}
  const errors: FieldErrors = actionData?.fieldErrors ?? {}
  const initial = (name: keyof NonNullable<typeof unit>) => {
    if (name in values) return values[name] ?? ''
    const value = unit?.[name]
    return value === null || value === undefined ? '' : String(value)
  }
  const shown = FIELDS[kind]
  const title = unit ? unit.name : t(`units.add.${kind}`)
  const describedBy = (...names: Field[]) =>
    names
      .filter((n) => errors[n])
      .map((n) => `${n}-error`)
      .join(' ') || undefined
  const field = (name: Field, also: Field[] = []) => ({
    'aria-invalid': errors[name] || also.some((n) => errors[n]) ? true : undefined,
    'aria-describedby': describedBy(name, ...also),
  })
  const error = (name: Field) => {
    const e = errors[name]
    return e ? (
      <p className="field-error" id={`${name}-error`}>
        {t(e.messageKey, e.params)}
      </p>
    ) : null
  }
  const hasFieldErrors = Object.keys(errors).length > 0

  return (
    <>
      {breadcrumbs(title)}
      <div className="page-header">
        <h1>
          {title}{' '}
          {unit && !unit.active ? <span className="badge badge-closed">{t('units.inactive')}</span> : null}
        </h1>
        <p className="muted">
          {unit ? t('units.kindFixed', { kind: t(`units.kinds.${kind}`) }) : t(`units.kindHints.${kind}`)}
        </p>
      </div>
      {actionData?.error ? (
        <div className="alert alert-error" role="alert">
          {t(actionData.error.messageKey, actionData.error.params)}
        </div>
      ) : hasFieldErrors ? (
        <div className="alert alert-error" role="alert">
          {t('errors.invalidInput')}
        </div>
      ) : null}
      <Form method="post" className="form form-wide" noValidate>
        <input type="hidden" name="kind" value={kind} />
        <fieldset>
          <legend>{t('units.form.nameLegend')}</legend>
          <div className="field">
            <label htmlFor="name">{t('units.form.name')}</label>
            <input id="name" name="name" defaultValue={initial('name')} required {...field('name')} />
            <p className="hint">{t('units.form.nameHint')}</p>
            {error('name')}
          </div>
          <div className="field">
            <label htmlFor="shortName">{t('units.form.shortName')}</label>
            <input id="shortName" name="shortName" defaultValue={initial('shortName')} />
            <p className="hint">{t('units.form.shortNameHint')}</p>
          </div>
          {shown.parent ? (
            <div className="field">
              <label htmlFor="parentId">{t('units.form.parent')}</label>
              <select id="parentId" name="parentId" defaultValue={initial('parentId')} {...field('parentId')}>
                <option value="">{t('units.form.parentNone')}</option>
                {parentOptions.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.active ? p.name : t('categories.unitInactive', { name: p.name })}
                  </option>
                ))}
              </select>
              {error('parentId')}
            </div>
          ) : null}
        </fieldset>
        {shown.coordinates || shown.address ? (
          <LocationFields
            shown={shown}
            latitude={initial('latitude')}
            longitude={initial('longitude')}
            address={initial('address')}
            field={field}
            error={error}
          />
        ) : null}
        {shown.email || shown.phone ? (
          <fieldset>
            <legend>{t('units.form.contactLegend')}</legend>
            {shown.email ? (
              <div className="field">
                <label htmlFor="email">{t('units.form.email')}</label>
                <input
                  id="email"
                  name="email"
                  type="email"
                  defaultValue={initial('email')}
                  {...field('email')}
                />
                <p className="hint">{t('units.form.emailHint')}</p>
                {error('email')}
              </div>
            ) : null}
            {shown.phone ? (
              <div className="field">
                <label htmlFor="phone">{t('units.form.phone')}</label>
                <input
                  id="phone"
                  name="phone"
                  type="tel"
                  inputMode="tel"
                  defaultValue={initial('phone')}
                  {...field('phone')}
                />
                {error('phone')}
              </div>
            ) : null}
          </fieldset>
        ) : null}
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : unit ? t('units.form.save') : t(`units.add.${kind}`)}
          </button>
          <Link to={list} className="button">
            {t('common.cancel')}
          </Link>
        </div>
      </Form>
      {unit && usage ? (
        <section className="panel unit-status" aria-labelledby="status-heading">
          <h2 id="status-heading">{t('units.status.heading')}</h2>
          <p>{unit.active ? t('units.status.active') : t('units.status.inactive')}</p>
          {usage.categories.length > 0 ? (
            <p>
              {t('units.status.usedByCategories', { list: usage.categories.map((c) => c.nameId).join(', ') })}
            </p>
          ) : null}
          {usage.members > 0 ? <p>{t('units.status.members', { count: usage.members })}</p> : null}
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value={unit.active ? 'deactivate' : 'activate'}
              className={unit.active ? 'button button-danger' : 'button'}
              disabled={busy}
            >
              {unit.active ? t('units.status.deactivate') : t('units.status.activate')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}

function LocationFields({
  shown,
  latitude: initialLatitude,
  longitude: initialLongitude,
  address,
  field,
  error,
}: {
  shown: (typeof FIELDS)[UnitKind]
  latitude: string
  longitude: string
  address: string
  field: (name: Field, also?: Field[]) => Record<string, unknown>
  error: (name: Field) => ReactNode
}) {
  const { t } = useTranslation()
  // The map link follows what is typed when JavaScript runs, and the saved point when it does not.
  const [latitude, setLatitude] = useState(initialLatitude)
  const [longitude, setLongitude] = useState(initialLongitude)
  const mapUrl = openStreetMapUrl(latitude, longitude)
  return (
    <fieldset>
      <legend>{t('units.form.locationLegend')}</legend>
      {shown.coordinates ? (
        <>
          <p className="hint" id="coordinates-hint">
            {t('units.form.coordinatesHint')}
          </p>
          <div className="field-row">
            <div className="field">
              <label htmlFor="latitude">{t('units.form.latitude')}</label>
              <input
                id="latitude"
                name="latitude"
                type="number"
                step="any"
                min={-11}
                max={6}
                inputMode="decimal"
                value={latitude}
                onChange={(e) => setLatitude(e.target.value)}
                {...field('latitude', ['coordinates'])}
              />
              {error('latitude')}
            </div>
            <div className="field">
              <label htmlFor="longitude">{t('units.form.longitude')}</label>
              <input
                id="longitude"
                name="longitude"
                type="number"
                step="any"
                min={95}
                max={141}
                inputMode="decimal"
                value={longitude}
                onChange={(e) => setLongitude(e.target.value)}
                {...field('longitude', ['coordinates'])}
              />
              {error('longitude')}
            </div>
          </div>
          {error('coordinates')}
          {mapUrl ? (
            <p className="map-link">
              <a href={mapUrl} target="_blank" rel="noopener noreferrer">
                {t('units.form.viewOnMap')}
              </a>{' '}
              <span className="hint">{t('units.form.opensInNewTab')}</span>
            </p>
          ) : null}
        </>
      ) : null}
      {shown.address ? (
        <div className="field">
          <label htmlFor="address">{t('units.form.address')}</label>
          <textarea id="address" name="address" rows={2} defaultValue={address} />
        </div>
      ) : null}
    </fieldset>
  )
}
