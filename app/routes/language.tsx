import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { safeRedirectPath } from '#app/utils/redirect.ts'

const ONE_YEAR = 60 * 60 * 24 * 365

/** The language switch: remembered in a cookie, and in the user's setting when signed in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const language = form.get('language') === 'en' ? 'en' : 'id'
  if (context.user) await context.caller().me.updateLanguage({ language })
  const target = safeRedirectPath(String(form.get('redirectTo') ?? ''), '/')
  return redirect(target, {
    headers: { 'Set-Cookie': `lng=${language}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax` },
  })
}

export async function loader() {
  return redirect('/')
}
