import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { load } from '#app/utils/trpc.server.ts'

export async function loader({ params, context }: LoaderFunctionArgs) {
  // Only for those who may administer: the SOP list is the admin's first section.
  await load(() => context.caller(params.tenant).sop.find())
  return null
}

const SECTIONS = [
  { to: 'sop', titleKey: 'admin.sections.sop', bodyKey: 'admin.sections.sopBody' },
  { to: 'users', titleKey: 'users.title', bodyKey: 'users.sectionBody' },
  { to: 'roles', titleKey: 'roles.title', bodyKey: 'roles.intro' },
  { to: 'units', titleKey: 'units.title', bodyKey: 'units.intro' },
  { to: 'categories', titleKey: 'categories.title', bodyKey: 'categories.intro' },
  { to: 'calendar', titleKey: 'settings.sections.calendar', bodyKey: 'settings.sections.calendarBody' },
  { to: 'letterhead', titleKey: 'settings.sections.letterhead', bodyKey: 'settings.sections.letterheadBody' },
  { to: 'recipients', titleKey: 'settings.sections.recipients', bodyKey: 'settings.sections.recipientsBody' },
  { to: 'whatsapp', titleKey: 'channels.section', bodyKey: 'channels.sectionBody' },
] as const

export default function AdminIndex() {
  const { t } = useTranslation()
  const { tenant } = useParams()
  return (
    <>
      <div className="page-header">
        <h1>{t('admin.title')}</h1>
        <p className="muted">{t('admin.intro')}</p>
      </div>
      <ul className="card-list">
        {SECTIONS.map((section) => (
          <li key={section.to}>
            <Link className="card-link" to={`/t/${tenant}/admin/${section.to}`}>
              <strong>{t(section.titleKey)}</strong>
              <span className="muted">{t(section.bodyKey)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  )
}
