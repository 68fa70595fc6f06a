import { describe, expect, it } from 'vitest'
import { LAKSA_SOP } from '#db/seed/sops.ts'
import { findSopProblems, ZSopDefinition } from '#server/sop/definition.ts'
import { deleteStep, insertStepAfter, moveStep, stepFromForm } from './sop-edit.ts'

const laksa = ZSopDefinition.parse(LAKSA_SOP.definition)
const roles = new Set(['operator', 'opd_officer'])

describe('SOP edits of the admin console', () => {
  it('inserts a step after another and rewires the flow through it, still publishable', () => {
    const { definition, key } = insertStepAfter(laksa, 'input', ['operator'])
    expect(definition.steps.map((s) => s.key)).toEqual([
      'masuk',
      'input',
      key,
      'disposisi',
      'tindak-lanjut-opd',
      'tanggapan',
      'tutup',
      'rekap',
    ])
    expect(definition.steps[1]!.outcomes[0]!.next).toEqual({ step: key })
    expect(definition.steps[2]!.outcomes[0]!.next).toEqual({ step: 'disposisi' })
    expect(findSopProblems(definition, roles)).toEqual([])
  })

  it('inserts a first step that leads to the old first one', () => {
    const { definition, key } = insertStepAfter(laksa, null, ['operator'])
    expect(definition.steps[0]!.key).toBe(key)
    expect(definition.steps[0]!.outcomes[0]!.next).toEqual({ step: 'masuk' })
    expect(findSopProblems(definition, roles)).toEqual([])
  })

  it('deletes a step and sends what led to it onward', () => {
    const definition = deleteStep(laksa, 'input')
    expect(definition.steps.map((s) => s.key)).not.toContain('input')
    expect(definition.steps[0]!.outcomes[0]!.next).toEqual({ step: 'disposisi' })
    expect(findSopProblems(definition, roles)).toEqual([])
  })

  it('moves a step', () => {
    expect(
      moveStep(laksa, 'rekap', -1)
        .steps.slice(-2)
        .map((s) => s.key),
    ).toEqual(['rekap', 'tutup'])
    expect(moveStep(laksa, 'masuk', -1)).toBe(laksa)
  })

  it('reads the step form: limit, roles, checklist lines, outcomes with their destinations', () => {
    const existing = laksa.steps[1]!
    const form = new FormData()
    for (const [k, v] of Object.entries({
      nameId: 'Memasukkan pengaduan',
      nameEn: '',
      limitUnit: 'minutes',
      limitTarget: '30',
      limitMax: '',
      checklist: 'Identitas pelapor\n\nFoto lokasi\n',
      outputId: 'Pengaduan tercatat',
      outcomeCount: '2',
      'outcome.0.key': 'dimasukkan',
      'outcome.0.labelId': 'Pengaduan dimasukkan',
      'outcome.0.labelEn': 'Complaint entered',
      'outcome.0.next': 'disposisi',
      'outcome.1.key': '',
      'outcome.1.labelId': 'Ditolak',
      'outcome.1.next': 'end:rejected',
      escalationRoleKey: '',
      notifyReporter: 'complaint_received',
      notifyRole: 'opd_officer',
    }))
      form.set(k, v)
    form.append('roleKeys', 'operator')
    const step = stepFromForm(form, existing)
    expect(step.key).toBe('input')
    expect(step.nameEn).toBe('Memasukkan pengaduan')
    expect(step.limit).toEqual({ target: 30, max: 30, unit: 'minutes' })
    expect(step.checklist.map((c) => [c.key, c.labelId])).toEqual([
      ['identitas-pelapor', 'Identitas pelapor'],
      ['foto-lokasi', 'Foto lokasi'],
    ])
    expect(step.outcomes.map((o) => [o.key, o.next])).toEqual([
      ['dimasukkan', { step: 'disposisi' }],
      ['ditolak', { end: 'rejected' }],
    ])
    expect(step.onEntry).toEqual([
      { type: 'notify_reporter', templateKey: 'complaint_received' },
      { type: 'notify_role', roleKey: 'opd_officer' },
    ])
    expect(ZSopDefinition.safeParse({ steps: [step] }).success).toBe(true)
  })
})
