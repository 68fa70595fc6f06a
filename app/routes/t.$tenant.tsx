import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { isRouteErrorResponse, Outlet, useLoaderData, useRouteError } from '@remix-run/react'
import { ErrorPage, errorIdOf } from '#app/components/error-page.tsx'
import { ConsoleShell } from '#app/components/console-shell.tsx'
import { load } from '#app/utils/trpc.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.shell.tenant.serviceName} · ${data.shell.tenant.name}` : 'Tanggap' },
]

/** The console frame of one tenant. The slug must be one of the user's memberships, else 404. */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  if (!context.user) {
    const url = new URL(request.url)
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  const caller = context.caller(params.tenant)
  const [shell, memberships] = await Promise.all([
    load(() => caller.tenant.getShell()),
    caller.me.listMemberships(),
  ])
  return {
    shell,
    memberships,
    user: {
      name: context.user.name,
      email: context.user.email,
      isPlatformAdmin: context.user.isPlatformAdmin,
    },
  }
}

export default function TenantLayout() {
  const { shell, memberships, user } = useLoaderData<typeof loader>()
  return (
    <ConsoleShell shell={shell} memberships={memberships} user={user}>
      <Outlet />
    </ConsoleShell>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} errorId={errorIdOf(error)} />
}
