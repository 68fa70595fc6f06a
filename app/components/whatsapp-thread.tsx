import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ThreadMessage } from '#server/complaints/whatsapp-thread.ts'

export type Attachment = {
  id: string
  messageId: string | null
  kind: string
  mimeType: string | null
  caption: string | null
  status: 'pending' | 'stored' | 'failed'
}

const TYPES = [
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'interactive',
  'button',
  'reaction',
  'contacts',
] as const
const KINDS = [
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'letter_scan',
  'trc_before',
  'trc_after',
] as const
// Uploaded by staff: their kind is said under the file, the reporter's photos need no label.
const STAFF_KINDS: readonly string[] = ['letter_scan', 'trc_before', 'trc_after']
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif']

/** The delivery mark of an outbound message, drawn (no emoji font needed) and always next to its word. */
export function StatusIcon({ status }: { status: ThreadMessage['status'] }) {
  const common = {
    width: 18,
    height: 18,
    viewBox: '0 0 24 24',
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 2.5,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
    'aria-hidden': true,
    focusable: false,
  }
  if (status === 'queued')
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7v5l3 2" />
      </svg>
    )
  if (status === 'sent')
    return (
      <svg {...common}>
        <path d="M5 12.5l4.5 4.5L19 7.5" />
      </svg>
    )
  if (status === 'delivered' || status === 'read')
    return (
      <svg {...common}>
        <path d="M2 12.5l4.5 4.5L16 7.5" />
        <path d="M10.5 16.5l.5.5L22 7.5" />
      </svg>
    )
  if (status === 'failed')
    return (
      <svg {...common}>
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7.5v5.5M12 16.5v.5" />
      </svg>
    )
  return null
}

function attachmentUrl(tenant: string, id: string) {
  return `/t/${tenant}/attachments/${id}`
}

/** One attachment: a thumbnail that opens full size, a download link, or where its download stands. */
export function AttachmentView({
  attachment,
  tenant,
  small = false,
}: {
  attachment: Attachment
  tenant: string
  small?: boolean
}) {
  const { t } = useTranslation()
  const kind = (KINDS as readonly string[]).includes(attachment.kind) ? attachment.kind : 'file'
  const kindLabel = t(`attachments.kinds.${kind}`)
  const alt = kind === 'image' ? t('attachments.photoAlt') : kindLabel
  if (attachment.status === 'pending')
    return (
      <p className="attachment-state" role="status">
        {kindLabel}: {t('attachments.pending')}
      </p>
    )
  if (attachment.status === 'failed')
    return (
      <p className="attachment-state attachment-failed">
        {kindLabel}: {t('attachments.failed')}
      </p>
    )
  const url = attachmentUrl(tenant, attachment.id)
  if (attachment.mimeType && IMAGE_TYPES.includes(attachment.mimeType))
    return (
      <a
        href={url}
        className={small ? 'attachment-thumb attachment-thumb-small' : 'attachment-thumb'}
        aria-label={`${t('attachments.open')}: ${attachment.caption ?? alt}`}
      >
        <img src={url} alt={attachment.caption ?? alt} loading="lazy" />
      </a>
    )
  return (
    <a href={url} className="button" download>
      {t('attachments.download', { kind: kindLabel.toLowerCase() })}
    </a>
  )
}

export function AttachmentList({ attachments, tenant }: { attachments: Attachment[]; tenant: string }) {
  const { t } = useTranslation()
  if (attachments.length === 0) return null
  return (
    <section className="panel" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{t('attachments.heading')}</h2>
      <ul className="attachment-grid">
        {attachments.map((attachment) => (
          <li key={attachment.id}>
            <AttachmentView attachment={attachment} tenant={tenant} />
            {attachment.caption ? <p className="attachment-caption">{attachment.caption}</p> : null}
            {STAFF_KINDS.includes(attachment.kind) ? (
              <p className="attachment-caption">{t(`attachments.kinds.${attachment.kind}`)}</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** The reporter's WhatsApp conversation, oldest first, with who wrote what, when, and how far it got. */
export function WhatsappThread({
  messages,
  attachments,
  tenant,
  serviceName,
  formatTime,
  children,
}: {
  messages: ThreadMessage[]
  attachments: Attachment[]
  tenant: string
  serviceName: string
  formatTime: (iso: string) => string
  /** The window notice and the reply box. */
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const byMessage = new Map(attachments.flatMap((a) => (a.messageId ? [[a.messageId, a] as const] : [])))
  const author = (m: ThreadMessage) =>
    m.author === 'reporter'
      ? t('thread.reporter')
      : m.author === 'operator'
        ? m.authorName
          ? t('thread.operatorNamed', { name: m.authorName })
          : t('thread.operator')
        : t('thread.platform', { service: serviceName })
  const typeLabel = (m: ThreadMessage) => {
    if (m.direction === 'outbound' && m.sentAsTemplate) return t('thread.types.template')
    if (m.type === 'text') return null
    return (TYPES as readonly string[]).includes(m.type)
      ? t(`thread.types.${m.type}`)
      : t('thread.types.unsupported')
  }
  return (
    <section className="panel" id="thread" aria-labelledby="thread-heading">
      <h2 id="thread-heading">{t('thread.heading')}</h2>
      {messages.length === 0 ? <p className="muted">{t('thread.empty')}</p> : null}
      <ol className="wa-thread">
        {messages.map((m) => {
          const label = typeLabel(m)
          const attachment = byMessage.get(m.id)
          return (
            <li key={m.id} className={`wa-message wa-${m.direction}`}>
              <div className="wa-bubble">
                <p className="wa-meta">
                  <span className="wa-author">{author(m)}</span>{' '}
                  <time dateTime={m.at}>{formatTime(m.at)}</time>
                </p>
                {label ? <p className="wa-type">{label}</p> : null}
                {attachment ? <AttachmentView attachment={attachment} tenant={tenant} small /> : null}
                {m.body ? <p className="wa-body prewrap">{m.body}</p> : null}
                {m.options.length > 0 ? (
                  <p className="wa-options">{t('thread.options', { options: m.options.join(' · ') })}</p>
                ) : null}
                {m.direction === 'outbound' ? (
                  <p className={`wa-status wa-status-${m.status}`}>
                    <StatusIcon status={m.status} />
                    <span>
                      {t(`thread.status.${m.status}`)}
                      {m.status === 'failed' ? `: ${m.failure ?? t('thread.unknownReason')}` : null}
                    </span>
                  </p>
                ) : null}
              </div>
            </li>
          )
        })}
      </ol>
      {children}
    </section>
  )
}
