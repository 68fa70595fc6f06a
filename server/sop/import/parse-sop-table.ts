import {
  looksLikeDuration,
  readDuration,
  type SopDraftLimit,
  type SopDraftLimitUnit,
} from '#server/sop/import/parse-duration.ts'
import { proposeActors, proposeRoleKey, type RoleKey } from '#server/sop/import/propose-role.ts'

export type { SopDraftLimit, SopDraftLimitUnit } from '#server/sop/import/parse-duration.ts'

/**
 * One row of an SOP table (SOP AP, Permenpan RB 35/2012 layout): the activity, who performs it,
 * what it needs (kelengkapan), its time limit and its output. The shape is a stable contract
 * (the `sop:import` command and other tools rely on it): `steps` holds exactly these fields.
 */
export type SopDraftStep = {
  no: number
  activity: string
  actors: string[]
  inputs: string[]
  limit: SopDraftLimit | null
  output: string | null
}

export type SopDraft = {
  /** The heading line above the table, when there is one. */
  title?: string
  /** The PELAKSANA sub-columns as written in the table. */
  actorColumns: string[]
  /** A role preset proposed for each actor column, to be confirmed by whoever imports the SOP. */
  proposedRoles: Record<string, RoleKey | null>
  steps: SopDraftStep[]
  /** What the importer guessed or could not read, for a person to check. */
  warnings: string[]
}

/**
 * The first SOP table of a text. Pasted text with no table gives a draft without steps and a
 * warning rather than an error: the caller decides whether that is fatal.
 */
export function parseSopTable(text: string): SopDraft {
  return (
    parseSopTables(text)[0] ?? {
      actorColumns: [],
      proposedRoles: {},
      steps: [],
      warnings: ['no SOP table found: expected a header row with NO and KEGIATAN (or URAIAN) columns'],
    }
  )
}

/** Every SOP table of a text, in order (003 has one for indirect and one for walk-in complaints). */
export function parseSopTables(text: string): SopDraft[] {
  const rows = text.replace(/\r\n?/g, '\n').split('\n').map(splitRow)
  const drafts: SopDraft[] = []
  let i = 0
  while (i < rows.length) {
    const row = rows[i] as Row
    const header = row.kind === 'cells' ? readHeader(rows, i) : null
    if (!header) {
      i += 1
      continue
    }
    const table = readTable(rows, header)
    drafts.push(toDraft(table, findTitle(rows, i)))
    i = table.end
  }
  return drafts
}

// ---------------------------------------------------------------------------------------------
// Rows

type Row =
  | { kind: 'blank' }
  | { kind: 'rule' }
  | { kind: 'text'; text: string }
  | { kind: 'cells'; cells: string[]; lineNo: number }

// A markdown separator row: | --- | :---: |
const MARKDOWN_RULE = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/

/**
 * Word and PDF conversions give tab-separated cells; web pages and markdown give pipes. A line
 * with neither is running text: a heading, or the end of a table ("BIAYA : GRATIS").
 */
function splitRow(line: string, index: number): Row {
  const trimmed = line.trim()
  if (trimmed === '') return { kind: 'blank' }
  if (MARKDOWN_RULE.test(trimmed)) return { kind: 'rule' }
  if (line.includes('\t')) return { kind: 'cells', cells: line.split('\t').map(cleanCell), lineNo: index + 1 }
  if ((trimmed.match(/\|/g) ?? []).length >= 2 || trimmed.startsWith('|')) {
    let cells = trimmed.split('|')
    if (trimmed.startsWith('|')) cells = cells.slice(1)
    if (trimmed.endsWith('|')) cells = cells.slice(0, -1)
    return { kind: 'cells', cells: cells.map(cleanCell), lineNo: index + 1 }
  }
  return { kind: 'text', text: cleanCell(trimmed) }
}

function cleanCell(cell: string): string {
  return cell
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
}

function nonEmpty(cells: readonly string[]): string[] {
  return cells.filter((c) => c !== '')
}

// ---------------------------------------------------------------------------------------------
// Header

type ColumnKind = 'no' | 'activity' | 'inputs' | 'time' | 'output' | 'note' | 'actorGroup' | 'qualityGroup'

// Agencies name the same columns in many ways: URAIAN KEGIATAN, URAIAN PROSEDUR, AKTIFITAS,
// PERSYARATAN/KELENGKAPAN, DURASI, WAKTU (MENIT), KET. Checked in this order, against the start of
// a short label, so that a data cell such as "Hasil tindak lanjut aduan" is not taken for one.
const COLUMN_LABELS: ReadonlyArray<readonly [ColumnKind, RegExp]> = [
  ['no', /^(?:no|nomor)(?:\s*urut)?\.?$/],
  ['qualityGroup', /^mutu\s*baku\b/],
  ['inputs', /^(?:persyaratan|kelengkapan|syarat|input|perlengkapan)\b/],
  ['time', /^(?:waktu|durasi|jangka\s+waktu|lama(?:\s+waktu)?|time|duration)\b/],
  ['output', /^(?:output|keluaran|hasil)\b/],
  ['note', /^(?:ket|keterangan|catatan)\b/],
  [
    'activity',
    /^(?:uraian\s+)?(?:kegiatan|aktivitas|aktifitas|prosedur|langkah(?:\s+kerja)?|tahapan|uraian|activity)(?:\s+(?:kegiatan|prosedur|tugas))?$/,
  ],
  ['actorGroup', /^(?:pelaksana|aktor|pelaku)\b/],
]
const MAX_LABEL_LENGTH = 40

function classifyLabel(label: string): ColumnKind | null {
  const normalized = label.toLowerCase().replace(/\s+/g, ' ').trim()
  if (normalized === '' || normalized.length > MAX_LABEL_LENGTH) return null
  for (const [kind, pattern] of COLUMN_LABELS) {
    if (pattern.test(normalized)) return kind
  }
  return null
}

const UNIT_IN_LABEL: ReadonlyArray<readonly [RegExp, SopDraftLimitUnit]> = [
  [/\((?:hari kerja|hk)\)/, 'working_days'],
  [/\((?:menit|mnt|minutes?)\)/, 'minutes'],
  [/\((?:jam|hours?)\)/, 'hours'],
  [/\((?:hari|days?)\)/, 'days'],
]

type Layout = {
  noCol: number | null
  activityCol: number
  actorCols: Array<{ index: number; name: string }>
  /** A single PELAKSANA column whose cells name the actor, instead of one column per actor. */
  actorTextCol: number | null
  inputsCol: number | null
  timeCol: number | null
  timeUnit: SopDraftLimitUnit | undefined
  outputCol: number | null
}

type Header = { layout: Layout; end: number; signature: string }

/**
 * A header is a row naming the activity column plus at least one other known column. The
 * standard layout spans two lines: NO, KEGIATAN, PELAKSANA, MUTU BAKU on the first; the actor
 * names and KELENGKAPAN, WAKTU, OUTPUT under them on the second. The second line is matched to
 * the first by cell position, but conversions do not keep the group labels above their columns
 * (003 puts MUTU BAKU above the last actor), so a sub-label, when present, decides.
 */
function readHeader(rows: readonly Row[], index: number): Header | null {
  const top = rows[index]
  if (!top || top.kind !== 'cells') return null
  const topKinds = top.cells.map(classifyLabel)
  if (!topKinds.includes('activity')) return null
  if (STEP_NUMBER.test(top.cells[0] ?? '')) return null
  const others = topKinds.filter((k) => k !== null && k !== 'activity')
  if (others.length === 0) return null

  let end = index + 1
  while (rows[end]?.kind === 'rule') end += 1
  let sub: string[] = []
  const next = rows[end]
  if (next?.kind === 'cells') {
    const activityCol = topKinds.indexOf('activity')
    const noCol = topKinds.indexOf('no')
    const looksLikeSubHeader =
      (next.cells[activityCol] ?? '') === '' &&
      (noCol < 0 || (next.cells[noCol] ?? '') === '') &&
      nonEmpty(next.cells).length > 0
    if (looksLikeSubHeader) {
      sub = next.cells
      end += 1
      while (rows[end]?.kind === 'rule') end += 1
    }
  }
  const layout = layoutOf(top.cells, sub)
  if (!layout) return null
  const signature = [...top.cells, '|', ...sub].map((c) => c.toLowerCase()).join('\t')
  return { layout, end, signature }
}

function layoutOf(top: readonly string[], sub: readonly string[]): Layout | null {
  const width = Math.max(top.length, sub.length)
  const kinds: Array<ColumnKind | 'actor' | null> = []
  const labels: string[] = []
  for (let i = 0; i < width; i++) {
    const subLabel = sub[i] ?? ''
    const topLabel = top[i] ?? ''
    const label = subLabel || topLabel
    labels.push(label)
    const kind = classifyLabel(label)
    kinds.push(kind ?? (label === '' ? null : 'actor'))
  }
  const first = (kind: ColumnKind): number | null => {
    const i = kinds.indexOf(kind)
    return i < 0 ? null : i
  }
  const activityCol = first('activity')
  if (activityCol === null) return null
  const qualityCols = (['inputs', 'time', 'output', 'note'] as const)
    .map((k) => kinds.findIndex((kind, i) => kind === k && i > activityCol))
    .filter((i) => i >= 0)
  const firstQuality = qualityCols.length > 0 ? Math.min(...qualityCols) : width
  const actorCols = kinds
    .map((kind, index) => ({ kind, index, name: labels[index] ?? '' }))
    .filter(({ kind, index }) => kind === 'actor' && index > activityCol && index < firstQuality)
    .map(({ index, name }) => ({ index, name }))
  const timeCol = first('time')
  const timeLabel = timeCol === null ? '' : (labels[timeCol] ?? '').toLowerCase()
  return {
    noCol: first('no'),
    activityCol,
    actorCols,
    actorTextCol: actorCols.length === 0 ? first('actorGroup') : null,
    inputsCol: first('inputs'),
    timeCol,
    timeUnit: UNIT_IN_LABEL.find(([pattern]) => pattern.test(timeLabel))?.[1],
    outputCol: first('output'),
  }
}

// ---------------------------------------------------------------------------------------------
// Body

type RawStep = {
  no: number
  activity: string
  actorText: string | null
  inputs: string[]
  limit: SopDraftLimit | null
  output: string | null
}

type Table = { layout: Layout; steps: RawStep[]; warnings: string[]; end: number }

const STEP_NUMBER = /^(\d{1,3})\s*[.)]?$/
const SUMMARY_ROW = /^(?:total|jumlah)\b/i

function readTable(rows: readonly Row[], header: Header): Table {
  const { layout } = header
  const steps: RawStep[] = []
  const warnings: string[] = []
  let i = header.end
  for (; i < rows.length; i++) {
    const row = rows[i] as Row
    if (row.kind === 'blank' || row.kind === 'rule') continue
    // Running text ends the table: "BIAYA : GRATIS", or the heading of the next table.
    if (row.kind === 'text') break
    const repeated = readHeader(rows, i)
    if (repeated) {
      // A page break in a PDF conversion repeats the header: the same table goes on, unless
      // its numbering starts again at 1.
      const restarts = firstStepNumber(rows, repeated.end) === 1
      if (repeated.signature !== header.signature || restarts || steps.length === 0) break
      i = repeated.end - 1
      continue
    }
    readRow(row, layout, steps, warnings)
  }
  return { layout, steps, warnings, end: i }
}

function firstStepNumber(rows: readonly Row[], from: number): number | null {
  for (let i = from; i < rows.length; i++) {
    const row = rows[i] as Row
    if (row.kind === 'blank' || row.kind === 'rule') continue
    if (row.kind !== 'cells') return null
    const match = STEP_NUMBER.exec(row.cells.find((c) => c !== '') ?? '')
    return match ? Number(match[1]) : null
  }
  return null
}

function readRow(
  row: Extract<Row, { kind: 'cells' }>,
  layout: Layout,
  steps: RawStep[],
  warnings: string[],
): void {
  const { cells } = row
  const at = (col: number | null) => (col === null ? '' : (cells[col] ?? ''))
  const noText = at(layout.noCol)
  const activity = at(layout.activityCol)
  const numbered = STEP_NUMBER.exec(noText)
  if (!numbered && nonEmpty(cells).some((c) => SUMMARY_ROW.test(c))) return // "Total Waktu ... 25 menit"

  const previous = steps[steps.length - 1]
  if (!numbered && (noText !== '' || activity === '')) {
    // A row of a cell that spans several rows (rowspan in HTML, a merged cell in Word): more
    // kelengkapan for the step above, e.g. one required document per row.
    const extra = at(layout.inputsCol) || nonEmpty(cells)[0] || ''
    if (previous && extra !== '' && !looksLikeDuration(extra)) previous.inputs.push(...splitInputs(extra))
    else if (extra !== '') warnings.push(`line ${row.lineNo}: row ignored, it is not a step`)
    return
  }

  let no: number
  if (numbered) {
    no = Number(numbered[1])
    if (previous && no !== previous.no + 1) {
      warnings.push(`step ${no} follows step ${previous.no}: check the numbering`)
    }
  } else {
    no = (previous?.no ?? 0) + 1
    if (layout.noCol !== null) {
      warnings.push(`line ${row.lineNo}: a step without a number, numbered ${no} by its position`)
    }
  }

  // Conversions drop or add empty cells, so the WAKTU cell is found by its content when it is
  // not where the header says; the cells after the activity are then read relative to it.
  const timeAt = locateTime(cells, layout)
  const shift = timeAt !== null && layout.timeCol !== null ? timeAt - layout.timeCol : 0
  const shifted = (col: number | null): string => {
    if (col === null) return ''
    const index = col > layout.activityCol ? col + shift : col
    if (index <= layout.activityCol && col > layout.activityCol) return ''
    if (timeAt !== null && index === timeAt && col !== layout.timeCol) return ''
    return cells[index] ?? ''
  }

  const timeText = timeAt === null ? '' : (cells[timeAt] ?? '')
  const reading = readDuration(timeText, { defaultUnit: layout.timeUnit })
  warnings.push(...reading.warnings.map((w) => `step ${no}: ${w}`))
  const output = shifted(layout.outputCol)
  steps.push({
    no,
    activity: activity.replace(/\s*;$/, ''),
    actorText: layout.actorTextCol === null ? null : at(layout.actorTextCol),
    inputs: splitInputs(shifted(layout.inputsCol)),
    limit: reading.limit,
    output: output === '' || /^-+$/.test(output) ? null : output,
  })
}

function locateTime(cells: readonly string[], layout: Layout): number | null {
  const options = { defaultUnit: layout.timeUnit }
  if (layout.timeCol === null) return null
  if (looksLikeDuration(cells[layout.timeCol] ?? '', options)) return layout.timeCol
  const actorIndexes = new Set(layout.actorCols.map((c) => c.index))
  for (let i = layout.activityCol + 1; i < cells.length; i++) {
    if (!actorIndexes.has(i) && looksLikeDuration(cells[i] ?? '', options)) return i
  }
  return layout.timeCol
}

const NUMBERED_ITEM = /(?:^|\s)\d{1,2}[.)]\s+/
const LETTERED_ITEM = /(?:^|\s)[a-z][.)]\s+/

/**
 * "1. Verifikasi Laporan 2. Menerima Data Pelapor", "Mobil+Sepeda Motor+Pentungan+Tameng" and
 * "Berkas Pengaduan, Data Pendukung" are lists; a hyphen is not a separator, so "Peraturan
 * perundang-undangan" stays one item.
 */
export function splitInputs(text: string): string[] {
  const cleaned = text.trim()
  if (cleaned === '' || /^-+$/.test(cleaned)) return []
  let items: string[]
  if (/^\d{1,2}[.)]\s+/.test(cleaned)) items = cleaned.split(new RegExp(NUMBERED_ITEM, 'g'))
  else if (/^[a-z][.)]\s+/i.test(cleaned)) items = cleaned.split(new RegExp(LETTERED_ITEM, 'gi'))
  else if (cleaned.includes('+')) items = cleaned.split('+')
  else items = cleaned.split(/[,;]/)
  return items.map((item) => item.trim().replace(/[\s,;.]+$/, '')).filter((item) => item !== '')
}

// ---------------------------------------------------------------------------------------------
// Draft

const NOT_A_TITLE = /^(?:biaya|produk layanan|total|jumlah|waktu|catatan)\b/i

/** The heading line just above the table, if it is short enough to be one. */
function findTitle(rows: readonly Row[], headerIndex: number): string | undefined {
  for (let i = headerIndex - 1; i >= 0; i--) {
    const row = rows[i] as Row
    if (row.kind === 'blank' || row.kind === 'rule') continue
    const cells = row.kind === 'text' ? [row.text] : row.kind === 'cells' ? nonEmpty(row.cells) : []
    // Markdown headings and bold ("## Title", "**Title**") are decoration, not part of the title.
    const only = cells.length === 1 ? (cells[0] as string).replace(/^#+\s*|\*\*/g, '').trim() : ''
    if (only === '' || only.length > 150 || NOT_A_TITLE.test(only) || /[.;]$/.test(only)) return undefined
    return only
  }
  return undefined
}

function toDraft(table: Table, title: string | undefined): SopDraft {
  const actorColumns = table.layout.actorCols.map((c) => c.name)
  const warnings = [...table.warnings]
  if (table.steps.length === 0) warnings.push('the table has a header but no steps')
  const actors = proposeActors({
    actorColumns,
    steps: table.steps.map((s) => ({ activity: s.activity, actorText: s.actorText })),
  })
  const steps = table.steps.map((step, i): SopDraftStep => ({
    no: step.no,
    activity: step.activity,
    actors: actors[i] ?? [],
    inputs: step.inputs,
    limit: step.limit,
    output: step.output,
  }))
  return {
    ...(title === undefined ? {} : { title }),
    actorColumns,
    proposedRoles: Object.fromEntries(actorColumns.map((name) => [name, proposeRoleKey(name)])),
    steps,
    warnings,
  }
}
