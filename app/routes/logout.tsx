import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'

export async function loader() {
  return redirect('/login')
}

export async function action({ context }: ActionFunctionArgs) {
  if (!context.user) return redirect('/login')
  const { setCookie } = await context.caller().auth.signOut()
  return redirect('/login', { headers: { 'Set-Cookie': setCookie } })
}
