import { Link, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Breadcrumbs back to the admin index, the page title and its explanation. */
export function AdminHeader({ title, intro }: { title: string; intro?: string }) {
  const { t } = useTranslation()
  const { tenant } = useParams()
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> › <span>{title}</span>
      </nav>
      <div className="page-header">
        <h1>{title}</h1>
        {intro ? <p className="muted">{intro}</p> : null}
      </div>
    </>
  )
}
