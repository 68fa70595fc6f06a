import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

export const meta: MetaFunction = () => [{ title: 'Tanggap' }]

export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.user) throw redirect('/login')
  const memberships = await context.caller().me.listMemberships()
  if (memberships.length === 1 && memberships[0]) throw redirect(`/t/${memberships[0].slug}`)
  return { memberships, name: context.user.name }
}

export default function Home() {
  const { t } = useTranslation()
  const { memberships, name } = useLoaderData<typeof loader>()
  return (
    <div className="auth-page">
      <header className="auth-header">
        <span className="brand">Tanggap</span>
        <Form method="post" action="/logout">
          <button type="submit" className="button">
            {t('nav.signOut')}
          </button>
        </Form>
      </header>
      <main id="main" className="auth-card">
        <h1>{memberships.length === 0 ? t('login.title') : t('home.title')}</h1>
        <p className="muted">{t('nav.signedInAs', { name })}</p>
        {memberships.length === 0 ? (
          <p className="alert alert-info">{t('login.noMembership')}</p>
        ) : (
          <>
            <p>{t('home.intro')}</p>
            <ul className="tenant-list">
              {memberships.map((m) => (
                <li key={m.slug}>
                  <Link to={`/t/${m.slug}`} className="tenant-link">
                    <strong>{m.serviceName}</strong>
                    <span>{m.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </div>
  )
}
