import type { SopDraft } from './import/parse-sop-table.ts'
import { proposeRoleKey } from './import/propose-role.ts'
import { keyFromLabel } from './keys.ts'
import type { SopDefinition } from './definition.ts'

/**
 * Turns an imported table into an SOP definition to review: one step per row, performed by the
 * roles proposed from its actors (the reporter is never a performer: such a step goes to the
 * role of the previous step), a straight line of "continue" outcomes and a final "resolved".
 * Branches ("jika tidak sesuai...") are for the admin to add in the editor.
 */
export function definitionFromDraft(draft: SopDraft, tenantRoleKeys: ReadonlySet<string>): SopDefinition {
  const fallback = tenantRoleKeys.has('operator') ? 'operator' : ([...tenantRoleKeys][0] ?? 'admin')
  const taken = new Set<string>()
  const keys = draft.steps.map((step) => {
    const key = keyFromLabel(step.activity.split(/[:.,;]/)[0] ?? '', taken, `langkah-${step.no}`)
    taken.add(key)
    return key
  })
  let previousRoles = [fallback]
  return {
    steps: draft.steps.map((step, index) => {
      const proposed = step.actors
        .map((actor) => proposeRoleKey(actor))
        .filter(
          (role): role is NonNullable<typeof role> =>
            role !== null && role !== 'reporter' && tenantRoleKeys.has(role),
        )
      const roleKeys = proposed.length > 0 ? [...new Set(proposed)] : previousRoles
      previousRoles = roleKeys
      const name = step.activity.length > 300 ? `${step.activity.slice(0, 297)}...` : step.activity
      const itemKeys = new Set<string>()
      const next = keys[index + 1]
      return {
        key: keys[index]!,
        nameId: name,
        nameEn: name,
        roleKeys,
        limit: step.limit,
        escalationRoleKey: null,
        checklist: step.inputs.slice(0, 20).map((input) => {
          const key = keyFromLabel(input, itemKeys, 'item')
          itemKeys.add(key)
          const label = input.slice(0, 300)
          return { key, labelId: label, labelEn: label, required: true }
        }),
        outputId: step.output?.slice(0, 300) ?? '',
        outputEn: step.output?.slice(0, 300) ?? '',
        onEntry: [],
        outcomes: [
          next
            ? { key: 'lanjut', labelId: 'Lanjut', labelEn: 'Continue', next: { step: next }, actions: [] }
            : {
                key: 'selesai',
                labelId: 'Selesai',
                labelEn: 'Resolved',
                next: { end: 'resolved' as const },
                actions: [],
              },
        ],
      }
    }),
  }
}
