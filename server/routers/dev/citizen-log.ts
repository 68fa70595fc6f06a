/**
 * What simulated citizens sent, kept in memory for the simulator page: the platform stores inbound
 * messages per tenant, and the page has no tenant. Bounded, and gone on restart (demo only).
 */
export type CitizenMessage = {
  wamid: string
  phoneNumberId: string
  at: string
  type: 'text' | 'image' | 'location' | 'interactive'
  text: string | null
  location?: { latitude: number; longitude: number; name?: string; address?: string }
}

const MAX_CITIZENS = 500
const MAX_MESSAGES = 200
const log = new Map<string, CitizenMessage[]>()

export function recordCitizenMessage(waId: string, message: CitizenMessage) {
  const list = log.get(waId) ?? []
  // Most recently active citizens last, so the oldest one goes first when the log is full.
  log.delete(waId)
  log.set(waId, [...list, message].slice(-MAX_MESSAGES))
  if (log.size > MAX_CITIZENS) log.delete(log.keys().next().value!)
}

export function citizenMessages(waId: string, phoneNumberId: string): CitizenMessage[] {
  return (log.get(waId) ?? []).filter((m) => m.phoneNumberId === phoneNumberId)
}
