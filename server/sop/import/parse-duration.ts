/**
 * Reads the WAKTU cell of an SOP table ("5 menit", "3-5 Jam", "2 x 24 jam", "10 Hari Kerja",
 * "14 HK", "30 menit s/d 1 jam") into a time limit of the SOP engine. Pure: no I/O.
 */

export type SopDraftLimitUnit = 'minutes' | 'hours' | 'days' | 'working_days'
export type SopDraftLimit = { target: number; max: number; unit: SopDraftLimitUnit }

export type DurationReading = { limit: SopDraftLimit | null; warnings: string[] }

type ReadOptions = {
  /** The unit of a bare number, from a header such as "WAKTU (MENIT)". */
  defaultUnit?: SopDraftLimitUnit
}

/** A quantity as written, before target and max are brought to one unit. */
type Quantity = { value: number; unit: SourceUnit | null }
type SourceUnit = SopDraftLimitUnit | 'weeks' | 'months'

// Longest spellings first, so "hari kerja" wins over "hari" and "minggu" is not read as "min".
const UNIT_WORDS: ReadonlyArray<readonly [RegExp, SourceUnit]> = [
  [/^(?:hari\s+kerja|hk|working\s+days?|business\s+days?|workdays?)/, 'working_days'],
  [/^(?:hari(?:\s+kalender)?|days?)/, 'days'],
  [/^(?:jam|hours?|hrs?)/, 'hours'],
  [/^(?:menit|mnt|minutes?|mins?)/, 'minutes'],
  [/^(?:minggu|pekan|weeks?)/, 'weeks'],
  [/^(?:bulan|months?)/, 'months'],
]

const MINUTES_PER: Record<'minutes' | 'hours' | 'days', number> = { minutes: 1, hours: 60, days: 24 * 60 }

// Cells that mean "no fixed limit" on purpose: no warning for these.
const NO_LIMIT =
  /^(?:-+|–|—|sesuai\s+kebutuhan|menyesuaikan|situasional|kondisional|tentatif|n\/?a|tidak\s+ada)$/

const NUMBER_WORDS: Record<string, number> = {
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
}

export function parseDuration(text: string): SopDraftLimit | null {
  return readDuration(text).limit
}

export function readDuration(text: string, options: ReadOptions = {}): DurationReading {
  const normalized = normalize(text)
  if (normalized === '' || NO_LIMIT.test(normalized)) return { limit: null, warnings: [] }

  const [targetQuantity, second] = readQuantities(normalized).quantities
  if (!targetQuantity) {
    return { limit: null, warnings: [`could not read a duration from "${text.trim()}"`] }
  }
  const warnings: string[] = []
  const maxQuantity = second ?? targetQuantity
  // "3-5 Jam": the lower bound borrows the unit written after the upper one.
  const maxUnit = maxQuantity.unit ?? targetQuantity.unit ?? options.defaultUnit ?? null
  const targetUnit = targetQuantity.unit ?? maxUnit
  if (targetUnit === null || maxUnit === null) {
    return { limit: null, warnings: [`"${text.trim()}" has a number but no unit`] }
  }
  if (targetUnit === 'months' || maxUnit === 'months') {
    warnings.push(`"${text.trim()}": a month is counted as 30 days`)
  }

  let target = toDraftUnit(targetQuantity.value, targetUnit)
  let max = toDraftUnit(maxQuantity.value, maxUnit)
  if (target.unit !== max.unit) {
    const common = smallerUnit(target.unit, max.unit, text, warnings)
    target = convert(target, common)
    max = convert(max, common)
  }
  let limit = wholeNumbers({ target: target.value, max: max.value, unit: target.unit }, text, warnings)
  if (limit.target === 0 && limit.max === 0) {
    return { limit: null, warnings: [...warnings, `"${text.trim()}" is a zero duration`] }
  }
  if (limit.target > limit.max) {
    warnings.push(`"${text.trim()}": the lower bound is larger than the upper one; swapped`)
    limit = { ...limit, target: limit.max, max: limit.target }
  }
  return { limit, warnings }
}

// Words that may stand before a duration without making the cell anything else.
const DURATION_PREFIX =
  /^(?:[±~]|\+\/-|maks(?:imal|imum)?\.?|max\.?|paling\s+(?:lama|lambat)|selambat-lambatnya|kurang\s+lebih|lebih\s+kurang|kurang\s+dari|dalam|estimasi)?\s*$/

/**
 * True when the whole cell is a duration ("10 Menit", "maks. 2 x 24 jam"), so that the WAKTU cell
 * of a row whose cells are shifted can be found by its content rather than its position.
 */
export function looksLikeDuration(text: string, options: ReadOptions = {}): boolean {
  const normalized = normalize(text)
  if (normalized.length === 0 || normalized.length > 40) return false
  const { quantities, start, end } = readQuantities(normalized)
  if (quantities.length === 0) return false
  if (!quantities.some((q) => q.unit !== null) && !options.defaultUnit) return false
  return DURATION_PREFIX.test(normalized.slice(0, start)) && normalized.slice(end).trim().length <= 12
}

function normalize(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/\u00a0/g, ' ')
      // "3 (tiga) hari kerja": the spelled-out number repeats the digits.
      .replace(/\(\s*[a-z\s]+\)/g, ' ')
      .replace(/\b(?:se)(hari|jam|menit|minggu|pekan|bulan)\b/g, '1 $1')
      .replace(/\bsetengah\b/g, '0,5')
      .replace(/\bsepuluh\b/g, '10')
      .replace(/\bsebelas\b/g, '11')
      .replace(/\b(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+belas\b/g, (_, d: string) =>
        String(10 + (NUMBER_WORDS[d] ?? 0)),
      )
      .replace(
        /\b(dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\s+puluh(?:\s+(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?\b/g,
        (_, tens: string, ones: string | undefined) =>
          String((NUMBER_WORDS[tens] ?? 0) * 10 + (ones ? (NUMBER_WORDS[ones] ?? 0) : 0)),
      )
      .replace(/\b(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)\b/g, (w) => String(NUMBER_WORDS[w]))
      .replace(/\s+/g, ' ')
      .trim()
  )
}

const RANGE_SEPARATOR = /^\s*(?:-|–|—|s\s*\/\s*d\.?|s\.d\.?|sd|sampai(?:\s+dengan)?|hingga|to|atau|\/)\s*$/
const NUMBER = /^(\d+(?:[.,]\d+)?)/

/**
 * At most two quantities, the second only when joined to the first by a range separator:
 * "30 menit s/d 1 jam" is a range, "5 menit per aduan, 2 hari" is the first value only.
 */
function readQuantities(text: string): { quantities: Quantity[]; start: number; end: number } {
  const found: Array<Quantity & { start: number; end: number }> = []
  let i = 0
  while (i < text.length && found.length < 2) {
    const number = NUMBER.exec(text.slice(i))
    if (!number) {
      i += 1
      continue
    }
    const digits = number[1] as string
    const previous = text[i - 1]
    // Digits inside a word ("F1.21", a form number) are not a quantity.
    if (previous !== undefined && /[a-z0-9]/.test(previous)) {
      i += digits.length
      continue
    }
    let value = toNumber(digits)
    let end = i + digits.length
    // "2 x 24 jam", "1x24 Jam": a multiplication, common for whole days counted in hours.
    const times = /^\s*[x×*]\s*(\d+(?:[.,]\d+)?)/.exec(text.slice(end))
    if (times) {
      value *= toNumber(times[1] as string)
      end += (times[0] as string).length
    }
    const unitMatch = readUnit(text.slice(end))
    let unit: SourceUnit | null = null
    if (unitMatch) {
      unit = unitMatch.unit
      end += unitMatch.length
      // "1x24 jam hari kerja": counted in hours but meant as working days.
      const workingQualifier = /^\s*(?:hari\s+kerja|hk)(?![a-z])/.exec(text.slice(end))
      if (times && unit === 'hours' && workingQualifier && value % 24 === 0) {
        value /= 24
        unit = 'working_days'
        end += (workingQualifier[0] as string).length
      }
    }
    const last = found[found.length - 1]
    if (last && !RANGE_SEPARATOR.test(text.slice(last.end, i))) break
    found.push({ value, unit, start: i, end })
    i = end
  }
  return {
    quantities: found.map(({ value, unit }) => ({ value, unit })),
    start: found[0]?.start ?? 0,
    end: found[found.length - 1]?.end ?? 0,
  }
}

function readUnit(text: string): { unit: SourceUnit; length: number } | null {
  const lead = /^\s*/.exec(text)?.[0].length ?? 0
  const rest = text.slice(lead)
  for (const [pattern, unit] of UNIT_WORDS) {
    const match = pattern.exec(rest)
    if (match && !/^[a-z]/.test(rest.slice(match[0].length))) return { unit, length: lead + match[0].length }
  }
  return null
}

function toNumber(text: string): number {
  return Number(text.replace(',', '.'))
}

function toDraftUnit(value: number, unit: SourceUnit): { value: number; unit: SopDraftLimitUnit } {
  if (unit === 'weeks') return { value: value * 7, unit: 'days' }
  if (unit === 'months') return { value: value * 30, unit: 'days' }
  return { value, unit }
}

function smallerUnit(
  a: SopDraftLimitUnit,
  b: SopDraftLimitUnit,
  text: string,
  warnings: string[],
): SopDraftLimitUnit {
  if (a === 'working_days' || b === 'working_days') {
    // A working day has no fixed length in clock time; it is counted as a calendar day here.
    warnings.push(`"${text.trim()}" mixes working days with another unit; working days counted as days`)
  }
  const clock = (u: SopDraftLimitUnit) => (u === 'working_days' ? 'days' : u)
  return MINUTES_PER[clock(a)] <= MINUTES_PER[clock(b)] ? clock(a) : clock(b)
}

function convert(
  quantity: { value: number; unit: SopDraftLimitUnit },
  to: SopDraftLimitUnit,
): { value: number; unit: SopDraftLimitUnit } {
  if (quantity.unit === to) return quantity
  const from = quantity.unit === 'working_days' ? 'days' : quantity.unit
  const target = to === 'working_days' ? 'days' : to
  return { value: (quantity.value * MINUTES_PER[from]) / MINUTES_PER[target], unit: to }
}

/** The SOP engine counts days in whole days: "0,5 jam" becomes 30 minutes, "1,5 hari" 36 hours. */
function wholeNumbers(limit: SopDraftLimit, text: string, warnings: string[]): SopDraftLimit {
  let current = limit
  while (!Number.isInteger(current.target) || !Number.isInteger(current.max)) {
    const smaller: SopDraftLimitUnit | null =
      current.unit === 'days' ? 'hours' : current.unit === 'hours' ? 'minutes' : null
    if (smaller === null) {
      warnings.push(`"${text.trim()}" is not a whole number of ${current.unit.replace('_', ' ')}; rounded up`)
      return { target: Math.ceil(current.target), max: Math.ceil(current.max), unit: current.unit }
    }
    const factor = MINUTES_PER[current.unit as 'days' | 'hours'] / MINUTES_PER[smaller]
    current = {
      target: round(current.target * factor),
      max: round(current.max * factor),
      unit: smaller,
    }
  }
  return current
}

// 0.1 * 60 is 6.000000000000001 in floating point; SOP durations have no such precision.
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
