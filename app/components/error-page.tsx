import { isRouteErrorResponse, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The id of an unexpected error a loader answered with (`errors.unexpected` and `params.id`), to quote. */
export function errorIdOf(error: unknown): string | undefined {
  if (!isRouteErrorResponse(error)) return undefined
  const id = (error.data as { params?: { id?: unknown } } | null)?.params?.id
  return typeof id === 'string' ? id : undefined
}

/** The one error page: a translated title and what to do next; never a stack trace, at most an error id. */
export function ErrorPage({ status, errorId }: { status: number; errorId?: string }) {
  const { t } = useTranslation()
  const [title, message] =
    status === 404
      ? [t('errors.notFoundTitle'), t('errors.notFound')]
      : status === 403
        ? [t('errors.forbiddenTitle'), t('errors.forbidden')]
        : [t('errors.unexpectedTitle'), t('errors.unexpected')]
  return (
    <main className="error-page" id="main">
      <p className="error-code">{status}</p>
      <h1>{title}</h1>
      <p>{message}</p>
      {errorId ? <p className="error-id">{t('inputRefusals.errorId', { id: errorId })}</p> : null}
      <Link className="button" to="/">
        {t('errors.backHome')}
      </Link>
    </main>
  )
}
