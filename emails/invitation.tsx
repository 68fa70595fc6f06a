import { Text } from '@react-email/components'
import { EmailButton, EmailFootnote, EmailLayout } from './layout.tsx'

export type InvitationEmailProps = {
  language: 'id' | 'en'
  agencyName: string
  serviceName: string
  acceptUrl: string
  texts: {
    preview: string
    heading: string
    body: string
    action: string
    expiry: string
    ignore: string
    footer: string
  }
}

/**
 * To a person an agency admin invites: they join only by following the link and accepting.
 * Says nothing about whether they already have an account. Texts come translated.
 */
export function InvitationEmail({
  language,
  agencyName,
  serviceName,
  acceptUrl,
  texts,
}: InvitationEmailProps) {
  return (
    <EmailLayout
      language={language}
      preview={texts.preview}
      serviceName={serviceName}
      agencyName={agencyName}
      heading={texts.heading}
      footer={<EmailFootnote>{texts.footer}</EmailFootnote>}
    >
      <Text>{texts.body}</Text>
      <EmailButton href={acceptUrl}>{texts.action}</EmailButton>
      <Text style={{ wordBreak: 'break-all', fontSize: '13px' }}>{acceptUrl}</Text>
      <Text>{texts.expiry}</Text>
      <Text style={{ color: '#4a5a68' }}>{texts.ignore}</Text>
    </EmailLayout>
  )
}

export const previewProps: InvitationEmailProps = {
  language: 'id',
  agencyName: 'Satpol PP Kabupaten Balangan',
  serviceName: 'LA-LISA',
  acceptUrl: 'http://localhost:3000/invitation/contoh-token',
  texts: {
    preview: 'Undangan bergabung dengan LA-LISA',
    heading: 'Anda diundang bergabung dengan Satpol PP Kabupaten Balangan',
    body: 'Admin LA-LISA mengundang Anda ke Tanggap sebagai Petugas Piket.',
    action: 'Terima undangan',
    expiry: 'Tautan ini berlaku sampai Rabu, 9 Desember 2026.',
    ignore:
      'Jika Anda tidak mengenal undangan ini, abaikan email ini. Tidak ada yang berubah tanpa persetujuan Anda.',
    footer: 'Email ini dikirim otomatis oleh Tanggap.',
  },
}
