import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { attempt } from '#app/utils/trpc.server.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// Shown inline only when it is an image a browser cannot run; anything else is a download.
const INLINE = ['image/jpeg', 'image/png', 'image/webp', 'image/gif']

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })

/**
 * The bytes of a complaint's attachment, for a signed-in member of the tenant with complaint.view.
 * Another tenant's attachment, or one not downloaded yet: 404. The type came from the citizen's
 * phone, so nothing but a plain image is served inline, and never as something that runs.
 */
export async function loader({ params, context, request }: LoaderFunctionArgs) {
  if (!context.user) {
    const url = new URL(request.url)
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname)}`)
  }
  if (!UUID.test(params.id ?? '')) return notFound()
  const found = await attempt(() =>
    context.caller(params.tenant).complaint.getAttachment({ id: params.id ?? '' }),
  )
  if (!found.ok)
    return new Response(found.status === 404 ? 'Not found' : 'Refused', {
      status: found.status,
      headers: { 'Content-Type': 'text/plain' },
    })
  const { storageKey, mimeType } = found.value
  let bytes: Buffer
  try {
    bytes = await context.readStoredFile(storageKey)
  } catch (error) {
    if ((error as { code?: unknown }).code === 'NOT_FOUND') return notFound()
    throw error
  }
  const inline = INLINE.includes(mimeType)
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': inline ? mimeType : 'application/octet-stream',
      'Content-Length': String(bytes.length),
      'Content-Disposition': inline ? 'inline' : `attachment; filename="${params.id}"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=3600',
    },
  })
}
