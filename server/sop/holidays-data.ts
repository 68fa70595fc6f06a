/**
 * Indonesian holiday data that date-holidays does not get right: corrections to its national
 * holidays and the collective leave days (cuti bersama) it does not know at all.
 *
 * The legal source each year is the joint decree of the Ministers of Religious Affairs, Manpower
 * and Administrative Reform (SKB 3 Menteri). The official PDFs live on kemenkopmk.go.id and
 * menpan.go.id; the addresses below are the public copies that were checked, each list against at
 * least two of them. A year is only "confirmed" once its decree and its amendments are entered here.
 *
 * 2025: SKB No. 1017/2024, 2/2024, 2/2024 (14 October 2024), amended by SKB No. 933/2025, 1/2025,
 *   3/2025 (7 August 2025), which added 18 August 2025 as collective leave.
 *   https://radarbandung.id/2024/10/15/berikut-data-fakta-libur-dan-cuti-2025 (source: Kemenko PMK)
 *   https://rasikapekalongan.com/cek-libur-nasional-dan-cuti-bersama-tahun-2025 (source: Setkab)
 *   https://news.okezone.com/read/2025/08/07/337/3161227/kabar-baik-skb-3-menteri-libur-18-agustus-2025-akhirnya-terbit-cek-selengkapnya
 *   https://fajar.co.id/2025/08/08/presiden-prabowo-resmi-tetapkan-18-agustus-sebagai-cuti-bersama-nasional/
 * 2026: SKB No. 1497/2025, 2/2025, 5/2025 (19 September 2025): 17 national holidays, 8 collective
 *   leave days. Idul Fitri on 21 March 2026 was confirmed by the sidang isbat of 19 March 2026.
 *   https://economy.okezone.com/read/2026/01/06/622/3193638/daftar-17-hari-libur-nasional-dan-8-cuti-bersama-2026
 *   https://www.brilio.net/serius/rincian-lengkap-libur-cuti-bersama-2026-17-hari-libur-nasional-dan-8-cuti-bersama-2026-250920i.html
 *   https://lintaspriangan.com/berita-nasional/skb-libur-nasional-cuti-bersama-2026-disahkan
 *   https://redaksi17.com/pemerintah-tetapkan-hari-raya-idul-fitri-2026
 * 2027: no decree found (searched November 2026). National holidays are date-holidays' computed
 *   dates with names corrected and Easter added; no collective leave days. Enter the 2027 decree
 *   here, and add 2027 to CONFIRMED_YEARS, when it is published.
 */

export type HolidayCorrection =
  // date-holidays has the right date under the wrong name; `libraryName` picks the entry, since
  // a date can hold two holidays (25 December 2027: Christmas and Isra Mi'raj)
  | { action: 'rename'; date: string; libraryName: string; nameId: string; nameEn: string }
  // a national holiday of the decree that date-holidays lacks, or puts on another day
  | { action: 'add'; date: string; nameId: string; nameEn: string }
  // a date date-holidays lists that the decree does not make a national holiday
  | { action: 'drop'; date: string; reason: string }

export type CollectiveLeaveDay = { date: string; nameId: string; nameEn: string }

/** Years whose national holidays and collective leave were checked against the decree. */
export const CONFIRMED_YEARS: readonly number[] = [2025, 2026]

// date-holidays names 27 Rajab (Isra Mi'raj) after the Prophet's birthday in Indonesian.
const israMiraj = {
  libraryName: 'Maulid Nabi Muhammad',
  nameId: 'Isra Mikraj Nabi Muhammad SAW',
  nameEn: "Isra Mi'raj of the Prophet Muhammad",
} as const

// Same names as date-holidays gives the first day, so both days of a feast read alike.
const idulFitri = { nameId: 'Hari Raya Idul Fitri', nameEn: 'End of Ramadan (Eid al-Fitr)' } as const
const islamicNewYear = { nameId: 'Tahun Baru Islam', nameEn: 'Islamic New Year' } as const

// date-holidays has no Easter for Indonesia, yet every decree since 2024 makes it a national holiday.
const easter = { nameId: 'Kebangkitan Yesus Kristus (Paskah)', nameEn: 'Easter Sunday' } as const

export const NATIONAL_HOLIDAY_CORRECTIONS: readonly HolidayCorrection[] = [
  // 2025: date-holidays computes some Islamic dates a day early.
  { action: 'rename', date: '2025-01-27', ...israMiraj },
  { action: 'drop', date: '2025-03-30', reason: 'Idul Fitri 1446 H fell on 31 March and 1 April 2025' },
  { action: 'add', date: '2025-04-01', ...idulFitri },
  { action: 'add', date: '2025-04-20', ...easter },
  { action: 'drop', date: '2025-06-26', reason: '1 Muharam 1447 H is 27 June 2025 in the decree' },
  { action: 'add', date: '2025-06-27', ...islamicNewYear },

  // 2026
  { action: 'rename', date: '2026-01-16', ...israMiraj },
  // The decree makes 20 March a collective leave day (below), not Idul Fitri itself.
  { action: 'drop', date: '2026-03-20', reason: 'Idul Fitri 1447 H fell on 21 and 22 March 2026' },
  { action: 'add', date: '2026-03-22', ...idulFitri },
  { action: 'add', date: '2026-04-05', ...easter },

  // 2027: no decree yet. Names only, plus Easter, whose date the church calendar fixes; the
  // Islamic dates stay date-holidays' computation until the decree and the sidang isbat set them.
  { action: 'rename', date: '2027-01-05', ...israMiraj },
  { action: 'add', date: '2027-03-28', ...easter },
  { action: 'rename', date: '2027-12-25', ...israMiraj },
]

const leave = (date: string, occasionId: string, occasionEn: string): CollectiveLeaveDay => ({
  date,
  nameId: `Cuti Bersama ${occasionId}`,
  nameEn: `Collective leave, ${occasionEn}`,
})

export const COLLECTIVE_LEAVE_DAYS: readonly CollectiveLeaveDay[] = [
  // 2025
  leave('2025-01-28', 'Tahun Baru Imlek', 'Chinese New Year'),
  leave('2025-03-28', 'Hari Suci Nyepi', 'Nyepi'),
  leave('2025-04-02', 'Idul Fitri', 'Eid al-Fitr'),
  leave('2025-04-03', 'Idul Fitri', 'Eid al-Fitr'),
  leave('2025-04-04', 'Idul Fitri', 'Eid al-Fitr'),
  leave('2025-04-07', 'Idul Fitri', 'Eid al-Fitr'),
  leave('2025-05-13', 'Hari Raya Waisak', 'Vesak'),
  leave('2025-05-30', 'Kenaikan Yesus Kristus', 'Ascension Day'),
  leave('2025-06-09', 'Idul Adha', 'Eid al-Adha'),
  leave('2025-08-18', 'Proklamasi Kemerdekaan', 'Independence Day'),
  leave('2025-12-26', 'Kelahiran Yesus Kristus', 'Christmas'),

  // 2026
  leave('2026-02-16', 'Tahun Baru Imlek', 'Chinese New Year'),
  leave('2026-03-18', 'Hari Suci Nyepi', 'Nyepi'),
  leave('2026-03-20', 'Idul Fitri', 'Eid al-Fitr'),
  leave('2026-03-23', 'Idul Fitri', 'Eid al-Fitr'),
  leave('2026-03-24', 'Idul Fitri', 'Eid al-Fitr'),
  leave('2026-05-15', 'Kenaikan Yesus Kristus', 'Ascension Day'),
  leave('2026-05-28', 'Idul Adha', 'Eid al-Adha'),
  leave('2026-12-24', 'Kelahiran Yesus Kristus', 'Christmas'),
]
