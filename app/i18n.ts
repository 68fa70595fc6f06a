import en from './locales/en/common.json'
import id from './locales/id/common.json'

/** Indonesian first (the default and the fallback), English second. Both bundled: they are small. */
export const resources = { id: { common: id }, en: { common: en } } as const
export const supportedLanguages = ['id', 'en'] as const
export type Language = (typeof supportedLanguages)[number]

export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: 'id',
  defaultNS: 'common',
  ns: ['common'],
  resources,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
}
