import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
  useSearchParams,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatLimit } from '#server/sop/clock.ts'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { formatInZone, ZONE_ABBREVIATION } from '#app/utils/time.ts'
import type { loader as tenantLoader } from './t.$tenant.tsx'
import { FormError } from '#app/components/form-error.tsx'
import { AttachmentList, WhatsappThread } from '#app/components/whatsapp-thread.tsx'
import { ComplaintManage } from '#app/components/complaint-manage.tsx'
import { DispatchPanel } from '#app/components/dispatch-panel.tsx'
import { PlaceMap, placeMapLinks } from '#app/components/place-map.tsx'

export const links: LinksFunction = () => placeMapLinks()

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.complaint.ticketNumber} · Tanggap` : 'Tanggap' },
]

export async function loader({ params, context }: LoaderFunctionArgs) {
  const caller = context.caller(params.tenant).complaint
  const view = await load(() => caller.get({ ticket: params.ticket ?? '' }))
  const options = view.canAssign ? await load(() => caller.getManageOptions()) : null
  const dispatchOptions = view.canDispatch
    ? await load(() => context.caller(params.tenant).trc.getDispatchOptions({ ticket: params.ticket ?? '' }))
    : null
  return { ...view, options, dispatchOptions, now: new Date().toISOString() }
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const form = await request.formData()
  const intent = String(form.get('intent') ?? 'transition')
  if (intent === 'reply' || intent === 'replyTemplate') {
    const text = String(form.get('text') ?? '')
    const replied = await attempt(() =>
      context.caller(params.tenant).complaint.reply({
        ticket: params.ticket ?? '',
        ...(intent === 'replyTemplate' ? { template: true } : { text }),
      }),
    )
    if (!replied.ok) return data({ intent, error: replied.error, text }, { status: replied.status })
    return redirect(`/t/${params.tenant}/complaints/${params.ticket}?replied=1#thread`)
  }
  if (intent === 'dispatch') {
    const sent = await attempt(() =>
      context.caller(params.tenant).trc.dispatch({
        ticket: params.ticket ?? '',
        unitId: String(form.get('unitId') ?? ''),
      }),
    )
    if (!sent.ok) return data({ intent, error: sent.error, text: '' }, { status: sent.status })
    return redirect(`/t/${params.tenant}/complaints/${params.ticket}?dispatched=1#dispatch-heading`)
  }
  if (intent === 'merge') {
    const originalTicket = String(form.get('originalTicket') ?? '').trim()
    if (originalTicket.length < 3)
      return data(
        {
          intent,
          error: { messageKey: 'complaints.merge.originalRequired', params: {} },
          text: originalTicket,
        },
        { status: 400 },
      )
    const merged = await attempt(() =>
      context.caller(params.tenant).complaint.merge({
        ticket: params.ticket ?? '',
        originalTicket,
        expectedVersion: Number(form.get('expectedVersion')),
      }),
    )
    if (!merged.ok)
      return data({ intent, error: merged.error, text: originalTicket }, { status: merged.status })
    return redirect(`/t/${params.tenant}/complaints/${params.ticket}?merged=1`)
  }
  if (intent === 'note' || intent === 'assign' || intent === 'details') {
    const caller = context.caller(params.tenant).complaint
    const ticket = params.ticket ?? ''
    const value = (name: string) => String(form.get(name) ?? '').trim()
    if (intent === 'note' && value('text').length < 2) {
      return data(
        { intent, error: { messageKey: 'complaints.manage.noteRequired', params: {} }, text: '' },
        { status: 400 },
      )
    }
    const saved = await attempt(() =>
      intent === 'note'
        ? caller.addNote({ ticket, text: value('text') })
        : intent === 'assign'
          ? caller.assign({
              ticket,
              membershipId: value('membershipId') || null,
              unitId: value('unitId') || null,
            })
          : caller.updateDetails({
              ticket,
              priority:
                (['low', 'normal', 'high', 'urgent'] as const).find((p) => p === value('priority')) ??
                'normal',
              categoryId: value('categoryId') || null,
            }),
    )
    if (!saved.ok) return data({ intent, error: saved.error, text: '' }, { status: saved.status })
    return redirect(`/t/${params.tenant}/complaints/${params.ticket}?managed=1#manage-heading`)
  }
  const result = await attempt(() =>
    context.caller(params.tenant).complaint.transition({
      ticket: params.ticket ?? '',
      outcomeKey: String(form.get('outcomeKey') ?? ''),
      checklist: form.getAll('checklist').map(String),
      note: String(form.get('note') ?? '') || undefined,
      expectedVersion: Number(form.get('expectedVersion')),
    }),
  )
  if (!result.ok) return data({ intent, error: result.error, text: '' }, { status: result.status })
  return redirect(`/t/${params.tenant}/complaints/${params.ticket}?done=1`)
}

export default function ComplaintPage() {
  const { t, i18n } = useTranslation()
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const parent = useRouteLoaderData<typeof tenantLoader>('routes/t.$tenant')
  const zone = parent?.shell.tenant.timezone ?? 'Asia/Jakarta'
  const en = i18n.language === 'en'
  const at = (iso: string | null) =>
    iso
      ? `${formatInZone(new Date(iso), zone, i18n.language, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })} ${ZONE_ABBREVIATION[zone] ?? ''}`
      : '-'
  const atShort = (iso: string) =>
    `${formatInZone(new Date(iso), zone, i18n.language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })} ${ZONE_ABBREVIATION[zone] ?? ''}`
  const { complaint, sop, currentStep, thread } = view
  const replyError = actionData?.intent === 'reply' || actionData?.intent === 'replyTemplate'
  const mergeError = actionData?.intent === 'merge'
  const tenantSlug = parent?.shell.tenant.slug ?? ''
  const windowOpen = !!thread?.windowOpenUntil && thread.windowOpenUntil > view.now
  const busy = navigation.state !== 'idle'
  // Only our own message keys come back in the address: anything else is ignored.
  const receiptError = /^(receipt|errors)\.[A-Za-z.]+$/.test(search.get('receiptError') ?? '')
    ? search.get('receiptError')
    : null
  const busyIntent = navigation.formData?.get('intent')
  const overdue = complaint.stepDueAt !== null && complaint.stepDueAt < view.now
  const stepName = (key: string | null) => {
    const step = sop?.steps.find((s) => s.key === key)
    return step ? (en ? step.nameEn : step.nameId) : (key ?? '')
  }
  return (
    <>
      <div className="page-header">
        <p className="muted">{t(`channels.${complaint.channel}`)}</p>
        <h1>{complaint.ticketNumber}</h1>
        <p>
          <span className={`badge badge-${complaint.status}`}>
            {t(`complaints.status.${complaint.status}`)}
          </span>{' '}
          <span className="muted">{t('complaints.receivedAt', { time: at(complaint.createdAt) })}</span>
        </p>
      </div>
      {search.get('created') ? (
        <p className="alert alert-success" role="status">
          {t('complaints.createdNotice', { ticket: complaint.ticketNumber })}
        </p>
      ) : null}
      {search.get('managed') ? (
        <p className="alert alert-success" role="status">
          {t('complaints.manage.saved')}
        </p>
      ) : null}
      {search.get('done') ? (
        <p className="alert alert-success" role="status">
          {t('complaints.transitionedNotice')}
        </p>
      ) : null}
      {view.mergedInto ? (
        <p className="alert alert-info" role="status">
          {t('complaints.merge.mergedInto', { ticket: view.mergedInto })}{' '}
          <Link to={`/t/${tenantSlug}/complaints/${view.mergedInto}`}>
            {t('complaints.merge.open', { ticket: view.mergedInto })}
          </Link>
        </p>
      ) : null}
      {search.get('merged') && view.mergedInto ? (
        <p className="alert alert-success" role="status">
          {t('complaints.merge.done', { ticket: view.mergedInto })}
        </p>
      ) : null}
      {search.get('dispatched') ? (
        <p className="alert alert-success" role="status">
          {t('trc.dispatch.sent')}
        </p>
      ) : null}
      {search.get('replied') ? (
        <p className="alert alert-success" role="status">
          {t('reply.queued')}
        </p>
      ) : null}
      {replyError || mergeError || actionData?.intent === 'dispatch' ? null : (
        <FormError error={actionData?.error} />
      )}
      {receiptError ? <FormError error={{ messageKey: receiptError, params: {} }} /> : null}
      {view.canPrintReceipt ? (
        <Form
          method="post"
          action="receipt"
          reloadDocument
          target="_blank"
          className={search.get('created') ? 'panel panel-action receipt-print' : 'receipt-print'}
        >
          <button type="submit" className="button button-primary">
            {t('receipt.print')}
          </button>
          <p className="hint">{t('receipt.printHint')}</p>
        </Form>
      ) : null}

      <div className="two-columns">
        <div>
          <section className="panel" aria-labelledby="what-heading">
            <h2 id="what-heading">{t('complaints.what')}</h2>
            <p className="prewrap">{complaint.description}</p>
            <dl className="facts">
              <dt>{t('complaints.form.category')}</dt>
              <dd>{view.category ? (en ? view.category.nameEn : view.category.nameId) : '-'}</dd>
              <dt>{t('complaints.form.location')}</dt>
              <dd>
                {complaint.locationText ??
                  (complaint.latitude !== null && complaint.longitude !== null
                    ? `${complaint.latitude}, ${complaint.longitude}`
                    : '-')}
                {complaint.latitude !== null && complaint.longitude !== null ? (
                  <span className="map-link">
                    {' '}
                    <a
                      href={`https://www.openstreetmap.org/?mlat=${complaint.latitude}&mlon=${complaint.longitude}#map=17/${complaint.latitude}/${complaint.longitude}`}
                    >
                      {t('thread.mapLink')}
                    </a>
                  </span>
                ) : null}
              </dd>
              {complaint.sourceUrl ? (
                <>
                  <dt>{t('complaints.source')}</dt>
                  <dd className="break-anywhere">
                    <a href={complaint.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
                      {complaint.sourceUrl}
                    </a>
                  </dd>
                </>
              ) : null}
              <dt>{t('complaints.reporter')}</dt>
              <dd>
                {view.reporter
                  ? view.reporter.name || view.reporter.phone
                    ? [view.reporter.name, view.reporter.phone, view.reporter.email]
                        .filter(Boolean)
                        .join(' · ')
                    : t('complaints.anonymous')
                  : '-'}
              </dd>
            </dl>
            {complaint.latitude !== null && complaint.longitude !== null ? (
              <PlaceMap
                places={[
                  {
                    id: complaint.ticketNumber,
                    label: complaint.locationText ?? complaint.ticketNumber,
                    lat: complaint.latitude,
                    lng: complaint.longitude,
                  },
                ]}
                label={t('complaints.mapLabel', { ticket: complaint.ticketNumber })}
                list={false}
                className="complaint-map"
              />
            ) : null}
          </section>

          {currentStep && view.canAct ? (
            <section className="panel panel-action" aria-labelledby="action-heading">
              <h2 id="action-heading">
                {t('complaints.yourStep', { step: en ? currentStep.nameEn : currentStep.nameId })}
              </h2>
              <Form method="post" className="form">
                <input type="hidden" name="expectedVersion" value={complaint.version} />
                {currentStep.checklist.length > 0 ? (
                  <fieldset>
                    <legend>{t('sop.checklist')}</legend>
                    {currentStep.checklist.map((item) => (
                      <label key={item.key} className="checkbox">
                        <input type="checkbox" name="checklist" value={item.key} />
                        {en ? item.labelEn : item.labelId}
                        {item.required ? <span className="muted"> ({t('complaints.required')})</span> : null}
                      </label>
                    ))}
                  </fieldset>
                ) : null}
                <fieldset>
                  <legend>{t('complaints.outcomeLegend')}</legend>
                  {currentStep.outcomes.map((outcome, i) => (
                    <label key={outcome.key} className="radio">
                      <input
                        type="radio"
                        name="outcomeKey"
                        value={outcome.key}
                        defaultChecked={i === 0}
                        required
                      />
                      {en ? outcome.labelEn : outcome.labelId}
                    </label>
                  ))}
                </fieldset>
                <div className="field">
                  <label htmlFor="note">{t('complaints.note')}</label>
                  <textarea id="note" name="note" rows={2} />
                </div>
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={navigation.state !== 'idle'}
                >
                  {navigation.state !== 'idle' ? t('common.saving') : t('complaints.saveStep')}
                </button>
              </Form>
            </section>
          ) : currentStep ? (
            <p className="alert alert-info">{t('complaints.notYourStep')}</p>
          ) : null}

          {thread ? (
            <WhatsappThread
              messages={thread.messages}
              attachments={view.attachments}
              tenant={parent?.shell.tenant.slug ?? ''}
              serviceName={parent?.shell.tenant.serviceName ?? 'Tanggap'}
              formatTime={atShort}
            >
              <p className="muted wa-window">
                {thread.windowOpenUntil
                  ? windowOpen
                    ? t('thread.windowOpen', { time: atShort(thread.windowOpenUntil) })
                    : null
                  : t('thread.windowNever')}
              </p>
              {view.canReply ? (
                <section className="wa-reply" aria-labelledby="reply-heading">
                  <h3 id="reply-heading">{t('reply.heading')}</h3>
                  {replyError ? <FormError error={actionData?.error} /> : null}
                  {windowOpen ? (
                    <Form method="post" className="form">
                      <div className="field">
                        <label htmlFor="reply-text">{t('reply.label')}</label>
                        <textarea
                          id="reply-text"
                          name="text"
                          rows={3}
                          maxLength={4096}
                          required
                          aria-describedby="reply-hint"
                          defaultValue={replyError ? actionData?.text : ''}
                        />
                        <p className="hint" id="reply-hint">
                          {t('reply.hint')}
                        </p>
                      </div>
                      <div className="form-actions">
                        <button
                          type="submit"
                          name="intent"
                          value="reply"
                          className="button button-primary"
                          disabled={busy}
                        >
                          {busy && busyIntent === 'reply' ? t('reply.sending') : t('reply.send')}
                        </button>
                      </div>
                    </Form>
                  ) : (
                    <Form method="post" className="form">
                      <p className="alert alert-info wa-window-closed">{t('reply.windowClosed')}</p>
                      <p className="hint">{t('reply.templateIntro')}</p>
                      {view.replyTemplate?.text ? (
                        <figure className="wa-template">
                          <figcaption>{t('reply.templateText')}</figcaption>
                          <blockquote className="prewrap">{view.replyTemplate.text}</blockquote>
                          {view.replyTemplate.whatsappTemplateName ? (
                            <p className="hint">
                              {t('reply.templateName', { name: view.replyTemplate.whatsappTemplateName })}
                            </p>
                          ) : null}
                        </figure>
                      ) : null}
                      <div className="form-actions">
                        <button
                          type="submit"
                          name="intent"
                          value="replyTemplate"
                          className="button button-primary"
                          disabled={busy}
                        >
                          {busy && busyIntent === 'replyTemplate'
                            ? t('reply.sending')
                            : t('reply.sendTemplate')}
                        </button>
                      </div>
                    </Form>
                  )}
                </section>
              ) : null}
            </WhatsappThread>
          ) : null}

          <AttachmentList attachments={view.attachments} tenant={parent?.shell.tenant.slug ?? ''} />

          <ComplaintManage
            canNote={view.canNote}
            options={view.options}
            assignment={view.assignment}
            priority={complaint.priority}
            categoryId={view.categoryId}
            busy={navigation.state !== 'idle'}
          />

          {view.dispatchOptions ? (
            <DispatchPanel
              options={view.dispatchOptions}
              error={actionData?.intent === 'dispatch' ? actionData.error : null}
              busy={busy}
            />
          ) : null}

          {view.duplicates.length > 0 ? (
            <section className="panel" aria-labelledby="duplicates-heading">
              <h2 id="duplicates-heading">{t('complaints.merge.duplicates')}</h2>
              <ul className="plain-list">
                {view.duplicates.map((d) => (
                  <li key={d.ticket}>
                    <Link to={`/t/${tenantSlug}/complaints/${d.ticket}`}>{d.ticket}</Link>{' '}
                    <span className="muted">· {t(`channels.${d.channel}`)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          {view.canMerge ? (
            <section className="panel" aria-labelledby="merge-heading">
              <h2 id="merge-heading">{t('complaints.merge.title')}</h2>
              <p className="hint">{t('complaints.merge.intro')}</p>
              {mergeError ? <FormError error={actionData?.error} /> : null}
              <Form
                method="post"
                className="form"
                onSubmit={(event) => {
                  if (!window.confirm(t('complaints.merge.confirm'))) event.preventDefault()
                }}
              >
                <input type="hidden" name="expectedVersion" value={complaint.version} />
                <div className="field">
                  <label htmlFor="originalTicket">{t('complaints.merge.original')}</label>
                  <input
                    id="originalTicket"
                    name="originalTicket"
                    autoComplete="off"
                    spellCheck={false}
                    required
                    defaultValue={mergeError ? actionData?.text : ''}
                    aria-describedby="originalTicket-hint"
                    aria-invalid={mergeError ? true : undefined}
                  />
                  <p className="hint" id="originalTicket-hint">
                    {t('complaints.merge.originalHint')}
                  </p>
                </div>
                <button type="submit" name="intent" value="merge" className="button" disabled={busy}>
                  {busy && busyIntent === 'merge' ? t('common.saving') : t('complaints.merge.submit')}
                </button>
              </Form>
            </section>
          ) : null}

          <section className="panel" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t('complaints.timeline')}</h2>
            <ol className="timeline">
              {view.events.map((event) => (
                <li key={event.id}>
                  <time className="muted">{at(event.createdAt)}</time>{' '}
                  <span>
                    {event.kind === 'reporter_message' || event.kind === 'operator_reply'
                      ? t(`thread.events.${event.kind}`)
                      : event.kind === 'transition'
                        ? t('complaints.events.transition', {
                            from: stepName(event.fromStepKey),
                            to: event.toStepKey
                              ? stepName(event.toStepKey)
                              : t(`sop.ends.${String(event.data.end ?? 'closed')}`),
                          })
                        : t(`complaints.events.${event.kind}`, {
                            step: stepName(event.toStepKey ?? event.fromStepKey),
                            ticket: String(event.data.ticket ?? ''),
                          })}
                  </span>
                  {event.actorName ? <span className="muted"> · {event.actorName}</span> : null}
                  {[event.data.note, event.kind === 'note' ? event.data.text : null, event.data.findings]
                    .filter((text) => typeof text === 'string' && text !== '')
                    .map((text, i) => (
                      <p className="note" key={i}>
                        {String(text)}
                      </p>
                    ))}
                </li>
              ))}
            </ol>
          </section>
        </div>

        {sop ? (
          <section className="panel" aria-labelledby="sop-heading">
            <h2 id="sop-heading">{t('complaints.sopHeading')}</h2>
            <p className="muted">
              {en ? sop.nameEn : sop.nameId} · {t('sop.versionShort', { version: sop.version })}
            </p>
            <ol className="step-progress">
              {sop.steps.map((step) => {
                const visits = view.visits.filter((v) => v.stepKey === step.key)
                const last = visits.at(-1)
                const state = step.key === currentStep?.key ? 'current' : last?.finishedAt ? 'done' : 'todo'
                return (
                  <li
                    key={step.key}
                    className={`step-${state}${last?.breached ? ' step-late' : ''}`}
                    aria-current={state === 'current' ? 'step' : undefined}
                  >
                    <strong>{en ? step.nameEn : step.nameId}</strong>
                    <span className="muted">
                      {' '}
                      · {step.limit ? formatLimit(step.limit, en ? 'en' : 'id') : t('sop.noLimit')}
                    </span>
                    {state === 'current' && complaint.stepDueAt ? (
                      <span className={overdue ? 'due due-late' : 'due'}>
                        {overdue
                          ? t('complaints.overdueSince', { time: at(complaint.stepDueAt) })
                          : t('complaints.dueAt', { time: at(complaint.stepDueAt) })}
                      </span>
                    ) : null}
                    {state === 'done' && last ? (
                      <span className="muted">
                        {' '}
                        · {last.breached ? t('complaints.doneLate') : t('complaints.doneOnTime')}
                      </span>
                    ) : null}
                  </li>
                )
              })}
            </ol>
          </section>
        ) : null}
      </div>
    </>
  )
}
