import { Body, Button, Container, Head, Heading, Html, Preview, Text } from '@react-email/components'

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
 * To a person an agency admin invites (issue 9): they join only by following the link and accepting.
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
          <Text>{texts.body}</Text>
          <Button
            href={acceptUrl}
            style={{ backgroundColor: '#0b4f6c', color: '#ffffff', padding: '12px 20px', marginTop: '8px' }}
          >
            {texts.action}
          </Button>
          <Text style={{ wordBreak: 'break-all', fontSize: '13px' }}>{acceptUrl}</Text>
          <Text>{texts.expiry}</Text>
          <Text style={{ color: '#4a5a68' }}>{texts.ignore}</Text>
          <Text style={{ color: '#4a5a68', fontSize: '12px' }}>{texts.footer}</Text>
        </Container>
      </Body>
    </Html>
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
