import { activeSimulator } from '#server/dev/graph-simulator.ts'
import { citizenMessages } from './citizen-log.ts'
import { devProcedure } from './dev-procedure.ts'
import { ZCitizen } from './send-citizen-message.types.ts'

export type ChatOption = { id: string; title: string; description?: string }

/** One bubble of the simulated phone. */
export type ChatItem = {
  id: string
  from: 'citizen' | 'agency'
  at: string
  type: string
  text: string | null
  location?: { latitude: number; longitude: number; name?: string; address?: string }
  template?: { name: string; parameters: string[] }
  /** The agency's reply buttons or list (Cloud API `interactive`), which the citizen can tap. */
  interactive?: {
    kind: 'button' | 'list' | 'location_request' | 'other'
    header?: string
    footer?: string
    /** A list's button label. */
    button?: string
    sections: { title?: string; options: ChatOption[] }[]
  }
}

type Sent = { wamid: string; phoneNumberId: string; at: string; body: Record<string, unknown> }

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined)

/** A message the platform sent through the simulator, as the citizen's phone would show it. */
export function agencyItem(sent: Sent): ChatItem {
  const body = sent.body
  const type = typeof body.type === 'string' ? body.type : 'unknown'
  const base = { id: sent.wamid, from: 'agency' as const, at: sent.at, type }
  const part = (body[type] ?? {}) as Record<string, unknown>
  if (type === 'text') return { ...base, text: text(part.body) ?? '' }
  if (type === 'template') {
    const components = Array.isArray(part.components) ? (part.components as Record<string, unknown>[]) : []
    const parameters = components.flatMap((c) =>
      Array.isArray(c.parameters)
        ? (c.parameters as { text?: unknown }[]).flatMap((p) => (text(p.text) ? [p.text as string] : []))
        : [],
    )
    return { ...base, text: null, template: { name: text(part.name) ?? '', parameters } }
  }
  if (type === 'interactive') {
    const kindOf = text(part.type)
    const action = (part.action ?? {}) as Record<string, unknown>
    const header = (part.header ?? {}) as { text?: unknown }
    const sections =
      kindOf === 'button'
        ? [
            {
              options: (Array.isArray(action.buttons) ? (action.buttons as { reply?: ChatOption }[]) : [])
                .flatMap((b) => (b.reply && text(b.reply.id) && text(b.reply.title) ? [b.reply] : []))
                .map((r) => ({ id: r.id, title: r.title })),
            },
          ]
        : kindOf === 'list'
          ? (Array.isArray(action.sections)
              ? (action.sections as { title?: unknown; rows?: unknown }[])
              : []
            ).map((s) => ({
              title: text(s.title),
              options: (Array.isArray(s.rows) ? (s.rows as Partial<ChatOption>[]) : []).flatMap((r) =>
                text(r.id) && text(r.title)
                  ? [
                      {
                        id: r.id!,
                        title: r.title!,
                        ...(text(r.description) ? { description: r.description } : {}),
                      },
                    ]
                  : [],
              ),
            }))
          : []
    return {
      ...base,
      text: text((part.body as { text?: unknown } | undefined)?.text) ?? null,
      interactive: {
        kind:
          kindOf === 'button' || kindOf === 'list' || kindOf === 'location_request_message'
            ? kindOf === 'location_request_message'
              ? 'location_request'
              : kindOf
            : 'other',
        header: text(header.text),
        footer: text((part.footer as { text?: unknown } | undefined)?.text),
        button: text(action.button),
        sections,
      },
    }
  }
  // Media and anything else: the caption when there is one, the type otherwise.
  return { ...base, text: text(part.caption) ?? null }
}

/**
 * The simulated phone's conversation with one agency: what the citizen sent (kept by the dev
 * router) and what the platform sent (recorded by this process's Graph simulator), oldest first.
 */
export const getCitizenChatProcedure = devProcedure.input(ZCitizen).query(({ input }) => {
  // Read in this process: over HTTP the simulator's records are for a platform admin only.
  const sent: Sent[] = activeSimulator()?.sentTo(input.waId) ?? []
  const items: ChatItem[] = [
    ...citizenMessages(input.waId, input.phoneNumberId).map((m): ChatItem => ({
      id: m.wamid,
      from: 'citizen',
      at: m.at,
      type: m.type,
      text: m.text,
      ...(m.location ? { location: m.location } : {}),
    })),
    ...sent.filter((s) => s.phoneNumberId === input.phoneNumberId).map(agencyItem),
  ]
  return { messages: items.sort((a, b) => a.at.localeCompare(b.at)) }
})
