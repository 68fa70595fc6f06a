import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'

export async function loader() {
  return redirect('/login')
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.user) return redirect('/login')
  const form = await request.formData()
  const { setCookie } = await context.caller().auth.signOut({ everywhere: form.get('everywhere') === '1' })
  return redirect('/login', { headers: { 'Set-Cookie': setCookie } })
}
