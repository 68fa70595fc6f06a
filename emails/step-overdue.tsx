import { Section, Text } from '@react-email/components'
import { EmailButton, EmailFootnote, EmailLayout } from './layout.tsx'

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
    <EmailLayout
      language="id"
      preview={texts.preview}
      serviceName={serviceName}
      agencyName={agencyName}
      heading={texts.heading}
      footer={<EmailFootnote>{texts.footer}</EmailFootnote>}
    >
      <Text>{texts.body}</Text>
      <Section style={{ backgroundColor: '#fdecea', borderLeft: '6px solid #b3261e', padding: '12px' }}>
        <Text style={{ margin: 0 }}>
          <strong>{ticketNumber}</strong> · {stepName}
        </Text>
        <Text style={{ margin: 0 }}>
          {texts.due}: {dueAt}
        </Text>
      </Section>
      <EmailButton href={complaintUrl}>{texts.action}</EmailButton>
    </EmailLayout>
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
