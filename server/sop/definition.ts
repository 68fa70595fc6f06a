import { z } from 'zod'

/**
 * An SOP version's definition: ordered steps, each performed by roles, measured against a time
 * limit, with a checklist (kelengkapan), an output, actions on entry and outcomes that lead to
 * another step or to an end. Stored as JSON in sop_versions.definition; validated here.
 */

const key = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _')
const label = z.string().trim().min(1).max(300)

export const LIMIT_UNITS = ['minutes', 'hours', 'days', 'working_days'] as const
export const ZStepLimit = z
  .object({
    target: z.number().positive().max(100_000),
    max: z.number().positive().max(100_000),
    unit: z.enum(LIMIT_UNITS),
    /** Count only working hours of working days (clock time otherwise, for minutes and hours). */
    businessHoursOnly: z.boolean().optional(),
  })
  .refine((l) => l.target <= l.max, { message: 'target must not exceed max', path: ['target'] })

export const ENDS = ['resolved', 'rejected', 'closed'] as const
export type SopEnd = (typeof ENDS)[number]

export const ZStepAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notify_reporter'), templateKey: key }),
  z.object({ type: z.literal('notify_role'), roleKey: key }),
  z.object({ type: z.literal('dispose_to_opd') }),
  z.object({ type: z.literal('dispatch_trc') }),
  z.object({
    type: z.literal('generate_letter'),
    letterKind: z.enum(['follow_up', 'disposition_sheet', 'service_receipt']),
  }),
])
export type StepAction = z.infer<typeof ZStepAction>

export const ZOutcome = z.object({
  key,
  labelId: label,
  labelEn: label,
  next: z.union([z.object({ step: key }), z.object({ end: z.enum(ENDS) })]),
  /** Run when this outcome is taken, e.g. telling the reporter the complaint cannot be handled. */
  actions: z.array(ZStepAction).default([]),
})
export type Outcome = z.infer<typeof ZOutcome>

export const ZChecklistItem = z.object({
  key,
  labelId: label,
  labelEn: label,
  required: z.boolean().default(true),
})

export const ZSopStep = z.object({
  key,
  nameId: label,
  nameEn: label,
  /** Roles (by key) that may perform the step. */
  roleKeys: z.array(key).min(1),
  limit: ZStepLimit.nullable(),
  /** Who is told when the step runs past its limit; the step's own roles when null. */
  escalationRoleKey: key.nullable().default(null),
  checklist: z.array(ZChecklistItem).default([]),
  outputId: z.string().trim().max(300).default(''),
  outputEn: z.string().trim().max(300).default(''),
  onEntry: z.array(ZStepAction).default([]),
  outcomes: z.array(ZOutcome).min(1),
})
export type SopStep = z.infer<typeof ZSopStep>

export const ZSopDefinition = z.object({ steps: z.array(ZSopStep).min(1).max(100) })
export type SopDefinition = z.infer<typeof ZSopDefinition>
export type SopDefinitionInput = z.input<typeof ZSopDefinition>

/** A reason an SOP cannot be published: a translated message key and the step it names. */
export type SopProblem = { messageKey: string; params: Record<string, string> }

/**
 * What stops an SOP from being published: an outcome to nowhere, a step no outcome reaches, a
 * step from which no end can be reached (a loop with no exit), a role the tenant does not have.
 * Empty when it can be published.
 */
export function findSopProblems(definition: SopDefinition, roleKeys: ReadonlySet<string>): SopProblem[] {
  const problems: SopProblem[] = []
  const byKey = new Map<string, SopStep>()
  for (const step of definition.steps) {
    if (byKey.has(step.key))
      problems.push({ messageKey: 'sop.problems.duplicateStep', params: { step: step.nameId } })
    byKey.set(step.key, step)
  }
  for (const step of definition.steps) {
    const outcomeKeys = new Set<string>()
    for (const outcome of step.outcomes) {
      if (outcomeKeys.has(outcome.key)) {
        problems.push({
          messageKey: 'sop.problems.duplicateOutcome',
          params: { step: step.nameId, outcome: outcome.labelId },
        })
      }
      outcomeKeys.add(outcome.key)
      if ('step' in outcome.next && !byKey.has(outcome.next.step)) {
        problems.push({
          messageKey: 'sop.problems.outcomeToNowhere',
          params: { step: step.nameId, outcome: outcome.labelId },
        })
      }
    }
    for (const role of step.roleKeys) {
      if (!roleKeys.has(role))
        problems.push({ messageKey: 'sop.problems.unknownRole', params: { step: step.nameId, role } })
    }
    if (step.escalationRoleKey && !roleKeys.has(step.escalationRoleKey)) {
      problems.push({
        messageKey: 'sop.problems.unknownRole',
        params: { step: step.nameId, role: step.escalationRoleKey },
      })
    }
    for (const action of [...step.onEntry, ...step.outcomes.flatMap((o) => o.actions)]) {
      if (action.type === 'notify_role' && !roleKeys.has(action.roleKey)) {
        problems.push({
          messageKey: 'sop.problems.unknownRole',
          params: { step: step.nameId, role: action.roleKey },
        })
      }
    }
  }

  // Reachable from the first step, following outcomes.
  const first = definition.steps[0]
  const reached = new Set<string>()
  const queue = first ? [first.key] : []
  while (queue.length > 0) {
    const current = byKey.get(queue.shift() ?? '')
    if (!current || reached.has(current.key)) continue
    reached.add(current.key)
    for (const outcome of current.outcomes) if ('step' in outcome.next) queue.push(outcome.next.step)
  }
  for (const step of definition.steps) {
    if (!reached.has(step.key))
      problems.push({ messageKey: 'sop.problems.unreachableStep', params: { step: step.nameId } })
  }

  // Can finish: steps with an end outcome, then every step with an outcome into a finishing step.
  const finishes = new Set(
    definition.steps.filter((s) => s.outcomes.some((o) => 'end' in o.next)).map((s) => s.key),
  )
  for (let changed = true; changed;) {
    changed = false
    for (const step of definition.steps) {
      if (finishes.has(step.key)) continue
      if (step.outcomes.some((o) => 'step' in o.next && finishes.has(o.next.step))) {
        finishes.add(step.key)
        changed = true
      }
    }
  }
  for (const step of definition.steps) {
    if (reached.has(step.key) && !finishes.has(step.key)) {
      problems.push({ messageKey: 'sop.problems.noExit', params: { step: step.nameId } })
    }
  }
  return problems
}

export function stepOf(definition: SopDefinition, stepKey: string | null | undefined): SopStep | undefined {
  return definition.steps.find((s) => s.key === stepKey)
}
