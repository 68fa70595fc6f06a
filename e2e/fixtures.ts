import { test as base, expect, type Browser, type Page } from '@playwright/test'

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

/** A new browser context signed in as a demo user (phone-sized when given a viewport). */
export async function as(
  browser: Browser,
  email: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'id-ID' })
  const page = await context.newPage()
  await signIn(page, email)
  await page.waitForURL(/\/t\//)
  return page
}

/** Does the current step of the complaint page: ticks every checklist item, picks the outcome, saves. */
export async function doStep(page: Page, url: string, step: string, outcome?: string) {
  await page.goto(url)
  await expect(page.getByRole('heading', { name: `Giliran Anda: ${step}` })).toBeVisible()
  for (const box of await page.locator('.panel-action input[type=checkbox]').all()) await box.check()
  if (outcome) await page.getByLabel(outcome).check()
  await page.getByRole('button', { name: 'Simpan langkah' }).click()
  await expect(page.getByText('Langkah tersimpan.')).toBeVisible()
}

/**
 * Does every step that is this person's turn, in order, until the complaint passes to someone else.
 * (Another test may have added a step to LA-LISA; whoever's turn it is, does it.)
 */
export async function workThrough(page: Page, url: string, outcomes: Record<string, string> = {}) {
  const done: string[] = []
  for (let i = 0; i < 6; i++) {
    await page.goto(url)
    const heading = page.getByRole('heading', { name: /^Giliran Anda: / })
    if ((await heading.count()) === 0) break
    const step = ((await heading.textContent()) ?? '').replace('Giliran Anda: ', '').trim()
    for (const box of await page.locator('.panel-action input[type=checkbox]').all()) await box.check()
    if (outcomes[step]) await page.getByLabel(outcomes[step]).check()
    await page.getByRole('button', { name: 'Simpan langkah' }).click()
    await expect(page.getByText('Langkah tersimpan.')).toBeVisible()
    done.push(step)
  }
  return done
}

/** A 64x64 checkerboard PNG: a photo a citizen or the TRC sends. */
export const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAIAAAAlC+aJAAAAbUlEQVR42u3XMQ0AIAxFQXZEIAkjKEAtUjBQpi4QLmHswE0vv6zZwlf7CN9t9wUAAAAAIAV45aOnewAAAACAHECJAQAAAOwBJQYAAACwB5QYAAAAwB5QYgAAAAB7QIkBAAAA7AElBgAAAPgGsAGYVfkAX9X32wAAAABJRU5ErkJggg==',
  'base64',
)
