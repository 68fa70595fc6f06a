import type { ChannelKind } from '../schema/enums.ts'
import type { SopDefinitionInput } from '#server/sop/definition.ts'

/**
 * The seeded SOPs, transcribed step by step from the agencies' documents (shared/seeds). Where the
 * document leaves something open, the choice is written next to it and in docs/decisions/005.
 */
export type SeedSop = {
  key: string
  nameId: string
  nameEn: string
  reference: string
  channels: ChannelKind[]
  definition: SopDefinitionInput
}

type Step = SopDefinitionInput['steps'][number]
const item = (key: string, labelId: string, labelEn: string, required = true) => ({
  key,
  labelId,
  labelEn,
  required,
})
const next = (
  key: string,
  labelId: string,
  labelEn: string,
  step: string,
  actions: Step['onEntry'] = [],
) => ({
  key,
  labelId,
  labelEn,
  next: { step },
  actions,
})
const end = (
  key: string,
  labelId: string,
  labelEn: string,
  kind: 'resolved' | 'rejected' | 'closed',
  actions: Step['onEntry'] = [],
) => ({ key, labelId, labelEn, next: { end: kind }, actions })
const minutes = (n: number) => ({ target: n, max: n, unit: 'minutes' as const })

/** 001: SOP 320/008/Satpol PP.Blg/I/2020, Layanan Aduan Online WhatsApp (LA-LISA), 8 steps. */
export const LALISA_SOP: SeedSop = {
  key: 'la-lisa',
  nameId: 'Layanan Aduan Online WhatsApp (LA-LISA)',
  nameEn: 'Online WhatsApp complaint service (LA-LISA)',
  reference: 'SOP 320/008/Satpol PP.Blg/I/2020',
  channels: ['whatsapp', 'web', 'phone', 'social', 'email'],
  definition: {
    steps: [
      {
        key: 'terima',
        nameId: 'Menerima WhatsApp aduan dari pelapor',
        nameEn: 'Receive the complaint from the reporter',
        roleKeys: ['operator'],
        limit: minutes(5),
        checklist: [
          item('verifikasi-laporan', 'Verifikasi laporan', 'Report verified'),
          item('data-pelapor', 'Menerima data pelapor', 'Reporter details received'),
        ],
        outputId: 'Pengaduan diterima',
        outputEn: 'Complaint received',
        onEntry: [{ type: 'notify_reporter', templateKey: 'complaint_received' }],
        outcomes: [next('diterima', 'Aduan diterima', 'Complaint received', 'periksa')],
      },
      {
        key: 'periksa',
        nameId: 'Memeriksa kesesuaian aduan',
        nameEn: 'Check that the complaint fits',
        roleKeys: ['operator'],
        limit: minutes(5),
        checklist: [item('diteruskan', 'Laporan aduan diteruskan', 'Complaint report forwarded')],
        outputId: 'Pengaduan ditindaklanjuti',
        outputEn: 'Complaint followed up',
        outcomes: [
          next('sesuai', 'Sesuai: lapor ke Kasi/Kasubag', 'Fits: report to the section head', 'verifikasi'),
          end(
            'tidak-sesuai',
            'Tidak sesuai: kembalikan ke pelapor',
            'Does not fit: return to the reporter',
            'rejected',
            [{ type: 'notify_reporter', templateKey: 'complaint_rejected' }],
          ),
        ],
      },
      {
        key: 'verifikasi',
        nameId: 'Memproses aduan dengan verifikasi',
        nameEn: 'Process and verify the complaint',
        roleKeys: ['supervisor'],
        limit: minutes(15),
        checklist: [item('terverifikasi', 'Laporan aduan telah terverifikasi', 'Complaint report verified')],
        outputId: 'Mengirimkan konsep laporan aduan',
        outputEn: 'Draft complaint report sent',
        outcomes: [
          next(
            'terverifikasi',
            'Terverifikasi: periksa fakta lapangan',
            'Verified: check the facts',
            'cek-lapangan',
          ),
        ],
      },
      {
        // The document names no performer; the one who sends the report to the Kabid and gets it back
        // when the facts do not match is the section head's side, so Kasi/Kasubag performs it.
        key: 'cek-lapangan',
        nameId: 'Memeriksa kejadian dan fakta di lapangan',
        nameEn: 'Check the incident and the facts in the field',
        roleKeys: ['supervisor'],
        limit: minutes(10),
        checklist: [item('ditindaklanjuti', 'Laporan aduan ditindaklanjuti', 'Complaint report followed up')],
        outputId: 'Laporan diterima Kabid',
        outputEn: 'Report received by the head of division',
        outcomes: [
          next('sesuai', 'Sesuai: lanjut ke Kabid', 'Facts match: on to the head of division', 'kirim-trc'),
          next(
            'tidak-sesuai',
            'Tidak sesuai: kembali ke Kasi/Kasubag',
            'Facts do not match: back to the section head',
            'verifikasi',
          ),
        ],
      },
      {
        key: 'kirim-trc',
        nameId: 'Menindaklanjuti aduan dengan mengirim TRC Satpol PP',
        nameEn: 'Follow up by sending the rapid reaction team (TRC)',
        roleKeys: ['head_of_division'],
        limit: { target: 3, max: 5, unit: 'hours' },
        checklist: [
          item('mobil', 'Mobil', 'Car'),
          item('sepeda-motor', 'Sepeda motor', 'Motorcycle'),
          item('pentungan', 'Pentungan', 'Baton'),
          item('tameng', 'Tameng', 'Shield'),
        ],
        outputId: 'Laporan aduan sudah ditindaklanjuti',
        outputEn: 'Complaint followed up',
        outcomes: [
          next('trc-berangkat', 'TRC diberangkatkan', 'TRC sent out', 'trc-selesai', [
            { type: 'dispatch_trc' },
            { type: 'notify_reporter', templateKey: 'complaint_in_field' },
          ]),
        ],
      },
      {
        key: 'trc-selesai',
        nameId: 'TRC menyelesaikan aduan dan melapor ke Kabid',
        nameEn: 'TRC resolves the complaint and reports to the head of division',
        roleKeys: ['trc'],
        limit: { target: 1, max: 1, unit: 'hours' },
        checklist: [item('laporan', 'Laporan aduan', 'Complaint report')],
        outputId: 'Laporan aduan sudah ditindaklanjuti',
        outputEn: 'Complaint followed up',
        outcomes: [
          next(
            'dilaporkan',
            'Selesai dan dilaporkan ke Kabid',
            'Done and reported to the head of division',
            'terima-laporan',
          ),
        ],
      },
      {
        key: 'terima-laporan',
        nameId: 'Kepala Dinas menerima laporan dari Kabid',
        nameEn: 'The head receives the report from the head of division',
        roleKeys: ['head'],
        limit: minutes(10),
        checklist: [item('laporan', 'Laporan aduan', 'Complaint report')],
        outputId: 'Hasil tindak lanjut aduan',
        outputEn: 'Result of the follow-up',
        outcomes: [next('diterima', 'Laporan diterima', 'Report received', 'kabari-pelapor')],
      },
      {
        key: 'kabari-pelapor',
        nameId: 'Kepala Dinas memerintahkan laporan selesai disampaikan ke pelapor',
        nameEn: 'The head has the reporter told that the complaint is resolved',
        roleKeys: ['head'],
        limit: minutes(5),
        checklist: [item('laporan', 'Laporan aduan', 'Complaint report')],
        outputId: 'Laporan diterima pelapor',
        outputEn: 'Report received by the reporter',
        outcomes: [
          end('selesai', 'Selesai: kabari pelapor', 'Resolved: tell the reporter', 'resolved', [
            { type: 'notify_reporter', templateKey: 'complaint_resolved' },
          ]),
        ],
      },
    ],
  },
}

/** 003, second table: Prosedur Pelayanan Pengaduan Secara Langsung (walk-in), 7 steps in minutes. */
export const WALK_IN_SOP: SeedSop = {
  key: 'pengaduan-langsung',
  nameId: 'Pelayanan Pengaduan Secara Langsung',
  nameEn: 'Walk-in complaint service',
  reference: 'Prosedur Pelayanan Pengaduan Secara Langsung, Satpol PP',
  channels: ['walk_in'],
  definition: {
    steps: [
      {
        // The reporter reports their arrival; the duty officer records it.
        key: 'kedatangan',
        nameId: 'Pelapor melapor kedatangan ke petugas piket',
        nameEn: 'The reporter reports in to the duty officer',
        roleKeys: ['duty_officer'],
        limit: minutes(5),
        checklist: [item('identitas', 'Identitas pelapor', "Reporter's identity")],
        outputId: 'Data pelapor',
        outputEn: 'Reporter details',
        outcomes: [next('tercatat', 'Data pelapor tercatat', 'Reporter recorded', 'hubungi-staf')],
      },
      {
        key: 'hubungi-staf',
        nameId: 'Petugas piket menghubungi staf administrasi pengaduan',
        nameEn: 'The duty officer calls the complaints administration staff',
        roleKeys: ['duty_officer'],
        limit: minutes(5),
        checklist: [item('informasi', 'Informasi pengaduan', 'Complaint information')],
        outputId: 'Berkas pengaduan',
        outputEn: 'Complaint file',
        outcomes: [
          next('diserahkan', 'Diserahkan ke staf administrasi', 'Handed to administration staff', 'analisis'),
        ],
      },
      {
        key: 'analisis',
        nameId: 'Staf administrasi menerima, mencatat, mengidentifikasi dan menganalisis masalah',
        nameEn: 'Administration staff receive, record, identify and analyse the problem',
        roleKeys: ['admin_staff'],
        limit: minutes(30),
        checklist: [item('berkas', 'Berkas pengaduan', 'Complaint file')],
        outputId: 'Analisis pengaduan',
        outputEn: 'Complaint analysis',
        outcomes: [
          next(
            'koordinasi',
            'Perlu koordinasi dengan Bidang Ops/Penegakan Perda',
            'Needs the operations division',
            'keamanan',
          ),
          next('lanjut', 'Langsung ke petugas layanan', 'Straight to the service officer', 'serahkan'),
        ],
      },
      {
        key: 'keamanan',
        nameId: 'Bidang Ops/Penegakan Perda melapor tentang keamanan dan ketenangan pelapor',
        nameEn: "The operations division reports on the reporter's safety",
        roleKeys: ['head_of_division'],
        limit: minutes(5),
        checklist: [item('analisis', 'Analisis pengaduan', 'Complaint analysis')],
        outputId: 'Berkas analisis',
        outputEn: 'Analysis file',
        outcomes: [
          next(
            'dilaporkan',
            'Dilaporkan ke staf administrasi',
            'Reported to administration staff',
            'serahkan',
          ),
        ],
      },
      {
        key: 'serahkan',
        nameId: 'Staf administrasi menyampaikan hasil ke petugas layanan',
        nameEn: 'Administration staff pass the result to the service officer',
        roleKeys: ['admin_staff'],
        limit: minutes(15),
        checklist: [item('berkas-analisis', 'Berkas analisis', 'Analysis file')],
        outputId: 'Data pendukung',
        outputEn: 'Supporting data',
        outcomes: [
          next(
            'disampaikan',
            'Disampaikan ke petugas layanan',
            'Passed to the service officer',
            'klarifikasi',
          ),
        ],
      },
      {
        key: 'klarifikasi',
        nameId: 'Petugas layanan melakukan klarifikasi, identifikasi dan analisis',
        nameEn: 'The service officer clarifies, identifies and analyses',
        roleKeys: ['operator'],
        limit: minutes(180),
        checklist: [
          item('peraturan', 'Peraturan perundang-undangan', 'Laws and regulations'),
          item('data-pendukung', 'Data pendukung', 'Supporting data'),
        ],
        outputId: 'Hasil identifikasi, analisis, klarifikasi',
        outputEn: 'Result of identification, analysis and clarification',
        outcomes: [
          next('layanan-siap', 'Layanan siap diberikan', 'Service ready', 'layanan-diterima', [
            { type: 'generate_letter', letterKind: 'service_receipt' },
          ]),
        ],
      },
      {
        // The reporter receives the service; the service officer hands over the receipt form.
        key: 'layanan-diterima',
        nameId: 'Pelapor menerima layanan informasi, konsultasi dan layanan awal',
        nameEn: 'The reporter receives information, consultation and first service',
        roleKeys: ['operator'],
        limit: minutes(5),
        checklist: [item('berkas-pendukung', 'Berkas pendukung', 'Supporting documents')],
        outputId: 'Form Penerimaan Layanan',
        outputEn: 'Service receipt form',
        outcomes: [
          end('diterima', 'Layanan diterima pelapor', 'Service received by the reporter', 'resolved'),
        ],
      },
    ],
  },
}

const workingDays = (n: number) => ({ target: n, max: n, unit: 'working_days' as const })

/** 003, first table: Prosedur Pelayanan Pengaduan Secara Tidak Langsung (letters), in working days. */
export const INDIRECT_SOP: SeedSop = {
  key: 'pengaduan-tidak-langsung',
  nameId: 'Pelayanan Pengaduan Secara Tidak Langsung',
  nameEn: 'Indirect complaint service (letters)',
  reference: 'Prosedur Pelayanan Pengaduan Secara Tidak Langsung, Satpol PP',
  channels: ['letter'],
  definition: {
    steps: [
      {
        key: 'berkas',
        nameId: 'Staf administrasi menyampaikan berkas pengaduan ke petugas layanan',
        nameEn: 'Administration staff pass the complaint file to the service officer',
        roleKeys: ['admin_staff'],
        // Office work on a letter: counted in working hours.
        limit: { target: 120, max: 120, unit: 'minutes', businessHoursOnly: true },
        checklist: [item('berkas', 'Berkas pengaduan', 'Complaint file')],
        outputId: 'Berkas pengaduan',
        outputEn: 'Complaint file',
        outcomes: [next('diserahkan', 'Berkas diserahkan', 'File handed over', 'klarifikasi')],
      },
      {
        key: 'klarifikasi',
        nameId: 'Petugas layanan melakukan klarifikasi (identifikasi dan analisis)',
        nameEn: 'The service officer clarifies (identification and analysis)',
        roleKeys: ['operator'],
        limit: workingDays(10),
        checklist: [
          item('berkas', 'Berkas pengaduan', 'Complaint file'),
          item('peraturan', 'Peraturan perundang-undangan', 'Laws and regulations'),
          item('data-pendukung', 'Data pendukung', 'Supporting data'),
        ],
        outputId: 'Hasil analisis',
        outputEn: 'Analysis result',
        outcomes: [
          next(
            'perlu-lanjut',
            'Perlu layanan lanjut: lapor ke Bidang Ops/Penegakan Perda',
            'Needs further service: to operations',
            'telaah',
          ),
          end(
            'tidak-dapat',
            'Tidak dapat ditindaklanjuti: kabari pelapor',
            'Cannot be followed up: tell the reporter',
            'rejected',
            [{ type: 'notify_reporter', templateKey: 'complaint_rejected' }],
          ),
        ],
      },
      {
        // The document writes "5 Hari", "3 hari", ... for this procedure, which runs in working days.
        key: 'telaah',
        nameId: 'Bidang Ops/Penegakan Perda menelaah hasil klarifikasi',
        nameEn: 'The operations division reviews the clarification',
        roleKeys: ['head_of_division'],
        limit: workingDays(5),
        checklist: [item('hasil-analisis', 'Hasil analisis', 'Analysis result')],
        outputId: 'Pendampingan',
        outputEn: 'Assistance',
        outcomes: [
          next(
            'pendampingan',
            'Rekomendasikan pendampingan ke Sekretaris',
            'Recommend assistance to the secretary',
            'rekomendasi',
          ),
          next(
            'layanan-lain',
            'Disposisi ke petugas layanan untuk layanan lain',
            'Other service by the service officer',
            'surat',
          ),
        ],
      },
      {
        key: 'rekomendasi',
        nameId: 'Sekretaris merekomendasikan pendampingan hukum kepada Kasat Pol PP',
        nameEn: 'The secretary recommends legal assistance to the head',
        roleKeys: ['secretary'],
        limit: workingDays(3),
        checklist: [item('surat-rekomendasi', 'Surat rekomendasi', 'Recommendation letter')],
        outputId: 'Hasil rekomendasi',
        outputEn: 'Recommendation',
        outcomes: [next('direkomendasikan', 'Direkomendasikan', 'Recommended', 'pendampingan')],
      },
      {
        key: 'pendampingan',
        nameId: 'Kasat Pol PP memberikan pendampingan hukum dan psikologis',
        nameEn: 'The head gives legal and psychological assistance',
        roleKeys: ['head'],
        limit: workingDays(5),
        checklist: [item('hasil-rekomendasi', 'Hasil rekomendasi', 'Recommendation')],
        outputId: 'Pendampingan',
        outputEn: 'Assistance',
        outcomes: [next('diberikan', 'Pendampingan diberikan', 'Assistance given', 'surat')],
      },
      {
        key: 'surat',
        nameId: 'Petugas layanan memberikan surat tindak lanjut kepada pelapor atau pihak terkait',
        nameEn: 'The service officer sends a follow-up letter to the reporter or others concerned',
        roleKeys: ['operator'],
        limit: workingDays(6),
        checklist: [item('laporan-layanan', 'Laporan layanan', 'Service report')],
        outputId: 'Surat tindak lanjut',
        outputEn: 'Follow-up letter',
        onEntry: [{ type: 'generate_letter', letterKind: 'follow_up' }],
        outcomes: [next('dikirim', 'Surat dikirim', 'Letter sent', 'diterima')],
      },
      {
        // The reporter receives the service; the service officer confirms it.
        key: 'diterima',
        nameId: 'Pelapor menerima layanan pendampingan atau layanan yang dibutuhkan',
        nameEn: 'The reporter receives the assistance or service needed',
        roleKeys: ['operator'],
        limit: workingDays(1),
        checklist: [item('surat', 'Surat tindak lanjut', 'Follow-up letter')],
        outputId: 'Informasi layanan',
        outputEn: 'Service information',
        outcomes: [
          end('diterima', 'Layanan diterima pelapor', 'Service received by the reporter', 'resolved', [
            { type: 'notify_reporter', templateKey: 'complaint_resolved' },
          ]),
        ],
      },
    ],
  },
}

/**
 * 004: SOP Pengolahan Aspirasi Masyarakat melalui Layanan Non Gawat Darurat (LAKSA), Kota Tangerang:
 * 6 steps of the control room, 5 minutes each. Between the disposition (3) and forwarding the
 * answer (4) the OPD works on its own clock, which the document does not time: that is the
 * "Tindak lanjut OPD" step, without a limit unless the tenant sets one.
 */
export const LAKSA_SOP: SeedSop = {
  key: 'laksa',
  nameId: 'Pengolahan Aspirasi Masyarakat Non Gawat Darurat (LAKSA)',
  nameEn: 'Non-emergency public aspirations (LAKSA)',
  reference: 'SOP Pengolahan Aspirasi Masyarakat melalui Layanan Non Gawatdarurat, LAKSA (Maret 2022)',
  channels: ['whatsapp', 'web', 'walk_in', 'letter', 'phone', 'social', 'email'],
  definition: {
    steps: [
      {
        key: 'masuk',
        nameId: 'Pengaduan masuk dari masyarakat',
        nameEn: 'A complaint comes in from the public',
        roleKeys: ['operator'],
        limit: null,
        outcomes: [
          next('diterima', 'Pengaduan diterima', 'Complaint accepted', 'input', [
            { type: 'notify_reporter', templateKey: 'complaint_received' },
          ]),
          end(
            'bukan-aduan',
            'Bukan pengaduan (salah kirim, iseng)',
            'Not a complaint (mistake, prank)',
            'closed',
          ),
        ],
      },
      {
        key: 'input',
        nameId: 'Memasukkan pengaduan dari masyarakat',
        nameEn: 'Enter the complaint',
        roleKeys: ['operator'],
        limit: minutes(5),
        outcomes: [next('dimasukkan', 'Pengaduan dimasukkan', 'Complaint entered', 'disposisi')],
      },
      {
        key: 'disposisi',
        nameId: 'Mendisposisikan pengaduan masyarakat ke OPD',
        nameEn: 'Dispose the complaint to the OPD',
        roleKeys: ['operator'],
        limit: minutes(5),
        checklist: [item('pengaduan', 'Pengaduan', 'Complaint')],
        outputId: 'Pengaduan masyarakat yang didisposisi',
        outputEn: 'Complaint disposed',
        outcomes: [
          next('didisposisi', 'Didisposisikan ke OPD', 'Disposed to the OPD', 'tindak-lanjut-opd', [
            { type: 'dispose_to_opd' },
            { type: 'notify_reporter', templateKey: 'complaint_forwarded' },
          ]),
        ],
      },
      {
        key: 'tindak-lanjut-opd',
        nameId: 'Tindak lanjut oleh OPD',
        nameEn: 'Follow-up by the OPD',
        roleKeys: ['opd_officer'],
        limit: null,
        escalationRoleKey: 'operator',
        outcomes: [
          next('dijawab', 'Tindak lanjut dikirim', 'Follow-up sent', 'tanggapan'),
          next('bukan-kewenangan', 'Bukan kewenangan OPD ini', 'Not this OPD’s responsibility', 'disposisi'),
        ],
      },
      {
        key: 'tanggapan',
        nameId: 'Mengirimkan tanggapan tindak lanjut OPD kepada masyarakat',
        nameEn: "Send the OPD's follow-up to the reporter",
        roleKeys: ['operator'],
        limit: minutes(5),
        checklist: [item('pengaduan', 'Pengaduan', 'Complaint')],
        outcomes: [
          next('terkirim', 'Tanggapan terkirim', 'Answer sent', 'tutup', [
            { type: 'notify_reporter', templateKey: 'opd_answer' },
          ]),
        ],
      },
      {
        key: 'tutup',
        nameId: 'Menutup pengaduan dengan status selesai',
        nameEn: 'Close the complaint as resolved',
        roleKeys: ['operator'],
        limit: minutes(5),
        checklist: [item('tindak-lanjut', 'Tindak lanjut pengaduan', 'Follow-up of the complaint')],
        outputId: 'Status pengaduan menjadi selesai',
        outputEn: 'Complaint status set to resolved',
        outcomes: [
          next('ditutup', 'Ditutup sebagai selesai', 'Closed as resolved', 'rekap', [
            { type: 'notify_reporter', templateKey: 'complaint_resolved' },
          ]),
        ],
      },
      {
        key: 'rekap',
        nameId: 'Mencatat dan mendata pengaduan',
        nameEn: 'Record the complaint',
        roleKeys: ['operator'],
        limit: minutes(5),
        checklist: [item('selesai', 'Pengaduan yang telah selesai', 'Resolved complaint')],
        outputId: 'Rekapitulasi pengaduan yang telah selesai',
        outputEn: 'Recap of resolved complaints',
        outcomes: [end('tercatat', 'Tercatat dalam rekapitulasi', 'Recorded in the recap', 'resolved')],
      },
    ],
  },
}

export const BALANGAN_SOPS = [LALISA_SOP, WALK_IN_SOP, INDIRECT_SOP]
export const TANGERANG_SOPS = [LAKSA_SOP]

/** Default texts to the reporter; {{ticket}}, {{step}}, {{service}} are filled in. */
export const DEFAULT_MESSAGE_TEMPLATES: { key: string; id: string; en: string }[] = [
  {
    key: 'complaint_received',
    id: 'Terima kasih, aduan Anda sudah kami terima dengan nomor {{ticket}}. Kami akan memberi kabar setiap ada perkembangan.',
    en: 'Thank you, we have received your complaint as number {{ticket}}. We will tell you whenever there is progress.',
  },
  {
    key: 'complaint_forwarded',
    id: 'Aduan {{ticket}} sudah diteruskan ke instansi yang berwenang untuk ditindaklanjuti.',
    en: 'Complaint {{ticket}} has been forwarded to the responsible office for follow-up.',
  },
  {
    key: 'complaint_in_field',
    id: 'Petugas sedang menuju lokasi untuk menindaklanjuti aduan {{ticket}}.',
    en: 'Officers are on their way to follow up complaint {{ticket}}.',
  },
  {
    key: 'opd_answer',
    id: 'Tanggapan atas aduan {{ticket}}: {{answer}}',
    en: 'Answer to complaint {{ticket}}: {{answer}}',
  },
  {
    key: 'complaint_resolved',
    id: 'Aduan {{ticket}} sudah selesai ditindaklanjuti. Terima kasih atas laporan Anda.',
    en: 'Complaint {{ticket}} has been resolved. Thank you for your report.',
  },
  {
    key: 'complaint_rejected',
    id: 'Mohon maaf, aduan {{ticket}} tidak dapat kami tindak lanjuti karena di luar kewenangan kami. Silakan hubungi kami bila ada pertanyaan.',
    en: 'We are sorry, complaint {{ticket}} is outside our responsibility and cannot be followed up. Contact us if you have questions.',
  },
  {
    // A report closed as the same as another: its reporter follows the other one from now on.
    key: 'complaint_merged',
    id: 'Aduan {{ticket}} Anda sama dengan laporan {{original}} yang sedang kami tangani, jadi keduanya kami tangani bersama. Kabar perkembangannya tetap kami kirim ke nomor ini.',
    en: 'Your complaint {{ticket}} is the same as report {{original}}, which we are handling, so we handle them together. We will keep sending news of its progress to this number.',
  },
  {
    // What an operator can send more than 24 hours after the reporter last wrote: an approved
    // template that invites an answer, after which the operator may write freely again.
    key: 'operator_reply',
    id: 'Petugas {{service}} ingin menindaklanjuti aduan {{ticket}} Anda. Silakan balas pesan ini agar kami dapat melanjutkan percakapan.',
    en: 'An officer of {{service}} would like to follow up on your complaint {{ticket}}. Please reply to this message so we can continue the conversation.',
  },
]
