import { createInstance, type TFunction } from 'i18next'
// The locale files are shared data of the app and the server (emails, PDFs): docs/decisions/001.
import { resources } from '#app/locales/index.ts'

const instances = new Map<string, Promise<TFunction>>()

/** A translate function for server-made texts (emails, letters) in the recipient's language. */
export function translator(language: string): Promise<TFunction> {
  const lng = language === 'en' ? 'en' : 'id'
  let instance = instances.get(lng)
  if (!instance) {
    const i18n = createInstance()
    instance = i18n
      .init({
        lng,
        fallbackLng: 'id',
        defaultNS: 'common',
        resources,
        interpolation: { escapeValue: false },
      })
      .then(() => i18n.t)
    instances.set(lng, instance)
  }
  return instance
}
