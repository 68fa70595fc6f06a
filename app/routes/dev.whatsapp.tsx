import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useRouteError,
} from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChatItem, ChatOption } from '#server/routers/dev/get-citizen-chat.ts'
import type { SendCitizenMessageInput } from '#server/routers/dev/send-citizen-message.types.ts'
import { ErrorPage } from '#app/components/error-page.tsx'
import { FormError } from '#app/components/form-error.tsx'
import { formatInZone, ZONE_ABBREVIATION } from '#app/utils/time.ts'
import { attempt, load } from '#app/utils/trpc.server.ts'
import {
  isWaId,
  randomWaId,
  readCitizen,
  saveCitizen,
  uploadPhoto,
  type Citizen,
} from '#app/utils/dev-whatsapp.server.ts'
import { translatedTitle } from '#app/utils/meta.ts'

export const meta = translatedTitle('devWhatsapp.title')

const notFound = () => data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
/** Paringin, the capital of Kabupaten Balangan. */
const DEFAULT_LOCATION = { latitude: -2.3337, longitude: 115.4636 }
/** How long after the citizen's last message the page says a reply is on its way. */
const WAITING_MS = 20_000

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.devTools) throw notFound()
  const caller = context.caller()
  const numbers = await load(() => caller.dev.findWhatsappNumbers())
  const { citizen, setCookie } = await readCitizen(
    request,
    numbers.map((n) => n.phoneNumberId),
  )
  const { messages } = citizen.phoneNumberId
    ? await load(() =>
        caller.dev.getCitizenChat({
          phoneNumberId: citizen.phoneNumberId,
          waId: citizen.waId,
        }),
      )
    : { messages: [] as ChatItem[] }
  return data(
    { numbers, citizen, messages, now: new Date().toISOString() },
    setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined,
  )
}

type Refusal = { messageKey: string; params: Record<string, string | number> }
const refuse = (intent: string, messageKey: string, status = 400) =>
  data({ intent, error: { messageKey, params: {} } as Refusal }, { status })

export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.devTools) throw notFound()
  const caller = context.caller()
  const numbers = await load(() => caller.dev.findWhatsappNumbers())
  const { citizen } = await readCitizen(
    request,
    numbers.map((n) => n.phoneNumberId),
  )
  const form = await request.formData()
  const value = (name: string) => String(form.get(name) ?? '').trim()
  const intent = value('intent')

  if (intent === 'settings' || intent === 'newNumber') {
    const next: Citizen =
      intent === 'newNumber'
        ? { ...citizen, waId: randomWaId() }
        : {
            waId: value('waId').replace(/\D/g, ''),
            name: value('name'),
            phoneNumberId: value('phoneNumberId'),
          }
    if (!isWaId(next.waId)) return refuse(intent, 'devWhatsapp.errors.invalidNumber')
    if (!next.name) return refuse(intent, 'devWhatsapp.errors.nameRequired')
    if (!numbers.some((n) => n.phoneNumberId === next.phoneNumberId))
      return refuse(intent, 'devWhatsapp.errors.unknownAgency')
    return redirect('/dev/whatsapp', { headers: { 'Set-Cookie': await saveCitizen(next) } })
  }

  let message: SendCitizenMessageInput['message']
  if (intent === 'text') {
    if (!value('body')) return refuse(intent, 'devWhatsapp.errors.messageRequired')
    message = { type: 'text', body: value('body') }
  } else if (intent === 'photo') {
    const uploaded = await uploadPhoto(form.get('photo'))
    if (!uploaded.ok) return refuse(intent, uploaded.messageKey)
    message = { type: 'image', image: { ...uploaded.image, caption: value('caption') || undefined } }
  } else if (intent === 'location') {
    const latitude = Number(value('latitude').replace(',', '.'))
    const longitude = Number(value('longitude').replace(',', '.'))
    if (
      !value('latitude') ||
      !value('longitude') ||
      !Number.isFinite(latitude) ||
      !Number.isFinite(longitude) ||
      Math.abs(latitude) > 90 ||
      Math.abs(longitude) > 180
    )
      return refuse(intent, 'devWhatsapp.errors.locationInvalid')
    message = {
      type: 'location',
      latitude,
      longitude,
      name: value('placeName') || undefined,
      address: value('address') || undefined,
    }
  } else if (intent === 'choice') {
    let choice: Partial<ChatOption> = {}
    try {
      choice = JSON.parse(value('choice')) as Partial<ChatOption>
    } catch {
      // Left empty: refused below.
    }
    if (typeof choice.id !== 'string' || typeof choice.title !== 'string') throw notFound()
    message = {
      type: 'interactive',
      reply: value('kind') === 'list' ? 'list_reply' : 'button_reply',
      id: choice.id,
      title: choice.title,
      description: typeof choice.description === 'string' ? choice.description : undefined,
      contextId: value('contextId') || undefined,
    }
  } else {
    return refuse(intent, 'errors.invalidInput')
  }

  const sent = await attempt(() => caller.dev.sendCitizenMessage({ ...citizen, message }))
  if (!sent.ok) return data({ intent, error: sent.error }, { status: sent.status })
  return redirect('/dev/whatsapp')
}

/** Reloads the conversation every 2 s while the page is visible (without JavaScript: "Muat ulang"). */
function useAutoRefresh(intervalMs: number) {
  const revalidator = useRevalidator()
  const navigation = useNavigation()
  const latest = useRef({ revalidator, navigation })
  latest.current = { revalidator, navigation }
  useEffect(() => {
    const timer = window.setInterval(() => {
      const { revalidator, navigation } = latest.current
      if (
        document.visibilityState === 'visible' &&
        revalidator.state === 'idle' &&
        navigation.state === 'idle'
      )
        revalidator.revalidate()
    }, intervalMs)
    return () => window.clearInterval(timer)
  }, [intervalMs])
}

function Bubble({
  item,
  zone,
  language,
  answerable,
  answered,
}: {
  item: ChatItem
  zone: string
  language: string
  /** The agency's latest interactive message: its buttons and rows can be tapped. */
  answerable: boolean
  /** The citizen has answered it already. */
  answered: boolean
}) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const time = `${formatInZone(new Date(item.at), zone, language, { hour: '2-digit', minute: '2-digit' })} ${ZONE_ABBREVIATION[zone] ?? ''}`
  const interactive = item.interactive
  const options = interactive ? (
    <>
      {interactive.sections.map((section, i) => (
        <div key={i} className="devwa-section">
          {section.title ? <p className="devwa-section-title">{section.title}</p> : null}
          {section.options.map((option) => (
            <button
              key={option.id}
              type="submit"
              name="choice"
              value={JSON.stringify(option)}
              className="devwa-option"
              disabled={!answerable || navigation.state !== 'idle'}
            >
              <span>{option.title}</span>
              {option.description ? <small>{option.description}</small> : null}
            </button>
          ))}
        </div>
      ))}
      {answerable ? null : <p className="devwa-footer-text">{t('devWhatsapp.earlierOption')}</p>}
    </>
  ) : null
  return (
    <li className={`devwa-message devwa-${item.from}`}>
      <div className="devwa-bubble">
        {item.from === 'citizen' && item.type === 'image' ? (
          <p className="devwa-kind">{t('devWhatsapp.photoSent')}</p>
        ) : null}
        {item.location ? (
          <>
            <p className="devwa-kind">{t('devWhatsapp.locationSent')}</p>
            <p className="devwa-text">
              {[
                item.location.name,
                item.location.address,
                `${item.location.latitude}, ${item.location.longitude}`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </>
        ) : null}
        {item.template ? (
          <p className="devwa-kind">{t('devWhatsapp.template', { name: item.template.name })}</p>
        ) : null}
        {interactive?.header ? <p className="devwa-header-text">{interactive.header}</p> : null}
        {item.text ? <p className="prewrap devwa-text">{item.text}</p> : null}
        {item.template && item.template.parameters.length > 0 ? (
          <p className="prewrap devwa-text">{item.template.parameters.join(' · ')}</p>
        ) : null}
        {interactive?.footer ? <p className="devwa-footer-text">{interactive.footer}</p> : null}
        {interactive?.kind === 'location_request' ? (
          <p className="devwa-footer-text">
            <a href="#lokasi">{t('devWhatsapp.locationRequest')}</a>
          </p>
        ) : null}
        <p className="devwa-time">
          <time dateTime={item.at}>{time}</time>
        </p>
      </div>
      {interactive && (interactive.kind === 'button' || interactive.kind === 'list') ? (
        <Form method="post" className="devwa-options">
          <input type="hidden" name="intent" value="choice" />
          <input type="hidden" name="kind" value={interactive.kind} />
          <input type="hidden" name="contextId" value={item.id} />
          {interactive.kind === 'list' ? (
            // As on a phone, a list opens from its button; answered or older lists stay closed.
            <details className="devwa-list" open={(answerable && !answered) || undefined}>
              <summary>{interactive.button ?? t('devWhatsapp.chooseOption')}</summary>
              {options}
            </details>
          ) : (
            options
          )}
        </Form>
      ) : null}
    </li>
  )
}

export default function DevWhatsapp() {
  const { t, i18n } = useTranslation()
  const { numbers, citizen, messages, now } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const sending = navigation.formData?.get('intent')
  useAutoRefresh(2000)
  const number = numbers.find((n) => n.phoneNumberId === citizen.phoneNumberId)
  const zone = number?.timezone ?? 'Asia/Jakarta'
  const last = messages.at(-1)
  const waiting =
    last?.from === 'citizen' && new Date(now).getTime() - new Date(last.at).getTime() < WAITING_MS
  const lastInteractive = messages.findLast(
    (m) => m.from === 'agency' && (m.interactive?.kind === 'button' || m.interactive?.kind === 'list'),
  )
  const answered = lastInteractive
    ? messages.some((m) => m.from === 'citizen' && m.at > lastInteractive.at)
    : true
  // Forms clear once the citizen's message is in the conversation.
  const sentCount = messages.filter((m) => m.from === 'citizen').length
  const errorOf = (...intents: string[]) =>
    actionData && intents.includes(actionData.intent) ? <FormError error={actionData.error} /> : null

  // New messages scroll the conversation to the composer, unless the person is filling in a form below.
  const composer = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (document.activeElement?.closest('.devwa-panel')) return
    composer.current?.scrollIntoView({ block: 'end' })
  }, [messages.length])

  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const latitude = useRef<HTMLInputElement>(null)
  const longitude = useRef<HTMLInputElement>(null)
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle')
  const locate = () => {
    setLocating('busy')
    navigator.geolocation.getCurrentPosition(
      (position) => {
        if (latitude.current) latitude.current.value = position.coords.latitude.toFixed(6)
        if (longitude.current) longitude.current.value = position.coords.longitude.toFixed(6)
        setLocating('idle')
      },
      () => setLocating('failed'),
      { timeout: 10_000 },
    )
  }

  return (
    <main id="main" className="devwa">
      <header className="devwa-top">
        <div>
          <h1>{number ? number.serviceName : t('devWhatsapp.title')}</h1>
          <p>{number ? `${number.displayNumber} · ${number.tenantName}` : t('devWhatsapp.noAgencies')}</p>
        </div>
        <Form method="get">
          <button type="submit" className="devwa-reload">
            {t('devWhatsapp.reload')}
          </button>
        </Form>
      </header>
      <p className="devwa-notice">
        <strong>{t('devWhatsapp.title')}.</strong> {t('devWhatsapp.notice')}{' '}
        <Link to="/login">{t('devWhatsapp.staffLink')}</Link>
      </p>

      <details
        className="devwa-panel"
        open={
          numbers.length === 0 ||
          actionData?.intent === 'settings' ||
          actionData?.intent === 'newNumber' ||
          undefined
        }
      >
        <summary>
          {t('devWhatsapp.settings')}: +{citizen.waId} · {citizen.name}
        </summary>
        <Form method="post" className="form">
          {errorOf('settings', 'newNumber')}
          <div className="field">
            <label htmlFor="phoneNumberId">{t('devWhatsapp.agency')}</label>
            <select id="phoneNumberId" name="phoneNumberId" defaultValue={citizen.phoneNumberId}>
              {numbers.map((n) => (
                <option key={n.phoneNumberId} value={n.phoneNumberId}>
                  {n.serviceName} · {n.displayNumber} · {n.tenantName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="waId">{t('devWhatsapp.number')}</label>
            <input
              id="waId"
              name="waId"
              inputMode="numeric"
              autoComplete="off"
              defaultValue={citizen.waId}
              aria-describedby="waId-hint"
            />
            <p className="hint" id="waId-hint">
              {t('devWhatsapp.numberHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="name">{t('devWhatsapp.name')}</label>
            <input id="name" name="name" defaultValue={citizen.name} maxLength={60} />
          </div>
          <div className="form-actions">
            <button type="submit" name="intent" value="settings" className="button button-primary">
              {t('devWhatsapp.save')}
            </button>
            <button type="submit" name="intent" value="newNumber" className="button">
              {t('devWhatsapp.newNumber')}
            </button>
          </div>
        </Form>
      </details>

      <ol className="devwa-chat" aria-label={t('devWhatsapp.title')} aria-live="polite">
        {messages.length === 0 ? <li className="devwa-empty">{t('devWhatsapp.empty')}</li> : null}
        {messages.map((item) => (
          <Bubble
            key={item.id}
            item={item}
            zone={zone}
            language={i18n.language}
            answerable={item.id === lastInteractive?.id}
            answered={answered}
          />
        ))}
      </ol>
      {waiting ? (
        <p className="devwa-waiting" role="status">
          {t('devWhatsapp.waiting')}
        </p>
      ) : null}
      <div className="devwa-compose" ref={composer}>
        <Form method="post" className="devwa-text-form" key={`text-${sentCount}`}>
          {errorOf('text', 'choice')}
          <label htmlFor="body" className="visually-hidden">
            {t('devWhatsapp.message')}
          </label>
          <textarea id="body" name="body" rows={2} maxLength={4096} placeholder={t('devWhatsapp.message')} />
          <button
            type="submit"
            name="intent"
            value="text"
            className="button button-primary"
            disabled={busy || !number}
          >
            {t('devWhatsapp.send')}
          </button>
        </Form>

        <details
          className="devwa-panel"
          key={`photo-${sentCount}`}
          open={actionData?.intent === 'photo' || undefined}
        >
          <summary>{t('devWhatsapp.photo')}</summary>
          <Form method="post" encType="multipart/form-data" className="form">
            {errorOf('photo')}
            <div className="field">
              <label htmlFor="photo">{t('devWhatsapp.photoFile')}</label>
              <input id="photo" name="photo" type="file" accept="image/jpeg,image/png" />
            </div>
            <div className="field">
              <label htmlFor="caption">{t('devWhatsapp.caption')}</label>
              <input id="caption" name="caption" maxLength={1024} />
            </div>
            <button
              type="submit"
              name="intent"
              value="photo"
              className="button button-primary"
              disabled={busy || !number}
            >
              {busy && sending === 'photo' ? t('common.saving') : t('devWhatsapp.sendPhoto')}
            </button>
          </Form>
        </details>

        <details
          className="devwa-panel"
          id="lokasi"
          key={`location-${sentCount}`}
          open={actionData?.intent === 'location' || undefined}
        >
          <summary>{t('devWhatsapp.location')}</summary>
          <Form method="post" className="form">
            {errorOf('location')}
            <div className="field-row">
              <div className="field">
                <label htmlFor="latitude">{t('devWhatsapp.latitude')}</label>
                <input
                  id="latitude"
                  name="latitude"
                  ref={latitude}
                  inputMode="decimal"
                  defaultValue={DEFAULT_LOCATION.latitude}
                />
              </div>
              <div className="field">
                <label htmlFor="longitude">{t('devWhatsapp.longitude')}</label>
                <input
                  id="longitude"
                  name="longitude"
                  ref={longitude}
                  inputMode="decimal"
                  defaultValue={DEFAULT_LOCATION.longitude}
                />
              </div>
            </div>
            {hydrated && 'geolocation' in navigator ? (
              <div>
                <button type="button" className="button" onClick={locate} disabled={locating === 'busy'}>
                  {locating === 'busy' ? t('devWhatsapp.locating') : t('devWhatsapp.useMyLocation')}
                </button>
                {locating === 'failed' ? (
                  <p className="field-error" role="alert">
                    {t('devWhatsapp.locationFailed')}
                  </p>
                ) : null}
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="placeName">{t('devWhatsapp.placeName')}</label>
              <input id="placeName" name="placeName" maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="address">{t('devWhatsapp.address')}</label>
              <input id="address" name="address" maxLength={500} />
            </div>
            <button
              type="submit"
              name="intent"
              value="location"
              className="button button-primary"
              disabled={busy || !number}
            >
              {t('devWhatsapp.sendLocation')}
            </button>
          </Form>
        </details>
      </div>
    </main>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />
}
