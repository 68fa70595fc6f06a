import type { MetaFunction } from '@remix-run/node'
import { resources } from '#app/locales/index.ts'

type Tree = { [key: string]: string | Tree }

/**
 * A page's <title> in the language the page is in: `meta` runs outside React, so it reads the
 * language from the root loader's data and the text from the locale files (Indonesian first).
 */
export function translatedTitle(key: string): MetaFunction {
  return ({ matches }) => {
    const root = matches.find((m) => m.id === 'root')?.data as { language?: string } | undefined
    const language = root?.language === 'en' ? 'en' : 'id'
    const lookup = (tree: Tree) =>
      key
        .split('.')
        .reduce<string | Tree | undefined>(
          (node, part) => (typeof node === 'object' ? node[part] : undefined),
          tree,
        )
    const text = lookup(resources[language].common as Tree) ?? lookup(resources.id.common as Tree)
    return [{ title: typeof text === 'string' ? `${text} · Tanggap` : 'Tanggap' }]
  }
}
