import { and, eq, ne, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { units } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'

export type Unit = typeof units.$inferSelect
export type UnitKind = Unit['kind']

/** The order the admin console lists the kinds in: the agency itself first, then where work goes. */
export const UNIT_KINDS = [
  'division',
  'control_room',
  'trc_post',
  'opd',
] as const satisfies readonly UnitKind[]

/** A TRC post belongs to one of the agency's own divisions or to its control room. */
export const TRC_PARENT_KINDS: readonly UnitKind[] = ['division', 'control_room']

/** Roughly Indonesia's bounding box: catches swapped latitude and longitude and a missing minus sign. */
export const COORDINATE_BOUNDS = {
  latitude: { min: -11, max: 6 },
  longitude: { min: 95, max: 141 },
} as const

export type UnitFields = {
  name: string
  shortName: string | null
  parentId: string | null
  latitude: number | null
  longitude: number | null
  address: string | null
  email: string | null
  phone: string | null
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[0-9][0-9 ().-]{4,}$/

async function assertValidUnit({
  tx,
  tenantId,
  kind,
  fields,
  unitId,
}: {
  tx: Tx
  tenantId: string
  kind: UnitKind
  fields: UnitFields
  unitId?: string
}) {
  if (!fields.name) throw new AppError('BAD_REQUEST', 'units.errors.nameRequired')
  const { latitude, longitude } = fields
  if (latitude === null && longitude === null) {
    if (kind === 'trc_post') throw new AppError('BAD_REQUEST', 'units.errors.coordinatesRequired')
  } else {
    if (latitude === null || longitude === null)
      throw new AppError('BAD_REQUEST', 'units.errors.coordinatesIncomplete')
    const { latitude: lat, longitude: lon } = COORDINATE_BOUNDS
    if (latitude < lat.min || latitude > lat.max)
      throw new AppError('BAD_REQUEST', 'units.errors.latitudeRange', { min: lat.min, max: lat.max })
    if (longitude < lon.min || longitude > lon.max)
      throw new AppError('BAD_REQUEST', 'units.errors.longitudeRange', { min: lon.min, max: lon.max })
  }
  if (fields.email && !EMAIL.test(fields.email)) throw new AppError('BAD_REQUEST', 'errors.emailInvalid')
  if (fields.phone && !PHONE.test(fields.phone))
    throw new AppError('BAD_REQUEST', 'units.errors.phoneInvalid')
  if (fields.parentId) {
    if (kind !== 'trc_post') throw new AppError('BAD_REQUEST', 'units.errors.parentOnlyForTrcPost')
    const [parent] = await tx
      .select({ kind: units.kind })
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.id, fields.parentId)))
    if (!parent || !TRC_PARENT_KINDS.includes(parent.kind))
      throw new AppError('BAD_REQUEST', 'units.errors.parentInvalid')
  }
  // Two units of one name would be indistinguishable in every list that offers them.
  const [clash] = await tx
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        eq(units.tenantId, tenantId),
        sql`lower(${units.name}) = lower(${fields.name})`,
        unitId ? ne(units.id, unitId) : undefined,
      ),
    )
  if (clash) throw new AppError('CONFLICT', 'units.errors.nameTaken', { name: fields.name })
}

export async function createUnit({
  tx,
  tenantId,
  kind,
  fields,
}: {
  tx: Tx
  tenantId: string
  kind: UnitKind
  fields: UnitFields
}): Promise<Unit> {
  await assertValidUnit({ tx, tenantId, kind, fields })
  const [unit] = await tx
    .insert(units)
    .values({ tenantId, kind, ...fields })
    .returning()
  if (!unit) throw new AppError('CONFLICT', 'units.errors.nameTaken', { name: fields.name })
  return unit
}

/** Changes the given fields; a field left `undefined` keeps its value. The kind never changes. */
export async function updateUnit({
  tx,
  tenantId,
  unitId,
  changes,
}: {
  tx: Tx
  tenantId: string
  unitId: string
  changes: Partial<UnitFields>
}): Promise<Unit> {
  const existing = await unitOf(tx, tenantId, unitId)
  const defined = Object.fromEntries(
    Object.entries(changes).filter(([, value]) => value !== undefined),
  ) as Partial<UnitFields>
  const fields: UnitFields = {
    name: existing.name,
    shortName: existing.shortName,
    parentId: existing.parentId,
    latitude: existing.latitude,
    longitude: existing.longitude,
    address: existing.address,
    email: existing.email,
    phone: existing.phone,
    ...defined,
  }
  await assertValidUnit({ tx, tenantId, kind: existing.kind, fields, unitId })
  const [unit] = await tx
    .update(units)
    .set(fields)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)))
    .returning()
  if (!unit) throw new AppError('NOT_FOUND', 'errors.notFound')
  return unit
}

/**
 * Units are never deleted: complaints, dispositions and memberships point at them. An inactive
 * unit is no longer offered for new work but keeps its history.
 */
export async function setUnitActive({
  tx,
  tenantId,
  unitId,
  active,
}: {
  tx: Tx
  tenantId: string
  unitId: string
  active: boolean
}): Promise<Unit> {
  const [unit] = await tx
    .update(units)
    .set({ active })
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)))
    .returning()
  if (!unit) throw new AppError('NOT_FOUND', 'errors.notFound')
  return unit
}

export async function unitOf(tx: Tx, tenantId: string, unitId: string): Promise<Unit> {
  const [unit] = await tx
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)))
  if (!unit) throw new AppError('NOT_FOUND', 'errors.notFound')
  return unit
}
