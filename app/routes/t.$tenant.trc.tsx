import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import {
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormError } from '#app/components/form-error.tsx'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { readForm, requireMember } from '#app/utils/uploads.server.ts'
import { PhotoInput } from '#app/components/photo-input.tsx'
import { formatInZone, ZONE_ABBREVIATION } from '#app/utils/time.ts'
import type { loader as tenantLoader } from './t.$tenant.tsx'
import { translatedTitle } from '#app/utils/meta.ts'

export const meta = translatedTitle('trc.title')

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { assignments: await load(() => context.caller(params.tenant).trc.findMine()) }
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  requireMember(context.user, request)
  const form = await readForm(request)
  const dispatchId = form.values.dispatchId ?? ''
  const intent = form.values.intent
  if (form.error) return data({ dispatchId, error: { messageKey: form.error, params: {} } }, { status: 413 })
  const number = (name: string) => {
    const raw = (form.values[name] ?? '').trim()
    const value = Number(raw.replace(',', '.'))
    return raw && Number.isFinite(value) ? value : undefined
  }
  const photos = form.files('photos')
  const caller = context.caller(params.tenant).trc
  let result
  if (intent === 'depart') result = await attempt(() => caller.update({ dispatchId, action: 'depart' }))
  else if (intent === 'arrive')
    result = await attempt(() =>
      caller.update({
        dispatchId,
        action: 'arrive',
        latitude: number('latitude'),
        longitude: number('longitude'),
        photos,
      }),
    )
  else if (intent === 'photos') {
    if (photos.length === 0)
      return data(
        { dispatchId, error: { messageKey: 'trc.errors.photosRequired', params: {} } },
        { status: 400 },
      )
    result = await attempt(() => caller.update({ dispatchId, action: 'photos', stage: 'after', photos }))
  } else {
    const findings = (form.values.findings ?? '').trim()
    if (findings.length < 10)
      return data({ dispatchId, error: { messageKey: 'trc.findingsRequired', params: {} } }, { status: 400 })
    result = await attempt(() => caller.update({ dispatchId, action: 'finish', findings, photos }))
  }
  if (!result.ok) return data({ dispatchId, error: result.error }, { status: result.status })
  return redirect(`/t/${params.tenant}/trc?saved=1`)
}

export default function TrcAssignments() {
  const { t, i18n } = useTranslation()
  const { assignments } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const parent = useRouteLoaderData<typeof tenantLoader>('routes/t.$tenant')
  const zone = parent?.shell.tenant.timezone ?? 'Asia/Jakarta'
  const at = (iso: string | null) =>
    iso
      ? `${formatInZone(new Date(iso), zone, i18n.language, { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' })} ${ZONE_ABBREVIATION[zone] ?? ''}`
      : ''
  const busy = navigation.state !== 'idle'
  const tenant = parent?.shell.tenant.slug ?? ''
  return (
    <>
      <div className="page-header">
        <h1>{t('trc.title')}</h1>
        <p className="muted">{t('trc.intro')}</p>
      </div>
      {search.get('saved') ? (
        <p className="alert alert-success" role="status">
          {t('trc.saved')}
        </p>
      ) : null}
      {assignments.length === 0 ? <p className="panel">{t('trc.none')}</p> : null}
      <ul className="trc-list">
        {assignments.map((a) => {
          const active = a.status !== 'finished' && a.status !== 'cancelled'
          const map =
            a.complaint.latitude !== null && a.complaint.longitude !== null
              ? `https://www.openstreetmap.org/?mlat=${a.complaint.latitude}&mlon=${a.complaint.longitude}#map=17/${a.complaint.latitude}/${a.complaint.longitude}`
              : null
          return (
            <li key={a.id} className={`panel trc-card trc-${a.status}`}>
              <p className="inbox-top">
                <strong>{a.complaint.ticketNumber}</strong>
                <span className="badge">{t(`trc.status.${a.status}`)}</span>
              </p>
              <p>{a.complaint.description}</p>
              <p className="muted">
                {a.complaint.locationText ?? ''} {a.post ? `· ${a.post}` : ''}
              </p>
              {map ? (
                <p>
                  <a className="button button-block" href={map} target="_blank" rel="noreferrer">
                    {t('trc.map')}
                  </a>
                </p>
              ) : null}
              <p className="muted">
                {[
                  a.departedAt ? t('trc.departedAt', { time: at(a.departedAt) }) : null,
                  a.arrivedAt ? t('trc.arrivedAt', { time: at(a.arrivedAt) }) : null,
                  a.finishedAt ? t('trc.finishedAt', { time: at(a.finishedAt) }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {actionData?.dispatchId === a.id ? <FormError error={actionData.error} /> : null}
              {a.status === 'assigned' ? (
                <Form method="post">
                  <input type="hidden" name="dispatchId" value={a.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="depart"
                    className="button button-primary button-block"
                    disabled={busy}
                  >
                    {t('trc.depart')}
                  </button>
                </Form>
              ) : null}
              {a.photos.length > 0 ? (
                <ul className="trc-photos" aria-label={t('trc.photos')}>
                  {a.photos.map((photo) => (
                    <li key={photo.id}>
                      <a href={`/t/${tenant}/attachments/${photo.id}`}>
                        <img
                          src={`/t/${tenant}/attachments/${photo.id}`}
                          alt={t('trc.photoAlt', {
                            stage: t(`trc.${photo.stage}`).toLowerCase(),
                            ticket: a.complaint.ticketNumber,
                          })}
                          loading="lazy"
                        />
                      </a>
                      <span>{t(`trc.${photo.stage}`)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {a.status === 'assigned' || a.status === 'departed' ? (
                <Form method="post" className="form" encType="multipart/form-data">
                  <input type="hidden" name="dispatchId" value={a.id} />
                  <div className="field-row">
                    <div className="field">
                      <label htmlFor={`lat-${a.id}`}>{t('trc.latitude')}</label>
                      <input id={`lat-${a.id}`} name="latitude" inputMode="decimal" />
                    </div>
                    <div className="field">
                      <label htmlFor={`lon-${a.id}`}>{t('trc.longitude')}</label>
                      <input id={`lon-${a.id}`} name="longitude" inputMode="decimal" />
                    </div>
                  </div>
                  <button
                    type="button"
                    className="button"
                    onClick={(event) => {
                      const form = event.currentTarget.form
                      navigator.geolocation?.getCurrentPosition((position) => {
                        const lat = form?.elements.namedItem('latitude') as HTMLInputElement | null
                        const lon = form?.elements.namedItem('longitude') as HTMLInputElement | null
                        if (lat) lat.value = position.coords.latitude.toFixed(6)
                        if (lon) lon.value = position.coords.longitude.toFixed(6)
                      })
                    }}
                  >
                    {t('trc.useMyLocation')}
                  </button>
                  <PhotoInput
                    id={`before-${a.id}`}
                    name="photos"
                    label={t('trc.photosBefore')}
                    hint={t('trc.photosBeforeHint')}
                  />
                  <button
                    type="submit"
                    name="intent"
                    value="arrive"
                    className="button button-primary button-block"
                    disabled={busy}
                  >
                    {t('trc.arrive')}
                  </button>
                </Form>
              ) : null}
              {active ? (
                <Form method="post" className="form" encType="multipart/form-data">
                  <input type="hidden" name="dispatchId" value={a.id} />
                  <div className="field">
                    <label htmlFor={`findings-${a.id}`}>{t('trc.findings')}</label>
                    <textarea id={`findings-${a.id}`} name="findings" rows={3} />
                    <p className="hint">{t('trc.findingsHint')}</p>
                  </div>
                  <PhotoInput
                    id={`after-${a.id}`}
                    name="photos"
                    label={t('trc.photosAfter')}
                    hint={t('trc.photosAfterHint')}
                  />
                  <button
                    type="submit"
                    name="intent"
                    value="finish"
                    className="button button-primary button-block"
                    disabled={busy}
                  >
                    {t('trc.finish')}
                  </button>
                </Form>
              ) : a.status === 'finished' ? (
                <>
                  {a.findings ? <p className="note">{a.findings}</p> : null}
                  <Form method="post" className="form" encType="multipart/form-data">
                    <input type="hidden" name="dispatchId" value={a.id} />
                    <PhotoInput
                      id={`more-${a.id}`}
                      name="photos"
                      label={t('trc.photosAfter')}
                      hint={t('trc.photosAfterHint')}
                    />
                    <button
                      type="submit"
                      name="intent"
                      value="photos"
                      className="button button-block"
                      disabled={busy}
                    >
                      {t('trc.addPhotos')}
                    </button>
                  </Form>
                </>
              ) : null}
            </li>
          )
        })}
      </ul>
    </>
  )
}
