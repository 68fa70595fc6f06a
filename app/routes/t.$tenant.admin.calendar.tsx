import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AdminHeader } from '#app/components/admin-header.tsx'
import { attempt, load } from '#app/utils/trpc.server.ts'
import { FormError } from '#app/components/form-error.tsx'

const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const

function yearOf(request: Request) {
  const year = Number(new URL(request.url).searchParams.get('year'))
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : new Date().getFullYear()
}

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const year = yearOf(request)
  return { year, ...(await load(() => context.caller(params.tenant).settings.getCalendar({ year }))) }
}

type Errors = { hours?: string; days?: string; date?: string; name?: string }

export async function action({ params, context, request }: ActionFunctionArgs) {
  const caller = context.caller(params.tenant).settings
  const form = await request.formData()
  const intent = String(form.get('intent'))
  const year = yearOf(request)
  const back = (notice: string) =>
    redirect(`/t/${params.tenant}/admin/calendar?year=${year}&notice=${notice}`)
  const errors: Errors = {}
  if (intent === 'hours') {
    const start = String(form.get('start') ?? '')
    const end = String(form.get('end') ?? '')
    const days = form.getAll('workingDays').map(Number)
    const timezone = ZONES.find((z) => z === form.get('timezone')) ?? 'Asia/Jakarta'
    if (!/^\d{2}:\d{2}$/.test(start) || !/^\d{2}:\d{2}$/.test(end) || start >= end)
      errors.hours = 'settings.calendar.invalidHours'
    if (days.length === 0) errors.days = 'settings.calendar.noWorkingDay'
    if (Object.keys(errors).length > 0) return data({ errors, error: null }, { status: 400 })
    const result = await attempt(() =>
      caller.updateCalendar({ timezone, businessHours: { start, end }, workingDays: days }),
    )
    if (!result.ok) return data({ errors, error: result.error }, { status: result.status })
    return back('saved')
  }
  if (intent === 'add') {
    const date = String(form.get('date') ?? '')
    const nameId = String(form.get('nameId') ?? '').trim()
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.date = 'settings.calendar.invalidDate'
    if (nameId.length < 2) errors.name = 'settings.calendar.nameRequired'
    if (Object.keys(errors).length > 0) return data({ errors, error: null }, { status: 400 })
    const result = await attempt(() => caller.addHoliday({ date, nameId }))
    if (!result.ok) return data({ errors, error: result.error }, { status: result.status })
    return back('added')
  }
  if (intent === 'remove') {
    const result = await attempt(() => caller.removeHoliday({ date: String(form.get('date') ?? '') }))
    if (!result.ok) return data({ errors, error: result.error }, { status: result.status })
    return back('removed')
  }
  if (intent === 'reload') {
    const result = await attempt(() => caller.loadNationalHolidays({ year }))
    if (!result.ok) return data({ errors, error: result.error }, { status: result.status })
    return back('reloaded')
  }
  return data({ errors, error: { messageKey: 'errors.invalidInput', params: {} } }, { status: 400 })
}

export default function CalendarSettings() {
  const { t, i18n } = useTranslation()
  const { year, timezone, businessHours, workingDays, holidays } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [search] = useSearchParams()
  const errors: Errors = actionData?.errors ?? {}
  const notice = search.get('notice')
  const busy = navigation.state !== 'idle'
  const dateLabel = (date: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`))
  return (
    <>
      <AdminHeader title={t('settings.sections.calendar')} intro={t('settings.calendar.intro')} />
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`settings.calendar.${notice}`, { year })}
        </p>
      ) : null}
      <FormError error={actionData?.error} />
      <Form method="post" className="form form-wide" noValidate>
        <fieldset>
          <legend>{t('settings.calendar.hoursLegend')}</legend>
          <div className="field">
            <label htmlFor="timezone">{t('settings.calendar.timezone')}</label>
            <select id="timezone" name="timezone" defaultValue={timezone}>
              {ZONES.map((zone) => (
                <option key={zone} value={zone}>
                  {t(`settings.calendar.zones.${zone}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="start">{t('settings.calendar.start')}</label>
              <input
                id="start"
                name="start"
                type="time"
                defaultValue={businessHours.start}
                aria-invalid={errors.hours ? true : undefined}
              />
            </div>
            <div className="field">
              <label htmlFor="end">{t('settings.calendar.end')}</label>
              <input
                id="end"
                name="end"
                type="time"
                defaultValue={businessHours.end}
                aria-invalid={errors.hours ? true : undefined}
              />
            </div>
          </div>
          {errors.hours ? <p className="field-error">{t(errors.hours)}</p> : null}
          <fieldset>
            <legend>{t('settings.calendar.workingDays')}</legend>
            <div className="checkbox-grid">
              {DAYS.map((day) => (
                <label key={day} className="checkbox">
                  <input
                    type="checkbox"
                    name="workingDays"
                    value={day}
                    defaultChecked={workingDays.includes(day)}
                  />
                  {t(`settings.calendar.days.${day}`)}
                </label>
              ))}
            </div>
            {errors.days ? <p className="field-error">{t(errors.days)}</p> : null}
          </fieldset>
          <div className="form-actions">
            <button
              type="submit"
              name="intent"
              value="hours"
              className="button button-primary"
              disabled={busy}
            >
              {busy ? t('common.saving') : t('settings.calendar.save')}
            </button>
          </div>
        </fieldset>
      </Form>

      <section className="panel" aria-labelledby="holidays-heading" style={{ marginTop: '1rem' }}>
        <h2 id="holidays-heading">{t('settings.calendar.holidaysHeading', { year })}</h2>
        <p className="muted">{t('settings.calendar.holidaysIntro')}</p>
        <Form method="get" className="inline-form">
          <label htmlFor="year" className="visually-hidden">
            {t('settings.calendar.otherYear')}
          </label>
          <select id="year" name="year" defaultValue={year}>
            {[year - 1, year, year + 1].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <button type="submit" className="button">
            {t('settings.calendar.otherYear')}
          </button>
        </Form>
        {holidays.length === 0 ? <p>{t('settings.calendar.none')}</p> : null}
        <ul className="holiday-list">
          {holidays.map((h) => (
            <li key={h.date}>
              <div>
                <strong>{dateLabel(h.date)}</strong> · {i18n.language === 'en' ? h.nameEn : h.nameId}{' '}
                <span className={`chip chip-${h.kind}`}>{t(`settings.calendar.kinds.${h.kind}`)}</span>
              </div>
              <Form method="post">
                <input type="hidden" name="date" value={h.date} />
                <button
                  type="submit"
                  name="intent"
                  value="remove"
                  className="button button-danger"
                  aria-label={`${t('settings.calendar.remove')} ${h.date}`}
                >
                  {t('settings.calendar.remove')}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        {/* Keyed on the notice so a successful add clears the fields. */}
        <Form method="post" className="form" noValidate key={search.toString()}>
          <fieldset>
            <legend>{t('settings.calendar.addLegend')}</legend>
            <div className="field-row">
              <div className="field">
                <label htmlFor="date">{t('settings.calendar.date')}</label>
                <input
                  id="date"
                  name="date"
                  type="date"
                  min={`${year}-01-01`}
                  max={`${year}-12-31`}
                  aria-invalid={errors.date ? true : undefined}
                />
                {errors.date ? <p className="field-error">{t(errors.date)}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="nameId">{t('settings.calendar.name')}</label>
                <input id="nameId" name="nameId" aria-invalid={errors.name ? true : undefined} />
                {errors.name ? <p className="field-error">{t(errors.name)}</p> : null}
              </div>
            </div>
            <div className="form-actions">
              <button
                type="submit"
                name="intent"
                value="add"
                className="button button-primary"
                disabled={busy}
              >
                {t('settings.calendar.add')}
              </button>
              <button type="submit" name="intent" value="reload" className="button" disabled={busy}>
                {t('settings.calendar.reload', { year })}
              </button>
            </div>
          </fieldset>
        </Form>
      </section>
    </>
  )
}
