import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, useParams, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { load } from '#app/utils/trpc.server.ts'

const NOTICES = ['created', 'updated'] as const

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { categories: await load(() => context.caller(params.tenant).category.find()) }
}

export default function CategoryList() {
  const { t, i18n } = useTranslation()
  const { categories } = useLoaderData<typeof loader>()
  const { tenant } = useParams()
  const [search] = useSearchParams()
  const en = i18n.language === 'en'
  const base = `/t/${tenant}/admin/categories`
  const notice = NOTICES.map((kind) => ({
    kind,
    category: categories.find((c) => c.id === search.get(kind)),
  })).find((n) => n.category)
  // Active categories first; the server sorts by name.
  const sorted = [...categories].sort((a, b) => Number(b.active) - Number(a.active))
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('nav.breadcrumbs')}>
        <Link to={`/t/${tenant}/admin`}>{t('admin.title')}</Link> › <span>{t('categories.title')}</span>
      </nav>
      <div className="page-header">
        <h1>{t('categories.title')}</h1>
        <p className="muted">{t('categories.intro')}</p>
      </div>
      {notice?.category ? (
        <p className="alert alert-success" role="status">
          {t(`categories.notices.${notice.kind}`, {
            name: en ? notice.category.nameEn : notice.category.nameId,
          })}
        </p>
      ) : null}
      <Link className="button button-primary" to={`${base}/new`}>
        + {t('categories.add')}
      </Link>
      {sorted.length === 0 ? <p className="muted">{t('categories.none')}</p> : null}
      <ul className="card-list">
        {sorted.map((category) => (
          <li key={category.id}>
            <Link className="card-link" to={`${base}/${category.id}`}>
              <strong>
                {en ? category.nameEn : category.nameId}{' '}
                {category.active ? null : (
                  <span className="badge badge-closed">{t('categories.inactive')}</span>
                )}
              </strong>
              <span>
                {t('categories.unit')}:{' '}
                {category.defaultUnit
                  ? category.defaultUnit.active
                    ? category.defaultUnit.name
                    : t('categories.unitInactive', { name: category.defaultUnit.name })
                  : t('categories.noUnit')}
              </span>
              <span>
                {t('categories.sop')}:{' '}
                {category.defaultSop
                  ? en
                    ? category.defaultSop.nameEn
                    : category.defaultSop.nameId
                  : t('categories.followChannelSop')}
              </span>
              <span className="muted">
                <code>{category.key}</code>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  )
}
