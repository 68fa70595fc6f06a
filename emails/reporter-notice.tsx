import { Body, Container, Head, Heading, Html, Preview, Section, Text } from '@react-email/components'

export type ReporterNoticeEmailProps = {
  agencyName: string
  serviceName: string
  ticketNumber: string
  /** The same words the reporter would get on WhatsApp (the tenant's message of this kind). */
  message: string
  language: 'id' | 'en'
  texts: { preview: string; heading: string; ticket: string; footer: string }
}

/** To a reporter who came by letter, in person, by phone or the web and left an email address. */
export function ReporterNoticeEmail({
  agencyName,
  serviceName,
  ticketNumber,
  message,
  language,
  texts,
}: ReporterNoticeEmailProps) {
  return (
    <Html lang={language}>
      <Head />
      <Preview>{texts.preview}</Preview>
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
            {texts.heading}
          </Heading>
          <Section style={{ backgroundColor: '#e6f1f7', borderLeft: '6px solid #0b4f6c', padding: '12px' }}>
            <Text style={{ margin: 0 }}>{message}</Text>
          </Section>
          <Text>
            {texts.ticket}: <strong>{ticketNumber}</strong>
          </Text>
          <Text style={{ color: '#4a5a68', fontSize: '12px' }}>{texts.footer}</Text>
        </Container>
      </Body>
    </Html>
  )
}

export const previewProps: ReporterNoticeEmailProps = {
  agencyName: 'Satpol PP Kabupaten Balangan',
  serviceName: 'LA-LISA',
  ticketNumber: 'LALISA-2026-000123',
  message: 'Aduan LALISA-2026-000123 sudah selesai ditindaklanjuti. Terima kasih atas laporan Anda.',
  language: 'id',
  texts: {
    preview: 'Kabar aduan LALISA-2026-000123',
    heading: 'Kabar aduan Anda',
    ticket: 'Nomor tiket',
    footer: 'Email ini dikirim otomatis oleh Tanggap. Jangan membalas email ini.',
  },
}

export default function Preview_() {
  return <ReporterNoticeEmail {...previewProps} />
}
