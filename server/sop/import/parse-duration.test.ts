import { describe, expect, it } from 'vitest'
import { looksLikeDuration, parseDuration, readDuration } from '#server/sop/import/parse-duration.ts'
import type { SopDraftLimit } from '#server/sop/import/parse-duration.ts'

const minutes = (target: number, max = target): SopDraftLimit => ({ target, max, unit: 'minutes' })
const hours = (target: number, max = target): SopDraftLimit => ({ target, max, unit: 'hours' })
const days = (target: number, max = target): SopDraftLimit => ({ target, max, unit: 'days' })
const workingDays = (target: number, max = target): SopDraftLimit => ({ target, max, unit: 'working_days' })

describe('parseDuration', () => {
  // The seeds' own spellings first, then what other agencies' SOPs write in the WAKTU column.
  const cases: ReadonlyArray<readonly [string, SopDraftLimit | null]> = [
    ['5 menit', minutes(5)],
    ['3-5 Jam', hours(3, 5)],
    ['10 Hari Kerja', workingDays(10)],
    ['5 Hari', days(5)],
    ['3 hari', days(3)],
    ['120 Menit', minutes(120)],
    ['1 Jam', hours(1)],
    ['15 mnt', minutes(15)],
    ['2 x 24 jam', hours(48)],
    ['1x24 Jam', hours(24)],
    ['1x24 jam hari kerja', workingDays(1)],
    ['30 menit s/d 1 jam', minutes(30, 60)],
    ['1 - 2 hari kerja', workingDays(1, 2)],
    ['3 – 5 menit', minutes(3, 5)],
    ['3 sampai 5 hari', days(3, 5)],
    ['3 (tiga) hari kerja', workingDays(3)],
    ['tiga hari kerja', workingDays(3)],
    ['lima belas menit', minutes(15)],
    ['14 HK', workingDays(14)],
    ['1 minggu', days(7)],
    ['2 pekan', days(14)],
    ['1 bulan', days(30)],
    ['0,5 jam', minutes(30)],
    ['1.5 jam', minutes(90)],
    ['setengah jam', minutes(30)],
    ['1,5 hari', hours(36)],
    ['sehari', days(1)],
    ['maks. 2 x 24 jam', hours(48)],
    ['± 10 Menit', minutes(10)],
    ['45 minutes', minutes(45)],
    ['2 hours', hours(2)],
    ['1 day', days(1)],
    ['3 working days', workingDays(3)],
    ['  20   MENIT ', minutes(20)],
    ['Sesuai kebutuhan', null],
    ['-', null],
    ['', null],
    ['Menyesuaikan', null],
  ]

  it.each(cases)('reads %j', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected)
  })

  it('warns when it counts a month as 30 days, and when it cannot read the cell', () => {
    expect(readDuration('1 bulan')).toEqual({
      limit: days(30),
      warnings: ['"1 bulan": a month is counted as 30 days'],
    })
    expect(readDuration('segera').limit).toBeNull()
    expect(readDuration('segera').warnings).toEqual(['could not read a duration from "segera"'])
    // "Sesuai kebutuhan" has no limit on purpose: nothing to check.
    expect(readDuration('Sesuai kebutuhan').warnings).toEqual([])
  })

  it('takes the unit of a bare number from the header, and warns without one', () => {
    expect(readDuration('10', { defaultUnit: 'minutes' }).limit).toEqual(minutes(10))
    expect(readDuration('10')).toEqual({ limit: null, warnings: ['"10" has a number but no unit'] })
  })

  it('converts a range across units to the smaller unit and puts a reversed range right', () => {
    expect(parseDuration('1 jam - 90 menit')).toEqual(minutes(60, 90))
    expect(readDuration('5-3 jam')).toEqual({
      limit: hours(3, 5),
      warnings: ['"5-3 jam": the lower bound is larger than the upper one; swapped'],
    })
  })

  it('rounds a fraction of a working day up, because working days are counted whole', () => {
    expect(readDuration('2,5 hari kerja')).toEqual({
      limit: workingDays(3),
      warnings: ['"2,5 hari kerja" is not a whole number of working days; rounded up'],
    })
  })
})

describe('looksLikeDuration', () => {
  it('recognises a WAKTU cell, not a kelengkapan or output cell that contains a number', () => {
    expect(looksLikeDuration('10 Menit')).toBe(true)
    expect(looksLikeDuration('maks. 3 hari kerja')).toBe(true)
    expect(looksLikeDuration('1. Verifikasi Laporan 2. Menerima Data Pelapor')).toBe(false)
    expect(looksLikeDuration('F1.21')).toBe(false)
    expect(looksLikeDuration('Laporan aduan yang diterima dalam 1 hari oleh bidang terkait')).toBe(false)
    expect(looksLikeDuration('15', { defaultUnit: 'minutes' })).toBe(true)
    expect(looksLikeDuration('15')).toBe(false)
  })
})
