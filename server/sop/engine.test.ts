import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { complaintEvents, complaints, sops, stepActions } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { sopTenant } from '#db/test/sop-tenant.ts'
import { AppError } from '#server/errors.ts'
import type { SopDefinition } from './definition.ts'
import { definitionOf, stepHistory, transitionComplaint, type Actor } from './engine.ts'
import { publishSop, saveSopDraft } from './manage.ts'

type Env = Awaited<ReturnType<typeof sopTenant>>
type RoleKey = Parameters<Env['member']>[0]
const MINUTE = 60_000

/** Walks a complaint through the given outcomes, each by the given role, ticking the whole checklist. */
async function drive(env: Env, complaintId: string, path: [string, RoleKey][], start: Date) {
  let now = start
  for (const [outcomeKey, role] of path) {
    now = new Date(now.getTime() + MINUTE)
    await withTenant(env.tenant.id, async (tx) => {
      const [complaint] = await tx.select().from(complaints).where(eq(complaints.id, complaintId))
      const definition = await definitionOf(tx, env.tenant.id, complaint!.sopVersionId!)
      const step = definition.steps.find((s) => s.key === complaint!.currentStepKey)
      const actor: Actor = env.member(role)
      await transitionComplaint({
        tx,
        tenant: env.tenant,
        actor,
        complaintId,
        outcomeKey,
        checklist: step!.checklist.map((c) => c.key),
        now,
      })
    })
  }
  return withTenant(env.tenant.id, async (tx) => {
    const [complaint] = await tx.select().from(complaints).where(eq(complaints.id, complaintId))
    const events = await tx
      .select()
      .from(complaintEvents)
      .where(eq(complaintEvents.complaintId, complaintId))
      .orderBy(complaintEvents.createdAt)
    const actions = await tx
      .select()
      .from(stepActions)
      .where(eq(stepActions.complaintId, complaintId))
      .orderBy(stepActions.createdAt)
    const steps = await stepHistory(tx, env.tenant.id, complaintId)
    return { complaint: complaint!, events, actions, steps }
  })
}

const transitions = (events: { kind: string; fromStepKey: string | null; toStepKey: string | null }[]) =>
  events.filter((e) => e.kind === 'transition').map((e) => `${e.fromStepKey}>${e.toStepKey ?? 'end'}`)

async function refusal(promise: Promise<unknown>) {
  return promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof AppError ? `${error.code}:${error.messageKey}` : String(error)),
  )
}

describe('LA-LISA (SOP 320/008/Satpol PP.Blg/I/2020)', () => {
  // Thursday 2 April 2026, 14:00 WITA.
  const start = new Date('2026-04-02T06:00:00Z')

  it('runs all 8 steps by their roles, with the right due times, events and actions', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('whatsapp', start)
    expect(complaint.currentStepKey).toBe('terima')
    expect(complaint.stepDueAt?.toISOString()).toBe(new Date(start.getTime() + 5 * MINUTE).toISOString())

    const result = await drive(
      env,
      complaint.id,
      [
        ['diterima', 'operator'],
        ['sesuai', 'operator'],
        ['terverifikasi', 'supervisor'],
        ['sesuai', 'supervisor'],
        ['trc-berangkat', 'head_of_division'],
        ['dilaporkan', 'trc'],
        ['diterima', 'head'],
        ['selesai', 'head'],
      ],
      start,
    )
    expect(result.complaint.status).toBe('resolved')
    expect(result.complaint.currentStepKey).toBeNull()
    expect(result.complaint.closedAt).not.toBeNull()
    expect(transitions(result.events)).toEqual([
      'terima>periksa',
      'periksa>verifikasi',
      'verifikasi>cek-lapangan',
      'cek-lapangan>kirim-trc',
      'kirim-trc>trc-selesai',
      'trc-selesai>terima-laporan',
      'terima-laporan>kabari-pelapor',
      'kabari-pelapor>end',
    ])
    expect(result.events[0]?.kind).toBe('sop_started')
    // The TRC step ("3-5 Jam") was entered at start+5 min: target 3 h, due 5 h later, on the clock.
    const trc = result.steps.find((s) => s.stepKey === 'kirim-trc')!
    expect(trc.targetAt!.getTime() - trc.startedAt.getTime()).toBe(3 * 60 * MINUTE)
    expect(trc.dueAt!.getTime() - trc.startedAt.getTime()).toBe(5 * 60 * MINUTE)
    expect(result.steps.every((s) => s.finishedAt && s.finishedAt <= s.dueAt!)).toBe(true)
    expect(
      result.actions.map((a) => `${a.kind}:${(a.params as { templateKey?: string }).templateKey ?? ''}`),
    ).toEqual([
      'notify_reporter:complaint_received',
      'dispatch_trc:',
      'notify_reporter:complaint_in_field',
      'notify_reporter:complaint_resolved',
    ])
  })

  it('returns a complaint that does not fit to the reporter', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('web', start)
    const result = await drive(
      env,
      complaint.id,
      [
        ['diterima', 'operator'],
        ['tidak-sesuai', 'operator'],
      ],
      start,
    )
    expect(result.complaint.status).toBe('rejected')
    expect(transitions(result.events)).toEqual(['terima>periksa', 'periksa>end'])
    expect(result.actions.at(-1)?.params).toEqual({ templateKey: 'complaint_rejected' })
  })

  it('sends a complaint whose field facts do not match back to Kasi/Kasubag', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('whatsapp', start)
    const result = await drive(
      env,
      complaint.id,
      [
        ['diterima', 'operator'],
        ['sesuai', 'operator'],
        ['terverifikasi', 'supervisor'],
        ['tidak-sesuai', 'supervisor'],
        ['terverifikasi', 'supervisor'],
        ['sesuai', 'supervisor'],
      ],
      start,
    )
    expect(transitions(result.events).slice(3)).toEqual([
      'cek-lapangan>verifikasi',
      'verifikasi>cek-lapangan',
      'cek-lapangan>kirim-trc',
    ])
    expect(result.complaint.currentStepKey).toBe('kirim-trc')
    expect(result.steps.filter((s) => s.stepKey === 'verifikasi')).toHaveLength(2)
  })

  it('refuses the wrong role, an incomplete checklist and an unknown outcome, changing nothing', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('whatsapp', start)
    const attempt = (actor: Actor, outcomeKey: string, checklist: string[]) =>
      withTenant(env.tenant.id, (tx) =>
        transitionComplaint({
          tx,
          tenant: env.tenant,
          actor,
          complaintId: complaint.id,
          outcomeKey,
          checklist,
        }),
      )
    expect(
      await refusal(attempt(env.member('trc'), 'diterima', ['verifikasi-laporan', 'data-pelapor'])),
    ).toBe('FORBIDDEN:errors.stepRoleRequired')
    expect(await refusal(attempt(env.member('operator'), 'diterima', ['verifikasi-laporan']))).toBe(
      'BAD_REQUEST:errors.checklistIncomplete',
    )
    expect(
      await refusal(attempt(env.member('operator'), 'lompat', ['verifikasi-laporan', 'data-pelapor'])),
    ).toBe('BAD_REQUEST:errors.unknownOutcome')
    const after = await withTenant(env.tenant.id, async (tx) => ({
      complaint: (await tx.select().from(complaints).where(eq(complaints.id, complaint.id)))[0],
      events: await tx.select().from(complaintEvents).where(eq(complaintEvents.complaintId, complaint.id)),
    }))
    expect(after.complaint?.currentStepKey).toBe('terima')
    expect(after.complaint?.version).toBe(complaint.version)
    expect(after.events.map((e) => e.kind)).toEqual(['sop_started'])
  })

  it('refuses a transition on a finished complaint', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('web', start)
    await drive(
      env,
      complaint.id,
      [
        ['diterima', 'operator'],
        ['tidak-sesuai', 'operator'],
      ],
      start,
    )
    const again = withTenant(env.tenant.id, (tx) =>
      transitionComplaint({
        tx,
        tenant: env.tenant,
        actor: env.member('operator'),
        complaintId: complaint.id,
        outcomeKey: 'sesuai',
        checklist: [],
      }),
    )
    expect(await refusal(again)).toBe('CONFLICT:errors.complaintNotActive')
  })

  it('lets exactly one of two concurrent transitions win; the other gets a conflict', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('whatsapp', start)
    const once = () =>
      withTenant(env.tenant.id, (tx) =>
        transitionComplaint({
          tx,
          tenant: env.tenant,
          actor: env.member('operator'),
          complaintId: complaint.id,
          outcomeKey: 'diterima',
          checklist: ['verifikasi-laporan', 'data-pelapor'],
          // What the person's screen showed, as every transition from the console sends.
          expectedVersion: complaint.version,
        }),
      )
    const outcomes = await Promise.all([refusal(once()), refusal(once()), refusal(once())])
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'CONFLICT:errors.transitionConflict')).toHaveLength(2)
    const events = await withTenant(env.tenant.id, (tx) =>
      tx
        .select()
        .from(complaintEvents)
        .where(and(eq(complaintEvents.complaintId, complaint.id), eq(complaintEvents.kind, 'transition'))),
    )
    expect(events).toHaveLength(1)
  })
})

describe('walk-in complaints (Prosedur Pelayanan Pengaduan Secara Langsung)', () => {
  const start = new Date('2026-04-02T01:00:00Z') // 09:00 WITA

  it('runs through the coordination with the operations division and ends with the service receipt', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('walk_in', start)
    expect(complaint.currentStepKey).toBe('kedatangan')
    const result = await drive(
      env,
      complaint.id,
      [
        ['tercatat', 'duty_officer'],
        ['diserahkan', 'duty_officer'],
        ['koordinasi', 'admin_staff'],
        ['dilaporkan', 'head_of_division'],
        ['disampaikan', 'admin_staff'],
        ['layanan-siap', 'operator'],
        ['diterima', 'operator'],
      ],
      start,
    )
    expect(result.complaint.status).toBe('resolved')
    expect(transitions(result.events)).toEqual([
      'kedatangan>hubungi-staf',
      'hubungi-staf>analisis',
      'analisis>keamanan',
      'keamanan>serahkan',
      'serahkan>klarifikasi',
      'klarifikasi>layanan-diterima',
      'layanan-diterima>end',
    ])
    const klarifikasi = result.steps.find((s) => s.stepKey === 'klarifikasi')!
    expect(klarifikasi.dueAt!.getTime() - klarifikasi.startedAt.getTime()).toBe(180 * MINUTE)
    expect(result.actions.map((a) => a.kind)).toEqual(['generate_letter'])
    expect(result.actions[0]?.params).toEqual({ letterKind: 'service_receipt' })
  })

  it('can skip the coordination step', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('walk_in', start)
    const result = await drive(
      env,
      complaint.id,
      [
        ['tercatat', 'duty_officer'],
        ['diserahkan', 'duty_officer'],
        ['lanjut', 'admin_staff'],
        ['disampaikan', 'admin_staff'],
        ['layanan-siap', 'operator'],
        ['diterima', 'operator'],
      ],
      start,
    )
    expect(transitions(result.events)).toContain('analisis>serahkan')
    expect(result.complaint.status).toBe('resolved')
  })
})

describe('indirect complaints (Prosedur Pelayanan Pengaduan Secara Tidak Langsung)', () => {
  // Thursday 2 April 2026, 14:00 WITA: the next day is Good Friday.
  const start = new Date('2026-04-02T06:00:00Z')

  it('counts the clarification in working days on the WITA calendar and takes the legal assistance path', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('letter', start)
    const result = await drive(
      env,
      complaint.id,
      [
        ['diserahkan', 'admin_staff'],
        ['perlu-lanjut', 'operator'],
        ['pendampingan', 'head_of_division'],
        ['direkomendasikan', 'secretary'],
        ['diberikan', 'head'],
        ['dikirim', 'operator'],
        ['diterima', 'operator'],
      ],
      start,
    )
    expect(transitions(result.events)).toEqual([
      'berkas>klarifikasi',
      'klarifikasi>telaah',
      'telaah>rekomendasi',
      'rekomendasi>pendampingan',
      'pendampingan>surat',
      'surat>diterima',
      'diterima>end',
    ])
    // Entered Thursday 14:01 WITA; 10 working days skip Good Friday and two weekends: Friday 17 April 14:01.
    const klarifikasi = result.steps.find((s) => s.stepKey === 'klarifikasi')!
    expect(klarifikasi.dueAt?.toISOString()).toBe('2026-04-17T06:01:00.000Z')
    expect(result.actions.map((a) => a.kind)).toEqual(['generate_letter', 'notify_reporter'])
    expect(result.complaint.status).toBe('resolved')
  })

  it('takes the other-service path past the secretary', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('letter', start)
    const result = await drive(
      env,
      complaint.id,
      [
        ['diserahkan', 'admin_staff'],
        ['perlu-lanjut', 'operator'],
        ['layanan-lain', 'head_of_division'],
        ['dikirim', 'operator'],
        ['diterima', 'operator'],
      ],
      start,
    )
    expect(transitions(result.events)).toEqual([
      'berkas>klarifikasi',
      'klarifikasi>telaah',
      'telaah>surat',
      'surat>diterima',
      'diterima>end',
    ])
  })

  it('tells the reporter when the case cannot be followed up', async () => {
    const env = await sopTenant('satpol-pp-kabupaten')
    const complaint = await env.newComplaint('letter', start)
    const result = await drive(
      env,
      complaint.id,
      [
        ['diserahkan', 'admin_staff'],
        ['tidak-dapat', 'operator'],
      ],
      start,
    )
    expect(result.complaint.status).toBe('rejected')
    expect(result.actions.at(-1)).toMatchObject({
      kind: 'notify_reporter',
      params: { templateKey: 'complaint_rejected' },
    })
  })
})

describe('LAKSA (Kota Tangerang control room)', () => {
  const start = new Date('2026-06-10T16:58:00Z') // 23:58 WIB: the 5-minute steps cross midnight

  it('runs the six control-room steps and the OPD follow-up, re-disposing once', async () => {
    const env = await sopTenant('city-control-room')
    const complaint = await env.newComplaint('whatsapp', start)
    expect(complaint.currentStepKey).toBe('masuk')
    expect(complaint.stepDueAt).toBeNull()
    const result = await drive(
      env,
      complaint.id,
      [
        ['diterima', 'operator'],
        ['dimasukkan', 'operator'],
        ['didisposisi', 'operator'],
        ['bukan-kewenangan', 'opd_officer'],
        ['didisposisi', 'operator'],
        ['dijawab', 'opd_officer'],
        ['terkirim', 'operator'],
        ['ditutup', 'operator'],
        ['tercatat', 'operator'],
      ],
      start,
    )
    expect(transitions(result.events)).toEqual([
      'masuk>input',
      'input>disposisi',
      'disposisi>tindak-lanjut-opd',
      'tindak-lanjut-opd>disposisi',
      'disposisi>tindak-lanjut-opd',
      'tindak-lanjut-opd>tanggapan',
      'tanggapan>tutup',
      'tutup>rekap',
      'rekap>end',
    ])
    const input = result.steps.find((s) => s.stepKey === 'input')!
    expect(input.startedAt.toISOString()).toBe('2026-06-10T16:59:00.000Z')
    expect(input.dueAt?.toISOString()).toBe('2026-06-10T17:04:00.000Z') // 00:04 WIB, the next day
    expect(result.actions.filter((a) => a.kind === 'dispose_to_opd')).toHaveLength(2)
    expect(result.complaint.status).toBe('resolved')
  })

  it('closes what is not a complaint', async () => {
    const env = await sopTenant('city-control-room')
    const complaint = await env.newComplaint('web', start)
    const result = await drive(env, complaint.id, [['bukan-aduan', 'operator']], start)
    expect(result.complaint.status).toBe('closed')
  })
})

describe('SOP versions', () => {
  it('refuses to publish an SOP that cannot finish, naming the step', async () => {
    const env = await sopTenant('city-control-room')
    await withTenant(env.tenant.id, async (tx) => {
      const [sop] = await tx.select().from(sops).where(eq(sops.tenantId, env.tenant.id))
      const base: SopDefinition = await definitionOf(tx, env.tenant.id, sop!.publishedVersionId!)
      const step = (key: string, nameId: string, outcomes: SopDefinition['steps'][number]['outcomes']) => ({
        ...base.steps[0]!,
        key,
        nameId,
        outcomes,
      })
      const cases: [SopDefinition, string, Record<string, string>][] = [
        [
          {
            steps: [
              step('a', 'Langkah A', [
                { key: 'x', labelId: 'Ke Z', labelEn: 'To Z', next: { step: 'z' }, actions: [] },
              ]),
            ],
          },
          'sop.problems.outcomeToNowhere',
          { step: 'Langkah A', outcome: 'Ke Z' },
        ],
        [
          {
            steps: [
              step('a', 'Langkah A', [
                { key: 'x', labelId: 'Selesai', labelEn: 'Done', next: { end: 'resolved' }, actions: [] },
              ]),
              step('b', 'Langkah B', [
                { key: 'x', labelId: 'Selesai', labelEn: 'Done', next: { end: 'resolved' }, actions: [] },
              ]),
            ],
          },
          'sop.problems.unreachableStep',
          { step: 'Langkah B' },
        ],
        [
          {
            steps: [
              step('a', 'Langkah A', [
                { key: 'x', labelId: 'Ke B', labelEn: 'To B', next: { step: 'b' }, actions: [] },
              ]),
              step('b', 'Langkah B', [
                { key: 'x', labelId: 'Ke A', labelEn: 'To A', next: { step: 'a' }, actions: [] },
              ]),
            ],
          },
          'sop.problems.noExit',
          { step: 'Langkah A' },
        ],
        [
          { steps: [{ ...base.steps[6]!, roleKeys: ['juru-parkir'] }] },
          'sop.problems.unknownRole',
          { step: base.steps[6]!.nameId, role: 'juru-parkir' },
        ],
      ]
      for (const [definition, messageKey, params] of cases) {
        await saveSopDraft({ tx, tenantId: env.tenant.id, sopId: sop!.id, definition })
        const error = await publishSop({
          tx,
          tenantId: env.tenant.id,
          sopId: sop!.id,
          publishedBy: null,
        }).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(AppError)
        expect({ key: (error as AppError).messageKey, params: (error as AppError).params }).toEqual({
          key: messageKey,
          params,
        })
      }
      // Still the first version for new complaints.
      const [after] = await tx.select().from(sops).where(eq(sops.id, sop!.id))
      expect(after?.publishedVersionId).toBe(sop!.publishedVersionId)
    })
  })

  it('lets a running complaint keep its version while new complaints follow the new one', async () => {
    const env = await sopTenant('city-control-room')
    const start = new Date('2026-06-10T02:00:00Z')
    const old = await env.newComplaint('web', start)
    await withTenant(env.tenant.id, async (tx) => {
      const [sop] = await tx.select().from(sops).where(eq(sops.tenantId, env.tenant.id))
      const definition = await definitionOf(tx, env.tenant.id, sop!.publishedVersionId!)
      const [first, ...rest] = definition.steps
      const triage = {
        ...first!,
        key: 'triase',
        nameId: 'Triase awal',
        nameEn: 'Triage',
        limit: { target: 30, max: 30, unit: 'minutes' as const },
        outcomes: [
          { key: 'lanjut', labelId: 'Lanjut', labelEn: 'Continue', next: { step: first!.key }, actions: [] },
        ],
      }
      const draft = await saveSopDraft({
        tx,
        tenantId: env.tenant.id,
        sopId: sop!.id,
        definition: { steps: [triage, first!, ...rest] },
      })
      expect(draft.version).toBe(2)
      await publishSop({
        tx,
        tenantId: env.tenant.id,
        sopId: sop!.id,
        publishedBy: env.member('admin').membershipId,
      })
      return sop!.publishedVersionId!
    }).then(async (firstVersionId) => {
      // The published first version can no longer be changed, not even by a direct update.
      const refused = await withTenant(env.tenant.id, (tx) =>
        tx.execute(sql`update sop_versions set definition = '{"steps":[]}' where id = ${firstVersionId}`),
      ).catch((error: unknown) => String((error as { cause?: unknown }).cause ?? error))
      expect(refused).toMatch(/published and cannot change/)
    })
    const fresh = await env.newComplaint('web', new Date(start.getTime() + 60 * MINUTE))
    expect(fresh.currentStepKey).toBe('triase')
    expect(fresh.stepDueAt?.getTime()).toBe(start.getTime() + 90 * MINUTE)
    expect(fresh.sopVersionId).not.toBe(old.sopVersionId)
    const continued = await drive(env, old.id, [['diterima', 'operator']], start)
    expect(continued.complaint.currentStepKey).toBe('input')
    expect(continued.complaint.sopVersionId).toBe(old.sopVersionId)
  })
})
