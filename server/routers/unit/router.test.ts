import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createCategory, createTenant, createUnit, createUser } from '#db/factories/index.ts'
import { units } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { callerFor, refusal } from '#db/test/callers.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'

/** The refusal's code and message key; the key must be translated in both languages. */

const unitsOf = (tenantId: string) =>
  withTenant(tenantId, (tx) => tx.select().from(units).orderBy(units.name))

describe('unit router', () => {
  it('adds a TRC post with coordinates under a division, edits it, deactivates and reactivates it', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const division = await admin.unit.create({ kind: 'division', name: 'Bidang Trantibum' })
    const post = await admin.unit.create({
      kind: 'trc_post',
      name: 'Pos TRC Halong',
      shortName: 'TRC Halong',
      parentId: division.id,
      latitude: -2.1986,
      longitude: 115.5647,
      address: 'Jl. Ahmad Yani, Halong',
      phone: '0526 2028 123',
    })
    const [stored] = await withTenant(env.tenant.id, (tx) =>
      tx.select().from(units).where(eq(units.id, post.id)),
    )
    expect(stored).toMatchObject({
      tenantId: env.tenant.id,
      kind: 'trc_post',
      name: 'Pos TRC Halong',
      parentId: division.id,
      latitude: -2.1986,
      longitude: 115.5647,
      active: true,
    })

    await admin.unit.update({ unitId: post.id, latitude: -2.2, longitude: 115.57, address: '' })
    const edited = await admin.unit.get({ unitId: post.id })
    // Fields left out keep their value; a blank one is cleared.
    expect(edited.unit).toMatchObject({
      name: 'Pos TRC Halong',
      shortName: 'TRC Halong',
      parentId: division.id,
      latitude: -2.2,
      longitude: 115.57,
      address: null,
      phone: '0526 2028 123',
    })
    expect(edited.parentOptions.map((p) => p.name)).toEqual(['Bidang Trantibum'])

    expect(await admin.unit.setActive({ unitId: post.id, active: false })).toMatchObject({ active: false })
    const listed = await admin.unit.find()
    expect(listed.find((u) => u.id === post.id)).toMatchObject({
      active: false,
      parentName: 'Bidang Trantibum',
    })
    await admin.unit.setActive({ unitId: post.id, active: true })
    expect((await unitsOf(env.tenant.id)).find((u) => u.id === post.id)?.active).toBe(true)
  })

  it('refuses out-of-range or half-given coordinates with a translated message and changes nothing', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const post = await admin.unit.create({
      kind: 'trc_post',
      name: 'Pos TRC Juai',
      latitude: -2.3805,
      longitude: 115.6132,
    })
    const before = await unitsOf(env.tenant.id)

    // Swapped latitude and longitude, a missing minus sign far north, and half a pair.
    expect(
      await refusal(admin.unit.update({ unitId: post.id, latitude: 115.6132, longitude: -2.3805 })),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'units.errors.latitudeRange' })
    expect(await refusal(admin.unit.update({ unitId: post.id, longitude: 160 }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'units.errors.longitudeRange',
    })
    expect(await refusal(admin.unit.update({ unitId: post.id, longitude: null }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'units.errors.coordinatesIncomplete',
    })
    expect(
      await refusal(
        admin.unit.create({ kind: 'trc_post', name: 'Pos TRC Awayan', latitude: 12, longitude: 115 }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'units.errors.latitudeRange' })
    expect(await refusal(admin.unit.create({ kind: 'trc_post', name: 'Pos TRC Tanpa Lokasi' }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'units.errors.coordinatesRequired',
    })
    expect(await refusal(admin.unit.create({ kind: 'opd', name: 'Pos TRC Juai' }))).toEqual({
      code: 'CONFLICT',
      messageKey: 'units.errors.nameTaken',
    })
    expect(
      await refusal(admin.unit.create({ kind: 'opd', name: 'Dinas PUPR', email: 'bukan email' })),
    ).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'errors.emailInvalid',
    })
    expect(await unitsOf(env.tenant.id)).toEqual(before)
  })

  it('keeps OPD contact details and allows a parent only for TRC posts', async () => {
    const env = await sopTenant('city-control-room')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const room = await admin.unit.create({ kind: 'control_room', name: 'UPT Ruang Kendali' })
    const opd = await admin.unit.create({
      kind: 'opd',
      name: 'Dinas Lingkungan Hidup',
      shortName: 'DLH',
      email: 'dlh@tangerangkota.go.id',
      phone: '+62 21 5529 000',
    })
    expect((await admin.unit.get({ unitId: opd.id })).unit).toMatchObject({
      kind: 'opd',
      email: 'dlh@tangerangkota.go.id',
      phone: '+62 21 5529 000',
      latitude: null,
    })
    expect(await refusal(admin.unit.update({ unitId: opd.id, parentId: room.id }))).toEqual({
      code: 'BAD_REQUEST',
      messageKey: 'units.errors.parentOnlyForTrcPost',
    })
    // A TRC post cannot hang under an OPD office.
    expect(
      await refusal(
        admin.unit.create({
          kind: 'trc_post',
          name: 'Pos TRC Cipondoh',
          parentId: opd.id,
          latitude: -6.18,
          longitude: 106.68,
        }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'units.errors.parentInvalid' })
  })

  it('tells the admin which active categories and how many members depend on a unit', async () => {
    const env = await sopTenant('city-control-room')
    const admin = await callerFor(env.member('admin').userId, env.tenant.slug)
    const pupr = await createUnit(env.tenant, { kind: 'opd', name: 'Dinas PUPR' })
    await createCategory(env.tenant, { nameId: 'Jalan rusak', defaultUnitId: pupr.id })
    await createCategory(env.tenant, { nameId: 'Lama', defaultUnitId: pupr.id, active: false })
    await createUser({ tenant: env.tenant, roles: ['opd_officer'], unitId: pupr.id })
    const { usage } = await admin.unit.get({ unitId: pupr.id })
    expect(usage.categories.map((c) => c.nameId)).toEqual(['Jalan rusak'])
    expect(usage.members).toBe(1)
  })

  it('refuses a role without unit.manage with 403', async () => {
    const env = await sopTenant('city-control-room')
    const unit = await createUnit(env.tenant, { kind: 'division', name: 'Sekretariat' })
    const operator = await callerFor(env.member('operator').userId, env.tenant.slug)
    expect((await refusal(operator.unit.find())).code).toBe('FORBIDDEN')
    expect((await refusal(operator.unit.create({ kind: 'division', name: 'Bidang Baru' }))).code).toBe(
      'FORBIDDEN',
    )
    expect((await refusal(operator.unit.setActive({ unitId: unit.id, active: false }))).code).toBe(
      'FORBIDDEN',
    )
    expect((await unitsOf(env.tenant.id)).map((u) => [u.name, u.active])).toEqual([['Sekretariat', true]])
  })

  it("answers 404 to tenant A's admin for tenant B's units, through either URL, and B's units stay as they were", async () => {
    const a = await sopTenant('satpol-pp-kabupaten')
    const b = await createTenant()
    const bDivision = await createUnit(b, { kind: 'division', name: 'Bidang B' })
    const bPost = await createUnit(b, {
      kind: 'trc_post',
      name: 'Pos TRC B',
      parentId: bDivision.id,
      latitude: -6.2,
      longitude: 106.8,
    })
    const before = await unitsOf(b.id)
    const own = await callerFor(a.member('admin').userId, a.tenant.slug)
    expect(await refusal(own.unit.get({ unitId: bPost.id }))).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.notFound',
    })
    expect((await refusal(own.unit.update({ unitId: bPost.id, name: 'Diambil alih' }))).code).toBe(
      'NOT_FOUND',
    )
    expect((await refusal(own.unit.setActive({ unitId: bPost.id, active: false }))).code).toBe('NOT_FOUND')
    expect(await own.unit.find()).toEqual([])
    // B's division as the parent of A's new post: refused, and nothing is stored in A either.
    expect(
      await refusal(
        own.unit.create({
          kind: 'trc_post',
          name: 'Pos TRC A',
          parentId: bDivision.id,
          latitude: -2.3,
          longitude: 115.4,
        }),
      ),
    ).toEqual({ code: 'BAD_REQUEST', messageKey: 'units.errors.parentInvalid' })
    expect(await unitsOf(a.tenant.id)).toEqual([])

    const viaB = await callerFor(a.member('admin').userId, b.slug)
    expect((await refusal(viaB.unit.find())).code).toBe('NOT_FOUND')
    expect((await refusal(viaB.unit.get({ unitId: bPost.id }))).code).toBe('NOT_FOUND')
    expect((await refusal(viaB.unit.update({ unitId: bPost.id, name: 'Diambil alih' }))).code).toBe(
      'NOT_FOUND',
    )
    expect((await refusal(viaB.unit.setActive({ unitId: bPost.id, active: false }))).code).toBe('NOT_FOUND')
    expect((await refusal(viaB.unit.create({ kind: 'division', name: 'Bidang Penyusup' }))).code).toBe(
      'NOT_FOUND',
    )
    expect(await unitsOf(b.id)).toEqual(before)
  })
})
