import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createCategory, createTenant, createUnit } from '#db/factories/index.ts'
import { categories, sops } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'

/** The refusal's code and message key; the key must be translated in both languages. */

const categoriesOf = (tenantId: string) =>
  withTenant(tenantId, (tx) => tx.select().from(categories).orderBy(categories.nameId))
const sopsOf = (tenantId: string) => withTenant(tenantId, (tx) => tx.select().from(sops).orderBy(sops.key))

describe('category router', () => {
  it('adds a category with a default unit and SOP, its key made from the Indonesian name, then edits it', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const perda = await createUnit(env.tenant, { kind: 'division', name: 'Bidang Penegakan Perda' })
    const options = await admin.category.getFormOptions()
    expect(options.units.map((u) => u.name)).toEqual(['Bidang Penegakan Perda'])
    const walkIn = options.sops.find((s) => s.channels.includes('walk_in'))!
    expect(walkIn).toMatchObject({ published: true })

    const created = await admin.category.create({
      nameId: 'Reklame liar / Baliho',
      nameEn: 'Illegal billboards',
      defaultUnitId: perda.id,
      defaultSopId: walkIn.id,
    })
    expect(created.key).toBe('reklame-liar-baliho')
    const [stored] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(categories).where(eq(categories.id, created.id)),
    )
    expect(stored).toMatchObject({
      tenantId: env.tenant.id,
      key: 'reklame-liar-baliho',
      nameId: 'Reklame liar / Baliho',
      nameEn: 'Illegal billboards',
      defaultUnitId: perda.id,
      defaultSopId: walkIn.id,
      active: true,
    })
    const listed = (await admin.category.find()).find((c) => c.id === created.id)
    expect(listed).toMatchObject({
      defaultUnit: { name: 'Bidang Penegakan Perda', active: true },
      defaultSop: { nameId: walkIn.nameId },
    })

    // "Follow the channel's SOP" is null; a blank English name falls back to the Indonesian one.
    await admin.category.update({
      categoryId: created.id,
      nameId: 'Reklame liar',
      nameEn: '',
      defaultUnitId: perda.id,
      defaultSopId: null,
      active: false,
    })
    expect((await admin.category.get({ categoryId: created.id })).category).toMatchObject({
      key: 'reklame-liar-baliho',
      nameId: 'Reklame liar',
      nameEn: 'Reklame liar',
      defaultSopId: null,
      active: false,
    })
    // A second category of a similar name gets its own key.
    expect(
      (
        await admin.category.create({
          nameId: 'Reklame-liar / baliho!',
          defaultUnitId: null,
          defaultSopId: null,
        })
      ).key,
    ).toBe('reklame-liar-baliho-2')
  })

  it('refuses an unknown or inactive unit, an unknown SOP and a duplicate name, and stores nothing', async () => {
    const env = await sopTenant('city-control-room')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const closed = await createUnit(env.tenant, { kind: 'opd', name: 'Dinas Lama', active: false })
    await createCategory(env.tenant, { nameId: 'Sampah' })
    const before = await categoriesOf(env.tenant.id)
    const input = { nameId: 'Drainase', defaultUnitId: null, defaultSopId: null }
    expect(await refusal(admin.category.create({ ...input, defaultUnitId: closed.id }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'categories.errors.unitInactive',
    })
    expect(
      await refusal(
        admin.category.create({ ...input, defaultSopId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'categories.errors.sopUnknown' })
    expect(await refusal(admin.category.create({ ...input, nameId: ' sampah ' }))).toEqual({
      code: 'CONFLICT',
      messageKey: 'categories.errors.nameTaken',
    })
    expect(await refusal(admin.category.create({ ...input, nameId: '   ' }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'categories.errors.nameRequired',
    })
    expect(await categoriesOf(env.tenant.id)).toEqual(before)
  })

  it("refuses another tenant's unit or SOP as a default with BAD_REQUEST, not a database error", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await sopTenant('city-control-room')
    const bUnit = await createUnit(b.tenant, { kind: 'opd', name: 'Dinas PUPR' })
    const [bSop] = await sopsOf(b.tenant.id)
    const aUnit = await createUnit(a.tenant, { kind: 'division', name: 'Bidang Trantibum' })
    const aCategory = await createCategory(a.tenant, { nameId: 'Lainnya', defaultUnitId: aUnit.id })
    const beforeA = await categoriesOf(a.tenant.id)
    const admin = await callerFor(a.member('admin').userId, a.tenant.slug)
    const input = { nameId: 'Reklame liar', defaultUnitId: null, defaultSopId: null }
    expect(await refusal(admin.category.create({ ...input, defaultUnitId: bUnit.id }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'categories.errors.unitUnknown',
    })
    expect(await refusal(admin.category.create({ ...input, defaultSopId: bSop!.id }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'categories.errors.sopUnknown',
    })
    expect(
      await refusal(
        admin.category.update({ ...input, categoryId: aCategory.id, defaultSopId: bSop!.id, active: true }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'categories.errors.sopUnknown' })
    expect(await categoriesOf(a.tenant.id)).toEqual(beforeA)
  })

  it('refuses a role without category.manage with 403', async () => {
    const env = await sopTenant('city-control-room')
    const category = await createCategory(env.tenant, { nameId: 'Sampah' })
    const before = await categoriesOf(env.tenant.id)
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect((await refusal(operator.category.find())).code).toBe('FORBIDDEN')
    expect(
      (
        await refusal(
          operator.category.update({
            categoryId: category.id,
            nameId: 'Diubah',
            defaultUnitId: null,
            defaultSopId: null,
            active: false,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect(await categoriesOf(env.tenant.id)).toEqual(before)
  })

  it("answers 404 to tenant A's admin for tenant B's categories, through either URL, and B's stay as they were", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await createTenant()
    const bUnit = await createUnit(b, { kind: 'opd', name: 'Dinas PUPR B' })
    const bCategory = await createCategory(b, { nameId: 'Jalan rusak', defaultUnitId: bUnit.id })
    const before = await categoriesOf(b.id)
    const update = {
      categoryId: bCategory.id,
      nameId: 'Diambil alih',
      defaultUnitId: null,
      defaultSopId: null,
      active: false,
    }
    const own = await callerFor(a.member('admin').userId, a.tenant.slug)
    expect(await refusal(own.category.get({ categoryId: bCategory.id }))).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    expect((await refusal(own.category.update(update))).code).toBe('NOT_FOUND')
    expect((await own.category.find()).map((c) => c.id)).not.toContain(bCategory.id)
    expect((await own.category.getFormOptions()).units.map((u) => u.id)).not.toContain(bUnit.id)

    const viaB = await callerFor(a.member('admin').userId, b.slug)
    expect((await refusal(viaB.category.find())).code).toBe('NOT_FOUND')
    expect((await refusal(viaB.category.get({ categoryId: bCategory.id }))).code).toBe('NOT_FOUND')
    expect((await refusal(viaB.category.update(update))).code).toBe('NOT_FOUND')
    expect(
      (
        await refusal(
          viaB.category.create({ nameId: 'Penyusup', defaultUnitId: bUnit.id, defaultSopId: null }),
        )
      ).code,
    ).toBe('NOT_FOUND')
    expect(await categoriesOf(b.id)).toEqual(before)
  })
})
