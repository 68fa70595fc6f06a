import { test as base, expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'tanggap-demo'

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Kata sandi').fill(password)
  await page.getByRole('button', { name: 'Masuk' }).click()
}

type Fixtures = {
  /** A page signed in as the given demo user; the session is signed out afterwards. */
  signedInAs: (email: string) => Promise<Page>
}

export const test = base.extend<Fixtures>({
  signedInAs: async ({ page }, use) => {
    let used = false
    await use(async (email) => {
      used = true
      await signIn(page, email)
      await page.waitForURL(/\/t\//)
      return page
    })
    if (used && !page.isClosed()) {
      await page.goto('/login').catch(() => {})
      const signOut = page.getByRole('button', { name: /Keluar|Sign out/ })
      if (await signOut.count()) await signOut.first().click()
    }
  },
})

export { expect }

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true })
}
