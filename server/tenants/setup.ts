import { and, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { BALANGAN_SOPS, DEFAULT_MESSAGE_TEMPLATES, TANGERANG_SOPS, type SeedSop } from '#db/seed/sops.ts'
import { categories, messageTemplates, sops, tenantHolidays } from '#db/schema/index.ts'
import { indonesianHolidays } from '#server/sop/holidays.ts'
import { createSop, publishSop } from '#server/sop/manage.ts'

/**
 * Tenant presets: what a new agency starts with. "Satpol PP kabupaten" copies the Balangan SOPs,
 * "city control room" the Tangerang one; both get every role preset, the reporter message
 * templates and the Indonesian holidays of this year and the next.
 */
export const TENANT_PRESETS = {
  'satpol-pp-kabupaten': { sops: BALANGAN_SOPS },
  'city-control-room': { sops: TANGERANG_SOPS },
} as const satisfies Record<string, { sops: SeedSop[] }>
export type TenantPresetKey = keyof typeof TENANT_PRESETS

export async function installSops(tx: Tx, tenantId: string, seeds: readonly SeedSop[]) {
  for (const seed of seeds) {
    const { sop } = await createSop({ tx, tenantId, ...seed })
    await publishSop({ tx, tenantId, sopId: sop.id, publishedBy: null })
  }
}

export async function installMessageTemplates(tx: Tx, tenantId: string) {
  await tx
    .insert(messageTemplates)
    .values(
      DEFAULT_MESSAGE_TEMPLATES.flatMap((t) => [
        { tenantId, key: t.key, language: 'id', body: t.id },
        { tenantId, key: t.key, language: 'en', body: t.en },
      ]),
    )
    .onConflictDoNothing()
}

/** Preloads national holidays and collective leave; the tenant may edit them afterwards. */
export async function installHolidays(tx: Tx, tenantId: string, years: readonly number[]) {
  const rows = years.flatMap((year) =>
    indonesianHolidays(year).map((h) => ({
      tenantId,
      date: h.date,
      nameId: h.nameId,
      nameEn: h.nameEn,
      kind: h.kind,
    })),
  )
  if (rows.length > 0) await tx.insert(tenantHolidays).values(rows).onConflictDoNothing()
}

export async function applyPreset(tx: Tx, tenantId: string, preset: TenantPresetKey, now = new Date()) {
  await installSops(tx, tenantId, TENANT_PRESETS[preset].sops)
  await installMessageTemplates(tx, tenantId)
  await installHolidays(tx, tenantId, [now.getUTCFullYear(), now.getUTCFullYear() + 1])
}

/** Points a category at an SOP by their keys (used by the seed). */
export async function setCategorySop(tx: Tx, tenantId: string, categoryKey: string, sopKey: string) {
  const [sop] = await tx
    .select({ id: sops.id })
    .from(sops)
    .where(and(eq(sops.tenantId, tenantId), eq(sops.key, sopKey)))
  if (!sop) throw new Error(`no SOP ${sopKey}`)
  await tx
    .update(categories)
    .set({ defaultSopId: sop.id })
    .where(and(eq(categories.tenantId, tenantId), eq(categories.key, categoryKey)))
}
