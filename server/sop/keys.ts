/** A key from a label: lower-case letters, digits and dashes, at most 40 characters, unique among `taken`. */
export function keyFromLabel(label: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || fallback
  let key = base
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`
  return key
}
