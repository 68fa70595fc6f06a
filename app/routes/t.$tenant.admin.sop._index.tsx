import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { load } from '#app/utils/trpc.server.ts'

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { sops: await load(() => context.caller(params.tenant).sop.find()) }
}

export default function SopList() {
  const { t, i18n } = useTranslation()
  const { sops } = useLoaderData<typeof loader>()
  const { tenant } = useParams()
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> › <span>{t('admin.sections.sop')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('admin.sections.sop')}</h1>
        <p className="muted">{t('sop.listIntro')}</p>
        <Link className="button" to={`/t/${tenant}/admin/sop/import`}>
          {t('sop.import.link')}
        </Link>
      </div>
      <ul className="card-list">
        {sops.map((sop) => (
          <li key={sop.id}>
            <Link className="card-link" to={`/t/${tenant}/admin/sop/${sop.id}`}>
              <strong>{i18n.language === 'en' ? sop.nameEn : sop.nameId}</strong>
              {sop.reference ? <span className="muted">{sop.reference}</span> : null}
              <span>
                {sop.published
                  ? t('sop.publishedVersion', { version: sop.published })
                  : t('sop.notPublished')}
                {sop.hasDraft ? ` · ${t('sop.draftVersion', { version: sop.latest })}` : ''}
              </span>
              <span className="muted">
                {t('sop.channelsLabel')}: {sop.channels.map((c) => t(`channels.${c}`)).join(', ') || '-'}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  )
}
