import type { LoaderFunctionArgs } from '@remix-run/node'
import { attempt } from '#app/utils/trpc.server.ts'

/**
 * The bell's number alone, for the console to refresh while a page stays open (one indexed count).
 * A refusal (signed out meanwhile) answers null rather than an error page over the open page.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const result = await attempt(() => context.caller(params.tenant).notification.getUnreadCount())
  return { count: result.ok ? result.value.count : null }
}
