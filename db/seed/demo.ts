import { and, eq, inArray, isNull, like } from 'drizzle-orm'
import { hashPassword } from '#server/auth/password.ts'
import { applyPreset } from '#server/tenants/setup.ts'
import { db } from '../client.ts'
import { withTenant } from '../tenant.ts'
import {
  addMembership,
  createArea,
  createCategory,
  createTenant,
  createUnit,
  createUser,
  createWhatsappChannel,
  renameRole,
  type Tenant,
} from '../factories/index.ts'
import * as s from '../schema/index.ts'
import areaData from './areas.json' with { type: 'json' }
import { DEMO_PASSWORD } from './demo-logins.ts'

export { DEMO_LOGINS, DEMO_PASSWORD } from './demo-logins.ts'

/** The demo tenants, users and numbers that the README lists: stable contracts other tools rely on. */
export const DEMO_APP_SECRET = 'demo-app-secret'
export const DEMO_VERIFY_TOKEN = 'demo-verify-token'
const SEED_MARKER = 'demo_seed'
const SEED_VERSION = 2

/** Kemendagri codes and names; each kecamatan with an approximate centre (for the dashboard map). */
type Areas = Record<
  string,
  {
    code: string
    name: string
    latitude: number
    longitude: number
    villages: { code: string; name: string }[]
  }[]
>
const DEMO_REGIONS = { balangan: '63.11', tangerang: '36.71' } as const

async function seedState(): Promise<'none' | 'current' | 'older'> {
  const [row] = await db().select().from(s.platformSettings).where(eq(s.platformSettings.key, SEED_MARKER))
  if (!row) return 'none'
  return (row.value as { version?: number }).version === SEED_VERSION ? 'current' : 'older'
}

/**
 * Seeds the demo once. The marker is written last, so a start killed half-way leaves no marker,
 * and the next start removes the partial demo rows and seeds again.
 */
export async function seedDemo(): Promise<'seeded' | 'present' | 'older'> {
  const state = await seedState()
  // Demo data of an older seed may hold work (and an append-only audit trail): it is kept as it is,
  // only given what a newer seed adds without touching work (the kecamatan's coordinates).
  if (state !== 'none') {
    await placeDemoKecamatan(areaData as Areas)
    return state === 'current' ? 'present' : 'older'
  }
  await db()
    .delete(s.tenants)
    .where(inArray(s.tenants.slug, ['balangan', 'tangerang']))
  await db().delete(s.users).where(like(s.users.email, '%.demo'))

  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const areas = areaData as Areas
  const balangan = await seedBalangan(passwordHash, areas)
  const tangerang = await seedTangerang(passwordHash, areas)
  await withTenant(balangan.id, (tx) => applyPreset(tx, balangan.id, 'satpol-pp-kabupaten'))
  await withTenant(tangerang.id, (tx) => applyPreset(tx, tangerang.id, 'city-control-room'))

  const { user: platformAdmin } = await createUser({
    email: 'admin@tanggap.demo',
    name: 'Admin Platform Tanggap',
    passwordHash,
  })
  await db().update(s.users).set({ isPlatformAdmin: true }).where(eq(s.users.id, platformAdmin.id))
  await addMembership({ tenant: balangan, user: platformAdmin, roles: ['admin'] })
  await addMembership({ tenant: tangerang, user: platformAdmin, roles: ['admin'] })

  await db()
    .insert(s.platformSettings)
    .values({ key: SEED_MARKER, value: { version: SEED_VERSION, at: new Date().toISOString() } })
    .onConflictDoUpdate({ target: s.platformSettings.key, set: { value: { version: SEED_VERSION } } })
  return 'seeded'
}

async function seedAreas(tenant: Tenant, districts: Areas[string]) {
  for (const district of districts) {
    const kecamatan = await createArea(tenant, {
      kind: 'kecamatan',
      code: district.code,
      name: district.name,
      latitude: district.latitude,
      longitude: district.longitude,
    })
    for (const village of district.villages) {
      await createArea(tenant, {
        kind: 'village',
        code: village.code,
        name: village.name,
        parentId: kecamatan.id,
      })
    }
  }
}

/** Gives the demo tenants' kecamatan seeded before they had coordinates their centre; idempotent. */
async function placeDemoKecamatan(areas: Areas) {
  const tenants = await db()
    .select({ id: s.tenants.id, slug: s.tenants.slug })
    .from(s.tenants)
    .where(inArray(s.tenants.slug, Object.keys(DEMO_REGIONS)))
  for (const tenant of tenants) {
    const districts = areas[DEMO_REGIONS[tenant.slug as keyof typeof DEMO_REGIONS]] ?? []
    await withTenant(tenant.id, async (tx) => {
      for (const district of districts) {
        await tx
          .update(s.areas)
          .set({ latitude: district.latitude, longitude: district.longitude })
          .where(
            and(
              eq(s.areas.tenantId, tenant.id),
              eq(s.areas.kind, 'kecamatan'),
              eq(s.areas.code, district.code),
              isNull(s.areas.latitude),
            ),
          )
      }
    })
  }
}

async function seedBalangan(passwordHash: string, areas: Areas) {
  const tenant = await createTenant({
    slug: 'balangan',
    name: 'Satpol PP Kabupaten Balangan',
    serviceName: 'LA-LISA',
    regionName: 'Kabupaten Balangan',
    regionCode: '63.11',
    timezone: 'Asia/Makassar',
    ticketPrefix: 'LALISA',
    businessHours: { start: '08:00', end: '16:00' },
    letterhead: {
      parentName: 'PEMERINTAH KABUPATEN BALANGAN',
      agencyName: 'SATUAN POLISI PAMONG PRAJA',
      address: 'Jl. A. Yani, Paringin, Kabupaten Balangan, Kalimantan Selatan',
    },
    letterNumberFormat: '{seq}/{code}/Satpol PP.Blg/{roman_month}/{year}',
  })
  await renameRole(tenant, 'operator', {
    nameId: 'Operator LA-LISA / Petugas Layanan',
    nameEn: 'LA-LISA operator / service officer',
  })
  await renameRole(tenant, 'head', { nameId: 'Kepala Satpol PP (Kasat Pol PP)', nameEn: 'Head of Satpol PP' })
  await renameRole(tenant, 'head_of_division', {
    nameId: 'Kabid Trantibum dan Penegakan Perda',
    nameEn: 'Head of public order and bylaw enforcement',
  })
  await renameRole(tenant, 'regent', { nameId: 'Bupati', nameEn: 'Regent' })

  const sekretariat = await createUnit(tenant, {
    kind: 'division',
    name: 'Sekretariat',
    shortName: 'Sekretariat',
  })
  const trantibum = await createUnit(tenant, {
    kind: 'division',
    name: 'Bidang Ketentraman dan Ketertiban Umum',
    shortName: 'Bidang Trantibum',
  })
  const perda = await createUnit(tenant, {
    kind: 'division',
    name: 'Bidang Penegakan Peraturan Daerah',
    shortName: 'Bidang Penegakan Perda',
  })
  await createUnit(tenant, {
    kind: 'division',
    name: 'Bidang Perlindungan Masyarakat',
    shortName: 'Bidang Linmas',
  })
  // TRC posts "di beberapa titik" (technical guide, scope 3). Coordinates are the kecamatan towns.
  const trcParingin = await createUnit(tenant, {
    kind: 'trc_post',
    name: 'Pos TRC Paringin (Markas Satpol PP)',
    shortName: 'TRC Paringin',
    parentId: trantibum.id,
    latitude: -2.3337,
    longitude: 115.4636,
  })
  await createUnit(tenant, {
    kind: 'trc_post',
    name: 'Pos TRC Juai',
    shortName: 'TRC Juai',
    parentId: trantibum.id,
    latitude: -2.3805,
    longitude: 115.6132,
  })
  await createUnit(tenant, {
    kind: 'trc_post',
    name: 'Pos TRC Lampihong',
    shortName: 'TRC Lampihong',
    parentId: trantibum.id,
    latitude: -2.4239,
    longitude: 115.3402,
  })
  await seedAreas(tenant, areas[DEMO_REGIONS.balangan] ?? [])

  for (const [key, nameId, nameEn, unit] of [
    ['trantibum', 'Gangguan ketentraman dan ketertiban umum', 'Public order disturbance', trantibum],
    ['perda', 'Pelanggaran Perda/Perkada', 'Regional regulation violation', perda],
    ['pkl', 'Pedagang kaki lima', 'Street vendors', perda],
    ['bangunan-liar', 'Bangunan liar', 'Illegal buildings', perda],
    ['lainnya', 'Lainnya', 'Other', trantibum],
  ] as const) {
    await createCategory(tenant, { key, nameId, nameEn, defaultUnitId: unit.id })
  }

  await createWhatsappChannel(tenant, {
    phoneNumberId: '109000000000001',
    displayNumber: '+62 811-5100-0001',
    verifyToken: DEMO_VERIFY_TOKEN,
    appSecret: DEMO_APP_SECRET,
    accessToken: 'demo-access-token-balangan',
  })

  const people: [string, string, string, string?][] = [
    ['admin@balangan.demo', 'Admin LA-LISA', 'admin'],
    ['operator@balangan.demo', 'Rina Operator', 'operator'],
    ['piket@balangan.demo', 'Budi Petugas Piket', 'duty_officer'],
    ['staf@balangan.demo', 'Sari Staf Administrasi', 'admin_staff', sekretariat.id],
    ['kasi@balangan.demo', 'Ahmad Kasi', 'supervisor', trantibum.id],
    ['kabid@balangan.demo', 'Hendra Kabid', 'head_of_division', trantibum.id],
    ['trc@balangan.demo', 'Joko TRC', 'trc', trcParingin.id],
    ['sekretaris@balangan.demo', 'Dewi Sekretaris', 'secretary', sekretariat.id],
    ['kepala@balangan.demo', 'Kepala Satpol PP', 'head'],
    ['bupati@balangan.demo', 'Bupati Balangan', 'regent'],
  ]
  for (const [email, name, role, unitId] of people) {
    await createUser({ tenant, email, name, roles: [role], passwordHash, unitId })
  }
  return tenant
}

async function seedTangerang(passwordHash: string, areas: Areas) {
  const tenant = await createTenant({
    slug: 'tangerang',
    name: 'Diskominfo Kota Tangerang (UPT Ruang Kendali)',
    serviceName: 'LAKSA',
    regionName: 'Kota Tangerang',
    regionCode: '36.71',
    timezone: 'Asia/Jakarta',
    ticketPrefix: 'LAKSA',
    businessHours: { start: '08:00', end: '16:00' },
    letterhead: {
      parentName: 'PEMERINTAH KOTA TANGERANG',
      agencyName: 'DINAS KOMUNIKASI DAN INFORMATIKA',
      address: 'Jl. Satria Sudirman No. 1, Kota Tangerang, Banten',
    },
  })
  await renameRole(tenant, 'operator', { nameId: 'Operator TLR', nameEn: 'Control room operator (TLR)' })
  await renameRole(tenant, 'regent', { nameId: 'Wali Kota', nameEn: 'Mayor' })

  const controlRoom = await createUnit(tenant, {
    kind: 'control_room',
    name: 'UPT Pengelola Ruang Kendali Kota',
    shortName: 'Ruang Kendali',
  })
  const pupr = await createUnit(tenant, {
    kind: 'opd',
    name: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    shortName: 'Dinas PUPR',
    email: 'pupr@tangerang.demo',
  })
  const dlh = await createUnit(tenant, {
    kind: 'opd',
    name: 'Dinas Lingkungan Hidup',
    shortName: 'DLH',
    email: 'dlh@tangerang.demo',
  })
  const dishub = await createUnit(tenant, { kind: 'opd', name: 'Dinas Perhubungan', shortName: 'Dishub' })
  await seedAreas(tenant, areas[DEMO_REGIONS.tangerang] ?? [])

  for (const [key, nameId, nameEn, unit] of [
    ['jalan-rusak', 'Jalan rusak', 'Damaged road', pupr],
    ['drainase', 'Saluran air dan genangan', 'Drainage and flooding', pupr],
    ['sampah', 'Sampah', 'Waste', dlh],
    ['lalu-lintas', 'Lalu lintas dan parkir', 'Traffic and parking', dishub],
    ['lainnya', 'Lainnya', 'Other', controlRoom],
  ] as const) {
    await createCategory(tenant, { key, nameId, nameEn, defaultUnitId: unit.id })
  }

  await createWhatsappChannel(tenant, {
    phoneNumberId: '109000000000002',
    displayNumber: '+62 811-5200-0002',
    verifyToken: DEMO_VERIFY_TOKEN,
    appSecret: DEMO_APP_SECRET,
    accessToken: 'demo-access-token-tangerang',
  })

  const people: [string, string, string, string?][] = [
    ['admin@tangerang.demo', 'Admin LAKSA', 'admin', controlRoom.id],
    ['operator@tangerang.demo', 'Tono Operator TLR', 'operator', controlRoom.id],
    ['opd-pupr@tangerang.demo', 'Petugas Dinas PUPR', 'opd_officer', pupr.id],
    ['opd-dlh@tangerang.demo', 'Petugas DLH', 'opd_officer', dlh.id],
    ['walikota@tangerang.demo', 'Wali Kota Tangerang', 'regent'],
  ]
  for (const [email, name, role, unitId] of people) {
    await createUser({ tenant, email, name, roles: [role], passwordHash, unitId })
  }
  return tenant
}
