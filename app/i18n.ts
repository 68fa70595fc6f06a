import { resources } from './locales/index.ts'

/** Indonesian first (the default and the fallback), English second. Both bundled: they are small. */
export { resources }
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
