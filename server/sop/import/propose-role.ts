import type { RolePresetKey } from '#db/presets.ts'

/** A role preset, or the reporter: the citizen in the table (Pelapor, Masyarakat), who has no role. */
export type RoleKey = RolePresetKey | 'reporter'

/**
 * Checked in order, first match wins: the more specific names come first, so "Sekretaris Camat"
 * is a secretary before "Camat" makes it a head, "Kepala Sub Bidang" a supervisor before
 * "Bidang" makes it a head of division, and "Petugas Piket" a duty officer before "Petugas" makes
 * it an operator.
 */
const RULES: ReadonlyArray<readonly [RoleKey, RegExp]> = [
  ['secretary', /\b(?:sekretaris|sekcam|sekdis|sekban)\b/],
  ['regent', /\b(?:bupati|wali\s*kota|gubernur)\b/],
  ['opd_officer', /\b(?:opd|skpd|perangkat\s+daerah|(?:dinas|instansi|unit)\s+terkait)\b/],
  [
    'supervisor',
    /\b(?:kasi|kasie|kasubag|kasubbag|kasubid|kasubbid|kepala\s+seksi|kepala\s+sub\s*(?:bagian|bag|bidang|bid)|koordinator)\b/,
  ],
  [
    'head_of_division',
    /\b(?:kabid|kabag|kepala\s+bidang|kepala\s+bagian|bidang|penegak(?:an)?\s+perda|bid\.?\s*ops)\b/,
  ],
  [
    'head',
    /\b(?:kepala(?:\s+(?:dinas|badan|kantor|satuan|satpol|upt|uptd|puskesmas|bappeda|desa|kelurahan))?|kadis|kasat(?:\s*pol(?:\s*pp)?)?|kasatpol(?:\s*pp)?|camat|lurah|pimpinan|direktur)\b/,
  ],
  ['trc', /\b(?:trc|tim\s+reaksi\s+cepat|reaksi\s+cepat|satgas)\b/],
  ['duty_officer', /\bpiket\b/],
  ['admin', /\b(?:administrator|admin\s+(?:sistem|instansi|aplikasi))\b/],
  ['admin_staff', /\b(?:staf|staff|administrasi|tata\s+usaha|umpeg)\b/],
  [
    'operator',
    /\b(?:operator|petugas|admin|resepsionis|front\s*office|help\s*desk|call\s*taker|customer\s+service|tim\s+(?:pengelola\s+)?pengaduan|pengelola\s+pengaduan)\b/,
  ],
  ['reporter', /\b(?:pelapor|masyarakat|pemohon|pengadu|pelanggan|warga|pengguna\s+(?:layanan|jasa))\b/],
]

/**
 * The role preset an actor column of an SOP table most likely means ("KASI/KASUBAG" ->
 * supervisor, "Operator TLR" -> operator), or null when the name says nothing we know. A proposal
 * for the person importing the SOP to confirm, not a decision.
 */
export function proposeRoleKey(actorName: string): RoleKey | null {
  const name = normalizeActorName(actorName)
  if (name === '') return null
  // "Camat / Sekcam" is the camat's column with the sekcam as stand-in: the first name decides.
  for (const part of [...name.split('/'), name]) {
    for (const [role, pattern] of RULES) {
      if (pattern.test(part)) return role
    }
  }
  return null
}

/** Lower case, one space between words, no space around "/": "BIDANG OPS/ BIDANG PENEGAK" -> "bidang ops/bidang penegak". */
export function normalizeActorName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\u00a0/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim()
}

// ---------------------------------------------------------------------------------------------
// Actors of each step

/**
 * How an activity names a role. The columns' own names come first; these are the other ways the
 * same people are written ("Kasat Pol PP" for KEPALA SATUAN, "Kabid" for KEPALA BIDANG).
 */
const ROLE_ALIASES: Record<RoleKey, readonly string[]> = {
  admin: ['administrator'],
  operator: ['operator', 'petugas layanan', 'admin', 'petugas pengaduan', 'call taker', 'resepsionis'],
  duty_officer: ['petugas piket', 'piket'],
  admin_staff: ['staf administrasi', 'staf admin', 'petugas administrasi', 'staf', 'staff'],
  supervisor: [
    'kasi',
    'kasie',
    'kasubag',
    'kasubbag',
    'kepala seksi',
    'kepala sub bagian',
    'kepala subbagian',
  ],
  head_of_division: [
    'kabid',
    'kepala bidang',
    'bidang ops',
    'bidang penegakan perda',
    'penegakan perda',
    'kabag',
    'kepala bagian',
    'bidang terkait',
  ],
  trc: ['trc', 'tim reaksi cepat'],
  secretary: ['sekretaris', 'sekcam', 'sekdis'],
  head: [
    'kepala dinas',
    'kadis',
    'kasat pol pp',
    'kasatpol pp',
    'kasat',
    'kepala satuan',
    'kepala satpol pp',
    'pimpinan',
    'camat',
    'kepala puskesmas',
  ],
  opd_officer: ['opd', 'perangkat daerah', 'dinas terkait'],
  regent: ['bupati', 'wali kota', 'walikota'],
  reporter: ['pelapor', 'masyarakat', 'pemohon', 'pengadu', 'pelanggan', 'warga'],
}

// A bare "Petugas ..." in the text means the one column whose name starts with that word.
const GENERIC_FIRST_WORDS = new Set(['petugas', 'staf', 'staff', 'operator', 'admin'])

type Alias = { text: string; priority: number; column: number }
type ActorColumn = { name: string; role: RoleKey | null }

export type ActorProposalInput = {
  actorColumns: readonly string[]
  /** Per step: the activity text, and the PELAKSANA cell when the table names actors in one column. */
  steps: ReadonlyArray<{ activity: string; actorText: string | null }>
}

/**
 * The actors of each step, as column names. Conversions lose the marks in the actor columns, so
 * they are read from the activity text, in this order:
 * 1. the subject the sentence starts with ("Kepala Dinas memerintahkan ...");
 * 2. the agent of a passive verb ("... yang sudah diparaf Kasi ...", "... oleh Kabid");
 * 3. whoever the previous step handed the work to ("... dilanjutkan kepada Kabid");
 * 4. the previous step's staff actor, and for the first step the first column that is not the
 *    reporter (whoever receives a complaint is staff).
 * The reporter is only ever the subject: a reporter named elsewhere is the one being served.
 */
export function proposeActors(input: ActorProposalInput): string[][] {
  const columns: ActorColumn[] = input.actorColumns.map((name) => ({
    name: name.trim(),
    role: proposeRoleKey(name),
  }))
  const aliases = aliasesOf(columns)
  const isStaff = (index: number) => columns[index]?.role !== 'reporter'
  const firstStaff = columns.findIndex((_, i) => isStaff(i))

  let lastStaff: number[] = firstStaff < 0 ? [] : [firstStaff]
  let handoff: number | null = null
  return input.steps.map((step) => {
    if (step.actorText !== null) {
      const named = splitActorText(step.actorText)
      if (named.length > 0) return named
    }
    const text = normalizeActorName(step.activity)
    const subject = subjectOf(text, aliases)
    let chosen: number[]
    if (subject.length > 0) chosen = subject
    else {
      const agent = firstAfter(text, /\b(?:oleh|di[a-z]{3,})\s+/g, aliases, isStaff)
      chosen = agent !== null ? [agent] : handoff !== null ? [handoff] : lastStaff
    }
    if (chosen.some(isStaff)) lastStaff = chosen.filter(isStaff)
    const recipient = firstAfter(
      text,
      /\b(?:kepada|ke)\s+/g,
      aliases,
      (i) => isStaff(i) && !chosen.includes(i),
    )
    handoff = recipient
    return chosen.map((i) => columns[i]?.name ?? '').filter((name) => name !== '')
  })
}

function aliasesOf(columns: readonly ActorColumn[]): Alias[] {
  const aliases: Alias[] = []
  const roleCount = new Map<RoleKey, number>()
  const firstWordCount = new Map<string, number>()
  for (const column of columns) {
    if (column.role) roleCount.set(column.role, (roleCount.get(column.role) ?? 0) + 1)
    const firstWord = normalizeActorName(column.name).split(/[\s/]/)[0] ?? ''
    firstWordCount.set(firstWord, (firstWordCount.get(firstWord) ?? 0) + 1)
  }
  columns.forEach((column, index) => {
    const name = normalizeActorName(column.name)
    aliases.push({ text: name, priority: 3, column: index })
    for (const part of name.split('/')) {
      if (part.trim().length >= 2) aliases.push({ text: part.trim(), priority: 3, column: index })
    }
    // A role's other names only when one column has that role, else they would be ambiguous.
    if (column.role && roleCount.get(column.role) === 1) {
      for (const alias of ROLE_ALIASES[column.role]) aliases.push({ text: alias, priority: 2, column: index })
    }
    const firstWord = name.split(/[\s/]/)[0] ?? ''
    if (GENERIC_FIRST_WORDS.has(firstWord) && firstWordCount.get(firstWord) === 1) {
      aliases.push({ text: firstWord, priority: 1, column: index })
    }
  })
  // Longest first: "petugas piket" before "petugas", "kepala bidang" before "kepala".
  return aliases.sort((a, b) => b.text.length - a.text.length || b.priority - a.priority)
}

function matchAt(text: string, position: number, aliases: readonly Alias[]): Alias | null {
  const before = text[position - 1]
  if (before !== undefined && /[a-z0-9]/.test(before)) return null
  for (const alias of aliases) {
    if (!text.startsWith(alias.text, position)) continue
    const after = text[position + alias.text.length]
    if (after === undefined || !/[a-z0-9]/.test(after)) return alias
  }
  return null
}

const LEADING_NOISE =
  /^(?:(?:[-•*]|\d{1,2}[.)]|[a-z][.)])\s*|(?:selanjutnya|kemudian|lalu|setelah itu)\s*,?\s*)+/
const SUBJECT_JOINER = /^\s*(?:\/|,|&|dan|atau|bersama(?: dengan)?)\s*/

/** "Camat/Sekcam menugaskan ...": every column named before the verb. */
function subjectOf(text: string, aliases: readonly Alias[]): number[] {
  const start = LEADING_NOISE.exec(text)?.[0].length ?? 0
  const found: number[] = []
  let match = matchAt(text, start, aliases)
  let position = start
  while (match) {
    if (!found.includes(match.column)) found.push(match.column)
    position += match.text.length
    const joiner = SUBJECT_JOINER.exec(text.slice(position))
    if (!joiner) break
    position += joiner[0].length
    match = matchAt(text, position, aliases)
  }
  return found.sort((a, b) => a - b)
}

function firstAfter(
  text: string,
  marker: RegExp,
  aliases: readonly Alias[],
  accept: (column: number) => boolean,
): number | null {
  for (const m of text.matchAll(marker)) {
    const match = matchAt(text, (m.index ?? 0) + m[0].length, aliases)
    if (match && accept(match.column)) return match.column
  }
  return null
}

function splitActorText(text: string): string[] {
  return text
    .split(/\s*[,;]\s*/)
    .map((name) => name.trim())
    .filter((name) => name !== '' && !/^-+$/.test(name))
}
