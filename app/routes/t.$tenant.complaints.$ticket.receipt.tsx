import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { attempt } from '#app/utils/trpc.server.ts'

/** GET has nothing to show: the form is printed by a POST, because printing issues a new code. */
export function loader({ params }: ActionFunctionArgs) {
  return redirect(`/t/${params.tenant}/complaints/${params.ticket}`)
}

/**
 * The walk-in's "Form Penerimaan Layanan" as a PDF, opened inline so the browser prints it. A
 * refusal (not a walk-in, no permission, another tenant's ticket) goes back to the complaint page
 * with its translated reason.
 */
export async function action({ params, context }: ActionFunctionArgs) {
  const issued = await attempt(() =>
    context.caller(params.tenant).complaint.issueReceipt({ ticket: params.ticket ?? '' }),
  )
  if (!issued.ok) {
    if (issued.status === 404) throw new Response('Not found', { status: 404 })
    const back = new URLSearchParams({ receiptError: issued.error.messageKey })
    return redirect(`/t/${params.tenant}/complaints/${params.ticket}?${back.toString()}`)
  }
  const pdf = await context.renderPdf('service-receipt', issued.value.document)
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.length),
      'Content-Disposition': `inline; filename="${issued.value.fileName}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
