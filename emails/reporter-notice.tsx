import { Section, Text } from '@react-email/components'
import { EmailFootnote, EmailLayout } from './layout.tsx'

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
    <EmailLayout
      language={language}
      preview={texts.preview}
      serviceName={serviceName}
      agencyName={agencyName}
      heading={texts.heading}
      footer={<EmailFootnote>{texts.footer}</EmailFootnote>}
    >
      <Section style={{ backgroundColor: '#e6f1f7', borderLeft: '6px solid #0b4f6c', padding: '12px' }}>
        <Text style={{ margin: 0 }}>{message}</Text>
      </Section>
      <Text>
        {texts.ticket}: <strong>{ticketNumber}</strong>
      </Text>
    </EmailLayout>
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
