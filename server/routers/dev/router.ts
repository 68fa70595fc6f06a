import { router } from '#server/trpc/trpc.ts'
import { findWhatsappNumbersProcedure } from './find-whatsapp-numbers.ts'
import { getCitizenChatProcedure } from './get-citizen-chat.ts'
import { sendCitizenMessageProcedure } from './send-citizen-message.ts'

/** Demo and test tools: the citizen's side of the WhatsApp simulator (`/dev/whatsapp`). */
export const devRouter = router({
  findWhatsappNumbers: findWhatsappNumbersProcedure,
  sendCitizenMessage: sendCitizenMessageProcedure,
  getCitizenChat: getCitizenChatProcedure,
})
