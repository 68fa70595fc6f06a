import { useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'

const LONGEST_SIDE = 1600
// Below this a photo is sent as it is.
const SMALL_ENOUGH = 500 * 1024

/** A phone photo made smaller (longest side 1600 px, JPEG): a 4 MB picture becomes about 300 KB. */
async function shrink(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size <= SMALL_ENOUGH) return file
  const bitmap = await createImageBitmap(file)
  const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8))
  if (!blob || blob.size >= file.size) return file
  return new File([blob], `${file.name.replace(/\.[^.]+$/, '')}.jpg`, { type: 'image/jpeg' })
}

/**
 * A photo field for the field team: camera or gallery on a phone, several photos, and, where
 * the browser can, makes them smaller before they are sent over a weak connection. Without
 * JavaScript it is a plain file field and the photos go as they are.
 */
export function PhotoInput({
  id,
  name,
  label,
  hint,
}: {
  id: string
  name: string
  label: string
  hint: string
}) {
  const { t } = useTranslation()
  const [shrinking, setShrinking] = useState(false)
  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget
    const files = [...(input.files ?? [])]
    if (files.length === 0 || typeof DataTransfer === 'undefined' || !('createImageBitmap' in window)) return
    setShrinking(true)
    try {
      const smaller = new DataTransfer()
      for (const file of files) smaller.items.add(await shrink(file))
      input.files = smaller.files
    } catch {
      // The photos go as they are.
    } finally {
      setShrinking(false)
    }
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        aria-describedby={`${id}-hint`}
        onChange={(event) => void onChange(event)}
      />
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {shrinking ? (
        <p className="hint" role="status">
          {t('trc.shrinking')}
        </p>
      ) : null}
    </div>
  )
}
