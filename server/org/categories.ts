import { and, asc, eq, like, ne, or, sql } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { categories, sops, units } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'

export type Category = typeof categories.$inferSelect

export type CategoryFields = {
  nameId: string
  /** Empty: the Indonesian name is shown to English readers too. */
  nameEn: string | null
  defaultUnitId: string | null
  /** Null: complaints of this category follow the SOP of the channel they came in on. */
  defaultSopId: string | null
}

/** "Pelanggaran Perda/Perkada" -> "pelanggaran-perda-perkada": stable, readable in URLs and exports. */
export function categoryKeyFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
  return slug || 'kategori'
}

async function freeKey(tx: Tx, tenantId: string, base: string): Promise<string> {
  const taken = new Set(
    (
      await tx
        .select({ key: categories.key })
        .from(categories)
        .where(
          and(
            eq(categories.tenantId, tenantId),
            or(eq(categories.key, base), like(categories.key, `${base}-%`)),
          ),
        )
    ).map((r) => r.key),
  )
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

async function assertValidCategory({
  tx,
  tenantId,
  fields,
  current,
}: {
  tx: Tx
  tenantId: string
  fields: CategoryFields
  current?: Category
}) {
  if (!fields.nameId) throw new AppError('BAD_REQUEST', 'categories.errors.nameRequired')
  const [clash] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(
      and(
        eq(categories.tenantId, tenantId),
        sql`lower(${categories.nameId}) = lower(${fields.nameId})`,
        current ? ne(categories.id, current.id) : undefined,
      ),
    )
  if (clash) throw new AppError('CONFLICT', 'categories.errors.nameTaken', { name: fields.nameId })
  // The composite foreign keys would refuse another tenant's unit or SOP with a database error;
  // this says what is wrong instead. An unchanged choice stays allowed even if it became inactive.
  if (fields.defaultUnitId && fields.defaultUnitId !== current?.defaultUnitId) {
    const [unit] = await tx
      .select({ active: units.active })
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.id, fields.defaultUnitId)))
    if (!unit) throw new AppError('BAD_REQUEST', 'categories.errors.unitUnknown')
    if (!unit.active) throw new AppError('BAD_REQUEST', 'categories.errors.unitInactive')
  }
  if (fields.defaultSopId && fields.defaultSopId !== current?.defaultSopId) {
    const [sop] = await tx
      .select({ archived: sops.archived })
      .from(sops)
      .where(and(eq(sops.tenantId, tenantId), eq(sops.id, fields.defaultSopId)))
    if (!sop || sop.archived) throw new AppError('BAD_REQUEST', 'categories.errors.sopUnknown')
  }
}

export async function createCategory({
  tx,
  tenantId,
  fields,
}: {
  tx: Tx
  tenantId: string
  fields: CategoryFields
}): Promise<Category> {
  await assertValidCategory({ tx, tenantId, fields })
  const key = await freeKey(tx, tenantId, categoryKeyFrom(fields.nameId))
  const [category] = await tx
    .insert(categories)
    .values({ tenantId, key, ...fields, nameEn: fields.nameEn ?? fields.nameId })
    .returning()
  if (!category) throw new AppError('CONFLICT', 'categories.errors.nameTaken', { name: fields.nameId })
  return category
}

/** The key stays as it was made: it may already be used outside (exports, Open311 service codes). */
export async function updateCategory({
  tx,
  tenantId,
  categoryId,
  fields,
  active,
}: {
  tx: Tx
  tenantId: string
  categoryId: string
  fields: CategoryFields
  active: boolean
}): Promise<Category> {
  const current = await categoryOf(tx, tenantId, categoryId)
  await assertValidCategory({ tx, tenantId, fields, current })
  const [category] = await tx
    .update(categories)
    .set({ ...fields, nameEn: fields.nameEn ?? fields.nameId, active })
    .where(and(eq(categories.tenantId, tenantId), eq(categories.id, categoryId)))
    .returning()
  if (!category) throw new AppError('NOT_FOUND', 'errors.notFound')
  return category
}

export async function categoryOf(tx: Tx, tenantId: string, categoryId: string): Promise<Category> {
  const [category] = await tx
    .select()
    .from(categories)
    .where(and(eq(categories.tenantId, tenantId), eq(categories.id, categoryId)))
  if (!category) throw new AppError('NOT_FOUND', 'errors.notFound')
  return category
}

/**
 * What a category's form offers: active units and unarchived SOPs, plus the category's current
 * choices even when they have since been deactivated or archived (so saving does not drop them).
 */
export async function categoryFormOptions(
  tx: Tx,
  tenantId: string,
  current: { defaultUnitId: string | null; defaultSopId: string | null } | null = null,
) {
  const unitRows = await tx
    .select({ id: units.id, kind: units.kind, name: units.name, active: units.active })
    .from(units)
    .where(
      and(
        eq(units.tenantId, tenantId),
        current?.defaultUnitId
          ? or(eq(units.active, true), eq(units.id, current.defaultUnitId))
          : eq(units.active, true),
      ),
    )
    .orderBy(asc(units.name))
  const sopRows = await tx
    .select({
      id: sops.id,
      nameId: sops.nameId,
      nameEn: sops.nameEn,
      channels: sops.channels,
      publishedVersionId: sops.publishedVersionId,
    })
    .from(sops)
    .where(
      and(
        eq(sops.tenantId, tenantId),
        current?.defaultSopId
          ? or(eq(sops.archived, false), eq(sops.id, current.defaultSopId))
          : eq(sops.archived, false),
      ),
    )
    .orderBy(asc(sops.createdAt))
  return {
    units: unitRows,
    sops: sopRows.map(({ publishedVersionId, ...s }) => ({ ...s, published: publishedVersionId !== null })),
  }
}
