import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { ErrorPayload } from '#app/utils/trpc.server.ts'
import { FormError } from './form-error.tsx'

type Options = {
  posts: { id: string; name: string; km: number | null }[]
  suggestedId: string | null
  active: { status: string; post: string; unitId: string } | null
}

/** "Send the TRC": the posts nearest first, the suggestion chosen; with a trip under way, redirect. */
export function DispatchPanel({
  options,
  error,
  busy,
}: {
  options: Options
  error: ErrorPayload | null | undefined
  busy: boolean
}) {
  const { t, i18n } = useTranslation()
  const km = (value: number) =>
    new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID').format(value)
  const label = (post: Options['posts'][number]) =>
    post.id === options.suggestedId
      ? post.km !== null
        ? t('trc.dispatch.nearest', { name: post.name, km: km(post.km) })
        : t('trc.dispatch.suggestedByPlace', { name: post.name })
      : post.km !== null
        ? t('trc.dispatch.km', { name: post.name, km: km(post.km) })
        : t('trc.dispatch.noDistance', { name: post.name })
  const preselected =
    options.active && options.active.unitId === options.suggestedId
      ? (options.posts.find((p) => p.id !== options.active?.unitId)?.id ?? '')
      : (options.suggestedId ?? '')
  return (
    <section className="panel" aria-labelledby="dispatch-heading">
      <h2 id="dispatch-heading">{t('trc.dispatch.title')}</h2>
      {options.active ? (
        <p className="alert alert-info">
          {t('trc.dispatch.active', {
            post: options.active.post,
            status: t(`trc.status.${options.active.status}`).toLowerCase(),
          })}
        </p>
      ) : (
        <p className="hint">{t('trc.dispatch.intro')}</p>
      )}
      <FormError error={error} />
      {options.posts.length === 0 ? (
        <p className="alert alert-info">{t('trc.dispatch.none')}</p>
      ) : (
        <Form method="post" className="form">
          <div className="field">
            <label htmlFor="dispatch-unit">{t('trc.dispatch.post')}</label>
            <select id="dispatch-unit" name="unitId" defaultValue={preselected} required>
              {options.posts.map((post) => (
                <option key={post.id} value={post.id}>
                  {label(post)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            name="intent"
            value="dispatch"
            className={options.active ? 'button' : 'button button-primary'}
            disabled={busy}
          >
            {options.active ? t('trc.dispatch.redirect') : t('trc.dispatch.submit')}
          </button>
        </Form>
      )}
    </section>
  )
}
