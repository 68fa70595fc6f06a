import { data } from '@remix-run/node'
import { ErrorPage } from '#app/components/error-page.tsx'

export async function loader() {
  throw data({ messageKey: 'errors.notFound', params: {} }, { status: 404 })
}

export default function NotFound() {
  return <ErrorPage status={404} />
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />
}
