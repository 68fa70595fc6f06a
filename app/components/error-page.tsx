import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The one error page: a translated title and what to do next; never a stack trace. */
export function ErrorPage({ status }: { status: number }) {
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
      <Link className="button" to="/">
        {t('errors.backHome')}
      </Link>
    </main>
  )
}
