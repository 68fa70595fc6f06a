import { and, desc, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import type { ChannelKind } from '#db/schema/enums.ts'
import { roles, sops, sopVersions } from '#db/schema/index.ts'
import { AppError } from '#server/errors.ts'
import { findSopProblems, ZSopDefinition, type SopDefinitionInput, type SopProblem } from './definition.ts'

/**
 * SOP versions: a published version never changes (a trigger refuses it too); saving changes to a
 * published SOP makes the next version as a draft; publishing makes it the one new complaints use,
 * while running complaints keep the version they started on.
 */

export async function createSop({
  tx,
  tenantId,
  key,
  nameId,
  nameEn,
  reference,
  channels,
  definition,
}: {
  tx: Tx
  tenantId: string
  key: string
  nameId: string
  nameEn: string
  reference?: string | null
  channels: ChannelKind[]
  definition: SopDefinitionInput
}) {
  const parsed = parseDefinition(definition)
  const existing = await tx
    .select({ id: sops.id })
    .from(sops)
    .where(and(eq(sops.tenantId, tenantId), eq(sops.key, key)))
  if (existing.length > 0) throw new AppError('CONFLICT', 'errors.sopKeyTaken', { key })
  const [sop] = await tx
    .insert(sops)
    .values({ tenantId, key, nameId, nameEn, reference, channels })
    .returning()
  if (!sop) throw new AppError('CONFLICT', 'errors.sopKeyTaken', { key })
  const [version] = await tx
    .insert(sopVersions)
    .values({ tenantId, sopId: sop.id, version: 1, definition: parsed })
    .returning()
  return { sop, version: version! }
}

function parseDefinition(definition: SopDefinitionInput) {
  const parsed = ZSopDefinition.safeParse(definition)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError('BAD_REQUEST', 'errors.sopInvalid', {
      path: issue?.path.join('.') ?? '',
      reason: issue?.message ?? '',
    })
  }
  return parsed.data
}

async function latestVersion(tx: Tx, tenantId: string, sopId: string) {
  const [version] = await tx
    .select()
    .from(sopVersions)
    .where(and(eq(sopVersions.tenantId, tenantId), eq(sopVersions.sopId, sopId)))
    .orderBy(desc(sopVersions.version))
    .limit(1)
  if (!version) throw new AppError('NOT_FOUND', 'errors.notFound')
  return version
}

/** Saves the draft; on a published SOP it opens version N+1, leaving N untouched. */
export async function saveSopDraft({
  tx,
  tenantId,
  sopId,
  definition,
}: {
  tx: Tx
  tenantId: string
  sopId: string
  definition: SopDefinitionInput
}) {
  const parsed = parseDefinition(definition)
  const latest = await latestVersion(tx, tenantId, sopId)
  if (latest.status === 'draft') {
    const [saved] = await tx
      .update(sopVersions)
      .set({ definition: parsed })
      .where(and(eq(sopVersions.tenantId, tenantId), eq(sopVersions.id, latest.id)))
      .returning()
    return saved!
  }
  const [created] = await tx
    .insert(sopVersions)
    .values({ tenantId, sopId, version: latest.version + 1, definition: parsed })
    .returning()
  return created!
}

export async function tenantRoleKeys(tx: Tx, tenantId: string): Promise<Set<string>> {
  const rows = await tx.select({ key: roles.key }).from(roles).where(eq(roles.tenantId, tenantId))
  return new Set(rows.map((r) => r.key))
}

/** The reasons the SOP's latest version cannot be published yet; empty when it can. */
export async function checkSop({
  tx,
  tenantId,
  sopId,
}: {
  tx: Tx
  tenantId: string
  sopId: string
}): Promise<SopProblem[]> {
  const latest = await latestVersion(tx, tenantId, sopId)
  return findSopProblems(latest.definition, await tenantRoleKeys(tx, tenantId))
}

export async function publishSop({
  tx,
  tenantId,
  sopId,
  publishedBy,
  now = new Date(),
}: {
  tx: Tx
  tenantId: string
  sopId: string
  publishedBy: string | null
  now?: Date
}) {
  const latest = await latestVersion(tx, tenantId, sopId)
  if (latest.status !== 'draft') throw new AppError('CONFLICT', 'errors.sopNothingToPublish')
  const problems = findSopProblems(latest.definition, await tenantRoleKeys(tx, tenantId))
  const first = problems[0]
  if (first) throw new AppError('BAD_REQUEST', first.messageKey, first.params)
  await tx
    .update(sopVersions)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(sopVersions.tenantId, tenantId),
        eq(sopVersions.sopId, sopId),
        eq(sopVersions.status, 'published'),
      ),
    )
  const [published] = await tx
    .update(sopVersions)
    .set({ status: 'published', publishedAt: now, publishedBy })
    .where(and(eq(sopVersions.tenantId, tenantId), eq(sopVersions.id, latest.id)))
    .returning()
  await tx
    .update(sops)
    .set({ publishedVersionId: latest.id })
    .where(and(eq(sops.tenantId, tenantId), eq(sops.id, sopId)))
  return published!
}
