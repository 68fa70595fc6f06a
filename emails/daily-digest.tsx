import { Column, Heading, Link, Row, Section, Text } from '@react-email/components'
import { EmailButton, EmailFootnote, EmailLayout } from './layout.tsx'

export type DailyDigestEmailProps = {
  language: 'id' | 'en'
  agencyName: string
  serviceName: string
  figures: { newComplaints: number; open: number; overdue: number; breached: number }
  /** The most overdue complaints, worst first, with how late each is already written out. */
  worst: { ticketNumber: string; stepName: string; late: string; url: string }[]
  dashboardUrl: string
  texts: {
    preview: string
    heading: string
    intro: string
    newComplaints: string
    open: string
    overdue: string
    breached: string
    worstHeading: string
    /** "3 more complaints are overdue too", or null when the list shows them all. */
    more: string | null
    noneOverdue: string
    action: string
    why: string
    footer: string
  }
}

const figureStyle = {
  border: '1px solid #c9d3dc',
  padding: '10px 12px',
  verticalAlign: 'top' as const,
  width: '50%',
}
const numberStyle = { fontSize: '26px', fontWeight: 800, margin: 0, lineHeight: '1.1' }
const labelStyle = { margin: '4px 0 0', color: '#4a5a68', fontSize: '14px' }

/** Each working morning to the people who oversee the service. Texts and figures come ready. */
export function DailyDigestEmail({
  language,
  agencyName,
  serviceName,
  figures,
  worst,
  dashboardUrl,
  texts,
}: DailyDigestEmailProps) {
  const late = figures.overdue > 0
  return (
    <EmailLayout
      language={language}
      preview={texts.preview}
      serviceName={serviceName}
      agencyName={agencyName}
      heading={texts.heading}
      footer={
        <>
          <EmailFootnote>{texts.why}</EmailFootnote>
          <EmailFootnote>{texts.footer}</EmailFootnote>
        </>
      }
    >
      <Text>{texts.intro}</Text>
      <Section>
        <Row>
          <Column style={figureStyle}>
            <Text style={numberStyle}>{figures.newComplaints}</Text>
            <Text style={labelStyle}>{texts.newComplaints}</Text>
          </Column>
          <Column style={figureStyle}>
            <Text style={numberStyle}>{figures.open}</Text>
            <Text style={labelStyle}>{texts.open}</Text>
          </Column>
        </Row>
        <Row>
          <Column
            style={{
              ...figureStyle,
              ...(late ? { backgroundColor: '#fdecea', borderColor: '#b3261e' } : {}),
            }}
          >
            <Text style={{ ...numberStyle, color: late ? '#b3261e' : '#14202b' }}>{figures.overdue}</Text>
            <Text style={labelStyle}>{texts.overdue}</Text>
          </Column>
          <Column style={figureStyle}>
            <Text style={numberStyle}>{figures.breached}</Text>
            <Text style={labelStyle}>{texts.breached}</Text>
          </Column>
        </Row>
      </Section>
      {worst.length > 0 ? (
        <Section style={{ marginTop: '16px' }}>
          <Heading as="h2" style={{ fontSize: '18px', margin: '0 0 8px' }}>
            {texts.worstHeading}
          </Heading>
          {worst.map((item) => (
            <Text
              key={item.ticketNumber}
              style={{ borderLeft: '6px solid #b3261e', padding: '4px 10px', margin: '0 0 8px' }}
            >
              <Link href={item.url} style={{ color: '#0b4f6c', fontWeight: 700 }}>
                {item.ticketNumber}
              </Link>{' '}
              · <strong style={{ color: '#b3261e' }}>{item.late}</strong>
              <br />
              {item.stepName}
            </Text>
          ))}
          {texts.more ? <Text>{texts.more}</Text> : null}
        </Section>
      ) : (
        <Text>{texts.noneOverdue}</Text>
      )}
      <EmailButton href={dashboardUrl}>{texts.action}</EmailButton>
    </EmailLayout>
  )
}

export const previewProps: DailyDigestEmailProps = {
  language: 'id',
  agencyName: 'Satpol PP Kabupaten Balangan',
  serviceName: 'LA-LISA',
  figures: { newComplaints: 7, open: 12, overdue: 3, breached: 2 },
  worst: [
    {
      ticketNumber: 'LALISA-2026-000118',
      stepName: 'Menindaklanjuti aduan dengan mengirim TRC Satpol PP',
      late: 'terlambat 2 hari',
      url: 'http://localhost:3000/t/balangan/complaints/LALISA-2026-000118',
    },
    {
      ticketNumber: 'LALISA-2026-000121',
      stepName: 'Memproses aduan dengan verifikasi',
      late: 'terlambat 5 jam',
      url: 'http://localhost:3000/t/balangan/complaints/LALISA-2026-000121',
    },
    {
      ticketNumber: 'LALISA-2026-000124',
      stepName: 'Memeriksa kesesuaian aduan',
      late: 'terlambat 20 menit',
      url: 'http://localhost:3000/t/balangan/complaints/LALISA-2026-000124',
    },
  ],
  dashboardUrl: 'http://localhost:3000/t/balangan',
  texts: {
    preview: 'Aduan baru 7, masih terbuka 12, lewat batas waktu 3',
    heading: 'Ringkasan harian aduan',
    intro: 'Keadaan aduan LA-LISA pagi ini, Senin, 15 Juni 2026.',
    newComplaints: 'Aduan baru sejak Jumat, 12 Juni 2026',
    open: 'Masih terbuka sekarang',
    overdue: 'Lewat batas waktu sekarang',
    breached: 'Langkah yang lewat batas waktu sejak Jumat, 12 Juni 2026',
    worstHeading: 'Paling lama terlambat',
    more: null,
    noneOverdue: 'Tidak ada aduan yang lewat batas waktu.',
    action: 'Buka beranda',
    why: 'Anda menerima email ini karena peran Anda memuat hak "Menerima ringkasan harian".',
    footer: 'Email ini dikirim otomatis oleh Tanggap. Jangan membalas email ini.',
  },
}

export default function Preview_() {
  return <DailyDigestEmail {...previewProps} />
}
