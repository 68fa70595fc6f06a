import { Body, Button, Container, Head, Heading, Html, Preview, Text } from '@react-email/components'
import type { ReactNode } from 'react'

/**
 * The one frame of every e-mail: the service and agency above, the heading, the content, and the
 * footer in small grey type (docs/style.md rule 12).
 */
export function EmailLayout({
  language,
  preview,
  serviceName,
  agencyName,
  heading,
  footer,
  children,
}: {
  language: string
  preview: string
  serviceName: string
  agencyName: string
  heading: string
  footer: ReactNode
  children: ReactNode
}) {
  return (
    <Html lang={language}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f2f5f8', fontFamily: 'Arial, sans-serif', color: '#14202b' }}>
        <Container
          style={{
            backgroundColor: '#ffffff',
            padding: '24px',
            maxWidth: '560px',
            border: '1px solid #c9d3dc',
          }}
        >
          <Text style={{ color: '#0b4f6c', fontWeight: 700, margin: 0 }}>
            {serviceName} · {agencyName}
          </Text>
          <Heading as="h1" style={{ fontSize: '22px' }}>
            {heading}
          </Heading>
          {children}
          {footer}
        </Container>
      </Body>
    </Html>
  )
}

/** Small grey text at the foot of an e-mail. */
export function EmailFootnote({ children }: { children: ReactNode }) {
  return <Text style={{ color: '#4a5a68', fontSize: '12px' }}>{children}</Text>
}

/** The one call to action of an e-mail. */
export function EmailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button
      href={href}
      style={{ backgroundColor: '#0b4f6c', color: '#ffffff', padding: '12px 20px', marginTop: '12px' }}
    >
      {children}
    </Button>
  )
}
