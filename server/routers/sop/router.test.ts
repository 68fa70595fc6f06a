import fs from 'node:fs'
import path from 'node:path'
import { TRPCError } from '@trpc/server'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { sops, sopVersions } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  )

const lalisaTable = fs.readFileSync(path.resolve('server/sop/import/fixtures/lalisa-001.txt'), 'utf8')

describe('sop router', () => {
  it('imports a pasted SOP table as an unpublished SOP with proposed roles, limits and outputs', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const {
      tables: [preview],
    } = await admin.sop.previewImport({ text: lalisaTable })
    expect(preview?.definition.steps.map((s) => s.roleKeys)).toEqual([
      ['operator'],
      ['operator'],
      ['supervisor'],
      ['supervisor'],
      ['head_of_division'],
      ['trc'],
      ['head'],
      ['head'],
    ])
    expect(preview?.definition.steps[4]?.limit).toEqual({ target: 3, max: 5, unit: 'hours' })
    const { sopId } = await admin.sop.createFromImport({
      text: lalisaTable,
      tableIndex: 0,
      nameId: 'LA-LISA hasil impor',
      channels: [],
    })
    const created = await admin.sop.get({ sopId })
    expect(created.latest).toMatchObject({ version: 1, status: 'draft' })
    expect(created.latest.definition.steps.map((s) => s.outputId).at(-1)).toBe('Laporan diterima Pelapor')
    expect(created.problems).toEqual([])
    expect(await admin.sop.publish({ sopId })).toEqual({ version: 1 })
    expect(
      await codeOf(
        admin.sop.createFromImport({
          text: 'tidak ada tabel di sini sama sekali',
          tableIndex: 0,
          nameId: 'Kosong',
          channels: [],
        }),
      ),
    ).toBe('BAD_REQUEST')
  })

  it('lets the admin edit and publish: the published version stays, the draft becomes version 2', async () => {
    const env = await sopTenant('city-control-room')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const [listed] = await admin.sop.find()
    expect(listed).toMatchObject({ key: 'laksa', published: 1, latest: 1, hasDraft: false })
    const sop = await admin.sop.get({ sopId: listed!.id })
    expect(sop.problems).toEqual([])
    const steps = sop.latest.definition.steps.map((s) =>
      s.key === 'input' ? { ...s, limit: { target: 30, max: 30, unit: 'minutes' as const } } : s,
    )
    expect(await admin.sop.saveDraft({ sopId: listed!.id, definition: { steps } })).toEqual({
      version: 2,
      status: 'draft',
    })
    expect(await admin.sop.publish({ sopId: listed!.id })).toEqual({ version: 2 })
    const versions = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(sopVersions).where(eq(sopVersions.sopId, listed!.id)),
    )
    expect(versions.map((v) => [v.version, v.status]).sort()).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ])
  })

  it('refuses an operator (no sop.edit) with 403', async () => {
    const env = await sopTenant('city-control-room')
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect(await codeOf(operator.sop.find())).toBe('FORBIDDEN')
  })

  it("answers 404 to tenant A's admin for tenant B's SOPs, and B's SOP is unchanged", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('city-control-room')
    const [bSop] = await withTenant(b.tenant.id, (tx) => tx.select().from(sops))
    const intruder = await callerFor(a.member('admin').userId, b.tenant.slug)
    expect(await codeOf(intruder.sop.find())).toBe('NOT_FOUND')
    // Even through A's own URL, B's SOP id is not found.
    const own = await callerFor(a.member('admin').userId, a.tenant.slug)
    expect(await codeOf(own.sop.get({ sopId: bSop!.id }))).toBe('NOT_FOUND')
    expect(await codeOf(own.sop.saveDraft({ sopId: bSop!.id, definition: { steps: [] } as never }))).toBe(
      'BAD_REQUEST',
    )
    const firstStep = (
      await withTenant(b.tenant.id, (tx) =>
        tx.select().from(sopVersions).where(eq(sopVersions.sopId, bSop!.id)),
      )
    )[0]!
    expect(await codeOf(own.sop.saveDraft({ sopId: bSop!.id, definition: firstStep.definition }))).toBe(
      'NOT_FOUND',
    )
    expect(await codeOf(own.sop.publish({ sopId: bSop!.id }))).toBe('NOT_FOUND')
    const after = await withTenant(b.tenant.id, (tx) =>
      tx.select().from(sopVersions).where(eq(sopVersions.sopId, bSop!.id)),
    )
    expect(after.map((v) => v.version)).toEqual([1])
  })
})
