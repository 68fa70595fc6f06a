import type { SopDefinition, SopStep, StepAction } from '#server/sop/definition.ts'
import { keyFromLabel } from '#server/sop/keys.ts'

/**
 * Pure edits of an SOP definition made by the admin console's forms. The result is saved as the
 * draft; publishing checks it (findSopProblems), so an edit may leave problems for the admin to fix.
 */

export type FormValues = {
  get(name: string): FormDataEntryValue | null
  getAll(name: string): FormDataEntryValue[]
}

const text = (form: FormValues, name: string) => String(form.get(name) ?? '').trim()

/** A key from a label, unique among `taken` (the same rule as the server's import). */
export function keyFrom(label: string, taken: ReadonlySet<string>, fallback = 'langkah'): string {
  return keyFromLabel(label, taken, fallback)
}

/** Inserts a new step after `afterKey` (or first when null); what led on to the next step now leads to the new one. */
export function insertStepAfter(
  definition: SopDefinition,
  afterKey: string | null,
  roleKeys: string[],
): { definition: SopDefinition; key: string } {
  const index = afterKey === null ? -1 : definition.steps.findIndex((s) => s.key === afterKey)
  const following = definition.steps[index + 1]
  const key = keyFrom('langkah-baru', new Set(definition.steps.map((s) => s.key)))
  const step: SopStep = {
    key,
    nameId: 'Langkah baru',
    nameEn: 'New step',
    roleKeys,
    limit: null,
    escalationRoleKey: null,
    checklist: [],
    outputId: '',
    outputEn: '',
    onEntry: [],
    outcomes: [
      following
        ? {
            key: 'lanjut',
            labelId: 'Lanjut',
            labelEn: 'Continue',
            next: { step: following.key },
            actions: [],
          }
        : { key: 'selesai', labelId: 'Selesai', labelEn: 'Done', next: { end: 'resolved' }, actions: [] },
    ],
  }
  const previous = index >= 0 ? definition.steps[index] : undefined
  const steps = definition.steps.map((s) =>
    s === previous && following
      ? {
          ...s,
          outcomes: s.outcomes.map((o) =>
            'step' in o.next && o.next.step === following.key ? { ...o, next: { step: key } } : o,
          ),
        }
      : s,
  )
  steps.splice(index + 1, 0, step)
  return { definition: { steps }, key }
}

/** Removes a step; outcomes that led to it lead where its first outcome led. */
export function deleteStep(definition: SopDefinition, key: string): SopDefinition {
  const removed = definition.steps.find((s) => s.key === key)
  if (!removed || definition.steps.length === 1) return definition
  const onward = removed.outcomes[0]?.next ?? { end: 'closed' as const }
  return {
    steps: definition.steps
      .filter((s) => s.key !== key)
      .map((s) => ({
        ...s,
        outcomes: s.outcomes.map((o) =>
          'step' in o.next && o.next.step === key ? { ...o, next: onward } : o,
        ),
      })),
  }
}

export function moveStep(definition: SopDefinition, key: string, direction: -1 | 1): SopDefinition {
  const steps = [...definition.steps]
  const index = steps.findIndex((s) => s.key === key)
  const target = index + direction
  if (index < 0 || target < 0 || target >= steps.length) return definition
  ;[steps[index], steps[target]] = [steps[target]!, steps[index]!]
  return { steps }
}

function destination(value: string): SopStep['outcomes'][number]['next'] {
  if (value === 'end:resolved' || value === 'end:rejected' || value === 'end:closed') {
    return { end: value.slice(4) as 'resolved' | 'rejected' | 'closed' }
  }
  return { step: value }
}

/** The step as the step form describes it; keys of existing outcomes and checklist items are kept. */
export function stepFromForm(form: FormValues, existing: SopStep): SopStep {
  const limitUnit = text(form, 'limitUnit')
  const target = Number(text(form, 'limitTarget').replace(',', '.'))
  const maxText = text(form, 'limitMax')
  const max = maxText ? Number(maxText.replace(',', '.')) : target
  const limit =
    limitUnit === 'none' || !limitUnit
      ? null
      : {
          target,
          max,
          unit: limitUnit as 'minutes' | 'hours' | 'days' | 'working_days',
          ...(form.get('businessHoursOnly') ? { businessHoursOnly: true } : {}),
        }

  const checklistLines = text(form, 'checklist')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const taken = new Set<string>()
  const checklist = checklistLines.map((line) => {
    const previous = existing.checklist.find((c) => c.labelId === line)
    const key = previous && !taken.has(previous.key) ? previous.key : keyFrom(line, taken, 'item')
    taken.add(key)
    return { key, labelId: line, labelEn: previous?.labelEn ?? line, required: true }
  })

  const outcomeCount = Number(text(form, 'outcomeCount')) || 0
  const outcomeKeys = new Set<string>()
  const outcomes: SopStep['outcomes'] = []
  for (let i = 0; i < outcomeCount; i++) {
    const labelId = text(form, `outcome.${i}.labelId`)
    if (!labelId || form.get(`outcome.${i}.remove`)) continue
    const previous = existing.outcomes.find((o) => o.key === text(form, `outcome.${i}.key`))
    const key =
      previous && !outcomeKeys.has(previous.key) ? previous.key : keyFrom(labelId, outcomeKeys, 'hasil')
    outcomeKeys.add(key)
    outcomes.push({
      key,
      labelId,
      labelEn: text(form, `outcome.${i}.labelEn`) || labelId,
      next: destination(text(form, `outcome.${i}.next`)),
      actions: previous?.actions ?? [],
    })
  }

  const onEntry: StepAction[] = []
  const template = text(form, 'notifyReporter')
  if (template) onEntry.push({ type: 'notify_reporter', templateKey: template })
  if (form.get('dispatchTrc')) onEntry.push({ type: 'dispatch_trc' })
  if (form.get('disposeToOpd')) onEntry.push({ type: 'dispose_to_opd' })
  const letter = text(form, 'generateLetter')
  if (letter === 'follow_up' || letter === 'disposition_sheet' || letter === 'service_receipt') {
    onEntry.push({ type: 'generate_letter', letterKind: letter })
  }
  const notifyRole = text(form, 'notifyRole')
  if (notifyRole) onEntry.push({ type: 'notify_role', roleKey: notifyRole })

  return {
    key: existing.key,
    nameId: text(form, 'nameId'),
    nameEn: text(form, 'nameEn') || text(form, 'nameId'),
    roleKeys: form.getAll('roleKeys').map(String),
    limit,
    escalationRoleKey: text(form, 'escalationRoleKey') || null,
    checklist,
    outputId: text(form, 'outputId'),
    outputEn: text(form, 'outputEn') || text(form, 'outputId'),
    onEntry,
    outcomes,
  }
}
