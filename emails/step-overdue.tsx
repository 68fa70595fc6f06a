import { Body, Button, Container, Head, Heading, Html, Preview, Section, Text } from '@react-email/components'

export type StepOverdueEmailProps = {
  agencyName: string
  serviceName: string
  ticketNumber: string
  stepName: string
  dueAt: string
  complaintUrl: string
  texts: { preview: string; heading: string; body: string; due: string; action: string; footer: string }
}

/** To the escalation role when an SOP step runs past its limit. Texts come translated. */
export function StepOverdueEmail({
  agencyName,
  serviceName,
  ticketNumber,
  stepName,
  dueAt,
  complaintUrl,
  texts,
}: StepOverdueEmailProps) {
  return (
    <Html lang="id">
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
          <Text>{texts.body}</Text>
          <Section style={{ backgroundColor: '#fdecea', borderLeft: '6px solid #b3261e', padding: '12px' }}>
            <Text style={{ margin: 0 }}>
              <strong>{ticketNumber}</strong> · {stepName}
            </Text>
            <Text style={{ margin: 0 }}>
              {texts.due}: {dueAt}
            </Text>
          </Section>
          <Button
            href={complaintUrl}
            style={{ backgroundColor: '#0b4f6c', color: '#ffffff', padding: '12px 20px', marginTop: '16px' }}
          >
            {texts.action}
          </Button>
          <Text style={{ color: '#4a5a68', fontSize: '12px' }}>{texts.footer}</Text>
        </Container>
      </Body>
    </Html>
  )
}

export const previewProps: StepOverdueEmailProps = {
  agencyName: 'Satpol PP Kabupaten Balangan',
  serviceName: 'LA-LISA',
  ticketNumber: 'LALISA-2026-000123',
  stepName: 'Menindaklanjuti aduan dengan mengirim TRC Satpol PP',
  dueAt: 'Kamis, 2 April 2026 19.00 WITA',
  complaintUrl: 'http://localhost:3000/t/balangan/complaints/LALISA-2026-000123',
  texts: {
    preview: 'Langkah SOP lewat batas waktu',
    heading: 'Langkah SOP lewat batas waktu',
    body: 'Langkah berikut sudah melewati batas waktu SOP dan perlu segera ditindaklanjuti.',
    due: 'Batas waktu',
    action: 'Buka aduan',
    footer: 'Email ini dikirim otomatis oleh Tanggap.',
  },
}

export default function Preview_() {
  return <StepOverdueEmail {...previewProps} />
}
