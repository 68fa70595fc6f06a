import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer'
import { createElement, type ReactElement } from 'react'
import { ServiceReceipt, type ServiceReceiptProps } from './service-receipt.tsx'

/** The documents the platform prints, by name, for routes that hand them out. */
export type PdfDocuments = { 'service-receipt': ServiceReceiptProps }

export async function renderPdf<K extends keyof PdfDocuments>(
  name: K,
  props: PdfDocuments[K],
): Promise<Buffer> {
  switch (name) {
    case 'service-receipt':
      // The component returns a <Document>, which is what the renderer's type asks for.
      return renderToBuffer(createElement(ServiceReceipt, props) as unknown as ReactElement<DocumentProps>)
    default:
      throw new Error(`Unknown document ${String(name)}`)
  }
}
