import {
  redirect,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from '@remix-run/node'

// The same limits as the server's (server/complaints/uploads.ts), checked here first so that an
// oversized file is refused before it is read whole into memory.
const MAX_FILE_BYTES = 10 * 1024 * 1024
const MAX_FILES = 5

export type FormFile = { fileName: string; dataBase64: string }

const TOO_LARGE = '\u0000too-large'
const TOO_MANY = '\u0000too-many'

/**
 * Files up to the limit are kept; a larger one is read to its end and dropped, leaving a marker, so
 * the rest of the form (what the person typed) survives and the form can say which file was too big.
 */
function fileHandler(): UploadHandler {
  let files = 0
  return async ({ filename, data }) => {
    if (!filename) return undefined
    // Past the limit a file is not kept at all: memory stays within MAX_FILES × MAX_FILE_BYTES.
    if (++files > MAX_FILES) {
      for await (const _ of data);
      return TOO_MANY
    }
    const chunks: Uint8Array<ArrayBuffer>[] = []
    let size = 0
    for await (const chunk of data) {
      size += chunk.byteLength
      if (size <= MAX_FILE_BYTES) chunks.push(new Uint8Array(chunk))
    }
    if (size > MAX_FILE_BYTES) return `${TOO_LARGE}${filename}`
    return new File(chunks, filename)
  }
}

/**
 * Reads a form that may carry files (multipart) or not. Files come back base64-encoded for the
 * tRPC procedure, which checks what they really are; a file over the limit comes back as an error
 * key instead of an exception, so the form can say so and keep what was typed. Call it only once
 * the request is known to come from a signed-in member (`requireMember`): parsing holds the files.
 */
export async function readForm(request: Request): Promise<{
  values: Record<string, string>
  files: (name: string) => FormFile[]
  error: string | null
}> {
  const form = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
    ? await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(fileHandler(), unstable_createMemoryUploadHandler()),
      )
    : await request.formData()
  const values: Record<string, string> = {}
  const files = new Map<string, File[]>()
  let tooLarge = false
  let tooMany = false
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      if (value.startsWith(TOO_LARGE)) tooLarge = true
      else if (value === TOO_MANY) tooMany = true
      else values[key] = value
    } else if (value.size > 0) files.set(key, [...(files.get(key) ?? []), value])
  }
  if (tooLarge) return { values, files: () => [], error: 'uploads.tooLargeAny' }
  if (tooMany) return { values, files: () => [], error: 'uploads.tooMany' }
  const encoded = new Map<string, FormFile[]>()
  for (const [key, list] of files)
    encoded.set(
      key,
      await Promise.all(
        list.map(async (file) => ({
          fileName: file.name,
          dataBase64: Buffer.from(await file.arrayBuffer()).toString('base64'),
        })),
      ),
    )
  return { values, files: (name) => encoded.get(name) ?? [], error: null }
}

/** Refuses an upload from someone not signed in before a byte of it is read. */
export function requireMember(user: unknown, request: Request) {
  if (user) return
  const path = new URL(request.url).pathname
  throw redirect(`/login?redirectTo=${encodeURIComponent(path)}`)
}
