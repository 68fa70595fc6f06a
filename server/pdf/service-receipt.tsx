import { Document, Page, StyleSheet, Text, View } from '@react-pdf/renderer'
import type { Letterhead } from '#db/schema/tenants.ts'

export type ServiceReceiptProps = {
  letterhead: Letterhead
  serviceName: string
  ticketNumber: string
  /** Printed once; only its hash is kept (a new print issues a new code). */
  trackingCode: string
  receivedAt: string
  /** The whole footer line, e.g. "Dicetak 23 Nov 09.22 WITA". */
  printedAt: string
  channel: string
  category: string
  location: string
  description: string
  reporter: { name: string; phone: string; email: string }
  officerName: string
  steps: { no: number; name: string; limit: string; state: string }[]
  /** How the reporter follows the complaint: the WhatsApp number and the message to send, if any. */
  follow: string
  texts: {
    title: string
    subtitle: string
    ticket: string
    trackingCode: string
    receivedAt: string
    channel: string
    category: string
    location: string
    reporterHeading: string
    name: string
    phone: string
    email: string
    complaintHeading: string
    stepsHeading: string
    stepNo: string
    stepName: string
    stepLimit: string
    stepState: string
    followHeading: string
    reporterSigns: string
    officerSigns: string
    free: string
  }
}

const INK = '#111111'
const RULE = '#444444'

const styles = StyleSheet.create({
  page: {
    paddingTop: 36,
    paddingBottom: 48,
    paddingHorizontal: 48,
    fontSize: 10,
    color: INK,
    fontFamily: 'Helvetica',
  },
  kop: { alignItems: 'center', borderBottomWidth: 2.5, borderBottomColor: INK, paddingBottom: 6 },
  kopParent: { fontSize: 12, fontFamily: 'Helvetica-Bold' },
  kopAgency: { fontSize: 14, fontFamily: 'Helvetica-Bold', marginTop: 2 },
  kopAddress: { fontSize: 9, marginTop: 3 },
  kopRule: { borderBottomWidth: 0.75, borderBottomColor: INK, marginTop: 2 },
  title: {
    fontSize: 13,
    fontFamily: 'Helvetica-Bold',
    textAlign: 'center',
    marginTop: 16,
    textDecoration: 'underline',
  },
  subtitle: { textAlign: 'center', marginTop: 3, marginBottom: 12 },
  ticketBox: {
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderWidth: 1,
    borderColor: INK,
    padding: 8,
    marginBottom: 10,
  },
  ticketLabel: { fontSize: 8, textTransform: 'uppercase', color: RULE },
  ticketValue: { fontSize: 14, fontFamily: 'Helvetica-Bold', marginTop: 2 },
  section: { marginTop: 10 },
  heading: { fontSize: 10.5, fontFamily: 'Helvetica-Bold', marginBottom: 4 },
  row: { flexDirection: 'row', marginBottom: 2 },
  label: { width: 130 },
  colon: { width: 10 },
  value: { flex: 1 },
  description: { borderWidth: 0.75, borderColor: RULE, padding: 6, lineHeight: 1.4 },
  table: { borderTopWidth: 0.75, borderLeftWidth: 0.75, borderColor: RULE },
  tr: { flexDirection: 'row' },
  th: { fontFamily: 'Helvetica-Bold', backgroundColor: '#eeeeee' },
  cell: { borderRightWidth: 0.75, borderBottomWidth: 0.75, borderColor: RULE, padding: 3 },
  cNo: { width: 26, textAlign: 'center' },
  cName: { flex: 1 },
  cLimit: { width: 80 },
  cState: { width: 110 },
  signatures: { flexDirection: 'row', justifyContent: 'space-between', marginTop: 22 },
  signature: { width: 200, alignItems: 'center' },
  signatureSpace: { height: 48 },
  footer: {
    position: 'absolute',
    bottom: 24,
    left: 48,
    right: 48,
    flexDirection: 'row',
    justifyContent: 'space-between',
    fontSize: 8,
    color: RULE,
  },
})

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <View style={styles.row}>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.colon}>:</Text>
      <Text style={styles.value}>{value}</Text>
    </View>
  )
}

/**
 * "Form Penerimaan Layanan": what the duty officer hands a walk-in reporter (Satpol PP walk-in SOP,
 * output of its last step). Pure: all texts come translated and formatted in the tenant's zone.
 */
export function ServiceReceipt(props: ServiceReceiptProps) {
  const { texts, letterhead } = props
  return (
    <Document title={`${texts.title} ${props.ticketNumber}`} author={letterhead.agencyName} language="id">
      <Page size="A4" style={styles.page}>
        <View style={styles.kop}>
          {letterhead.parentName ? <Text style={styles.kopParent}>{letterhead.parentName}</Text> : null}
          <Text style={styles.kopAgency}>{letterhead.agencyName}</Text>
          {letterhead.address ? <Text style={styles.kopAddress}>{letterhead.address}</Text> : null}
        </View>
        <View style={styles.kopRule} />
        <Text style={styles.title}>{texts.title}</Text>
        <Text style={styles.subtitle}>{texts.subtitle}</Text>

        <View style={styles.ticketBox}>
          <View>
            <Text style={styles.ticketLabel}>{texts.ticket}</Text>
            <Text style={styles.ticketValue}>{props.ticketNumber}</Text>
          </View>
          <View>
            <Text style={styles.ticketLabel}>{texts.trackingCode}</Text>
            <Text style={styles.ticketValue}>{props.trackingCode}</Text>
          </View>
        </View>

        <Fact label={texts.receivedAt} value={props.receivedAt} />
        <Fact label={texts.channel} value={props.channel} />
        <Fact label={texts.category} value={props.category} />
        <Fact label={texts.location} value={props.location} />

        <View style={styles.section}>
          <Text style={styles.heading}>{texts.reporterHeading}</Text>
          <Fact label={texts.name} value={props.reporter.name} />
          <Fact label={texts.phone} value={props.reporter.phone} />
          <Fact label={texts.email} value={props.reporter.email} />
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{texts.complaintHeading}</Text>
          <Text style={styles.description}>{props.description}</Text>
        </View>

        <View style={styles.section} wrap={false}>
          <Text style={styles.heading}>{texts.stepsHeading}</Text>
          <View style={styles.table}>
            <View style={[styles.tr, styles.th]}>
              <Text style={[styles.cell, styles.cNo]}>{texts.stepNo}</Text>
              <Text style={[styles.cell, styles.cName]}>{texts.stepName}</Text>
              <Text style={[styles.cell, styles.cLimit]}>{texts.stepLimit}</Text>
              <Text style={[styles.cell, styles.cState]}>{texts.stepState}</Text>
            </View>
            {props.steps.map((step) => (
              <View style={styles.tr} key={step.no}>
                <Text style={[styles.cell, styles.cNo]}>{step.no}</Text>
                <Text style={[styles.cell, styles.cName]}>{step.name}</Text>
                <Text style={[styles.cell, styles.cLimit]}>{step.limit}</Text>
                <Text style={[styles.cell, styles.cState]}>{step.state}</Text>
              </View>
            ))}
          </View>
        </View>

        <View style={styles.section}>
          <Text style={styles.heading}>{texts.followHeading}</Text>
          <Text>{props.follow}</Text>
        </View>

        <View style={styles.signatures} wrap={false}>
          <View style={styles.signature}>
            <Text>{texts.reporterSigns}</Text>
            <View style={styles.signatureSpace} />
            <Text>( {props.reporter.name} )</Text>
          </View>
          <View style={styles.signature}>
            <Text>{texts.officerSigns}</Text>
            <View style={styles.signatureSpace} />
            <Text>( {props.officerName} )</Text>
          </View>
        </View>

        <View style={styles.footer} fixed>
          <Text>
            {props.serviceName} · {texts.free}
          </Text>
          <Text>{props.printedAt}</Text>
        </View>
      </Page>
    </Document>
  )
}

/** Sample data for looking at the form without a database (`npm run cli -- pdf:preview`). */
export const previewProps: ServiceReceiptProps = {
  letterhead: {
    parentName: 'PEMERINTAH KABUPATEN BALANGAN',
    agencyName: 'SATUAN POLISI PAMONG PRAJA',
    address: 'Jl. A. Yani Km. 4,5 Paringin Selatan, Kabupaten Balangan, Kalimantan Selatan',
  },
  serviceName: 'LA-LISA',
  ticketNumber: 'LALISA-2026-000123',
  trackingCode: 'K3FQ9-XZAMP',
  receivedAt: 'Senin, 23 November 2026 09.15 WITA',
  printedAt: 'Dicetak 23 Nov 09.22 WITA',
  channel: 'Datang langsung',
  category: 'Ketertiban umum',
  location: 'Pasar Paringin, Kecamatan Paringin',
  description: 'Pedagang berjualan di bahu jalan depan pasar sejak pagi sehingga jalan macet.',
  reporter: { name: 'Siti Aminah', phone: '0812-5555-0101', email: '-' },
  officerName: 'Budi Petugas Piket',
  steps: [
    { no: 1, name: 'Pelapor melapor kedatangan ke petugas piket', limit: '5 menit', state: 'Selesai 09.17' },
    {
      no: 2,
      name: 'Petugas piket menghubungi staf administrasi pengaduan',
      limit: '5 menit',
      state: 'Sedang berjalan',
    },
  ],
  follow: 'Kirim pesan WhatsApp "status LALISA-2026-000123" ke +62 811-5100-0001.',
  texts: {
    title: 'FORM PENERIMAAN LAYANAN',
    subtitle: 'Pengaduan masyarakat secara langsung',
    ticket: 'Nomor tiket',
    trackingCode: 'Kode lacak',
    receivedAt: 'Diterima',
    channel: 'Saluran',
    category: 'Kategori',
    location: 'Lokasi',
    reporterHeading: 'Data pelapor',
    name: 'Nama',
    phone: 'Telepon',
    email: 'Email',
    complaintHeading: 'Isi pengaduan',
    stepsHeading: 'Langkah layanan',
    stepNo: 'No',
    stepName: 'Kegiatan',
    stepLimit: 'Waktu',
    stepState: 'Keadaan',
    followHeading: 'Cara memantau',
    reporterSigns: 'Pelapor',
    officerSigns: 'Petugas',
    free: 'Layanan ini gratis, tidak dipungut biaya',
  },
}
