import { Form, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** Two buttons, ID and EN; a plain form, so it works without JavaScript. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  return (
    <Form method="post" action="/language" className="language-switch" aria-label={t('language.switchTo')}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {(['id', 'en'] as const).map((language) => (
        <button
          key={language}
          type="submit"
          name="language"
          value={language}
          lang={language}
          aria-pressed={i18n.language === language}
          title={t(`language.${language}`)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </Form>
  )
}
