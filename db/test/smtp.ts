import nodemailer from 'nodemailer'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll } from 'vitest'
import { setMailTransport } from '#server/mail/queue.ts'

/** The message as a reader sees its text: quoted-printable soft breaks and escapes undone. */
function decodeQuotedPrintable(raw: string) {
  const joined = raw.replace(/=\r?\n/g, '')
  return Buffer.from(
    joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8')
}

export type ReceivedMail = { to: string; raw: string }

/**
 * A real SMTP server on loopback for the test file, with the platform's mail transport pointed at
 * it: the mail goes over the wire. `received` fills as messages arrive.
 */
export function startSmtpServerForFile() {
  const received: ReceivedMail[] = []
  let smtp: SMTPServer
  const state = { received, transport: null as ReturnType<typeof nodemailer.createTransport> | null }
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let raw = ''
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()))
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            raw: decodeQuotedPrintable(raw),
          })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const address = smtp.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    state.transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
    setMailTransport(state.transport)
  })
  afterAll(async () => {
    setMailTransport(null)
    await new Promise<void>((resolve) => smtp.close(resolve))
  })
  return state
}
