import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of this response (server/http.ts), for the inline scripts
 * Remix renders. Provided by entry.server; in the browser it is empty, and not needed there.
 */
export const NonceContext = createContext('')

export const useNonce = () => useContext(NonceContext)
