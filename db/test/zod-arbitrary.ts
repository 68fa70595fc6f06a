import fc from 'fast-check'
import type { ZodTypeAny } from 'zod'

/**
 * fast-check arbitraries shaped by a zod schema (the procedures' own input schemas), with values
 * drawn now and then from a pool of real ids and from strings that once broke something, and a
 * mutator that swaps one leaf of a well-shaped value for something of the wrong kind.
 */

/** Strings that broke, or could break, something: NUL, impossible dates and offsets, huge, odd scripts. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '2026-01-01T00:00:00+25:00',
  '2026-01-01T00:00:00+14:60',
  '9999-12-31T23:59:59.999999999Z',
  "'; drop table complaints; --",
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\u202e\u0644\u0627',
  '😀'.repeat(50),
  '\ud800',
  'x'.repeat(5000),
  '1e309',
  'NaN',
  '-0',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
]

type Def = { typeName: string; [k: string]: unknown }
type Check = { kind: string; value?: number; regex?: RegExp }

export function arbitraryFor(schema: ZodTypeAny, pool: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  const def = schema._def as Def
  const inner = (s: unknown) => arbitraryFor(s as ZodTypeAny, pool, depth + 1)
  switch (def.typeName) {
    case 'ZodString':
      return stringArbitrary((def.checks as Check[]) ?? [], pool)
    case 'ZodNumber': {
      const checks = (def.checks as (Check & { inclusive?: boolean })[]) ?? []
      const min = checks.find((c) => c.kind === 'min')?.value
      const max = checks.find((c) => c.kind === 'max')?.value
      const int = checks.some((c) => c.kind === 'int')
      const shaped = int
        ? fc.integer({ min: min ?? -1_000_000, max: max ?? 1_000_000 })
        : fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true })
      return fc.oneof(
        { weight: 8, arbitrary: shaped },
        { weight: 1, arbitrary: fc.constantFrom(-1, 0, 2 ** 31, 1e308) },
      )
    }
    case 'ZodBoolean':
      return fc.boolean()
    case 'ZodEnum':
      return fc.constantFrom(...(def.values as string[]))
    case 'ZodNativeEnum':
      return fc.constantFrom(...Object.values(def.values as Record<string, string>))
    case 'ZodLiteral':
      return fc.constant(def.value)
    case 'ZodArray': {
      const maxLength = Math.min((def.maxLength as { value: number } | null)?.value ?? 4, 4)
      const minLength = Math.min((def.minLength as { value: number } | null)?.value ?? 0, maxLength)
      return depth > 6 ? fc.constant([]) : fc.array(inner(def.type), { minLength, maxLength })
    }
    case 'ZodObject': {
      const shape = (schema as unknown as { shape: Record<string, ZodTypeAny> }).shape
      const required = Object.keys(shape).filter((k) => !shape[k]!.isOptional())
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v)])), {
        requiredKeys: required,
      })
    }
    case 'ZodOptional':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 })
    case 'ZodNullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 3 })
    case 'ZodDefault':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 })
    case 'ZodEffects':
      return inner(def.schema)
    case 'ZodPipeline':
      return inner(def.in)
    case 'ZodBranded':
    case 'ZodReadonly':
    case 'ZodCatch':
      return inner(def.type ?? def.innerType)
    case 'ZodUnion':
      return fc.oneof(...(def.options as ZodTypeAny[]).map(inner))
    case 'ZodDiscriminatedUnion':
      return fc.oneof(...[...(def.options as ZodTypeAny[])].map(inner))
    case 'ZodRecord':
      return fc.dictionary(fc.string({ maxLength: 10 }), inner(def.valueType), { maxKeys: 3 })
    case 'ZodTuple':
      return fc.tuple(...(def.items as ZodTypeAny[]).map(inner))
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

function stringArbitrary(checks: Check[], pool: readonly string[]): fc.Arbitrary<string> {
  const has = (kind: string) => checks.some((c) => c.kind === kind)
  const min = checks.find((c) => c.kind === 'min')?.value ?? 0
  const max = Math.min(checks.find((c) => c.kind === 'max')?.value ?? 300, 300)
  const regex = checks.find((c) => c.kind === 'regex')?.regex
  const shaped: fc.Arbitrary<string> = has('uuid')
    ? fc.oneof(fc.constantFrom(...pool.filter((p) => /^[0-9a-f-]{36}$/.test(p))), fc.uuid())
    : has('email')
      ? fc.emailAddress()
      : has('url')
        ? fc.webUrl()
        : has('datetime')
          ? fc
              .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
              .map((d) => d.toISOString())
          : has('date')
            ? fc
                .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
                .map((d) => d.toISOString().slice(0, 10))
            : regex
              ? fc.stringMatching(regex).filter((s) => s.length <= 400)
              : fc.oneof(
                  fc.string({ minLength: min, maxLength: Math.max(min, max) }),
                  fc.string({
                    unit: 'grapheme',
                    minLength: min,
                    maxLength: Math.max(min, Math.min(max, 40)),
                  }),
                  fc.constantFrom(...pool),
                )
  return fc.oneof(
    { weight: 12, arbitrary: shaped },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  )
}

/** A value of the wrong kind, for a mutated leaf. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [[]], { a: { b: {} } }),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
)

/** The value with its n-th leaf (in a depth-first walk, modulo the number of leaves) replaced, dropped or duplicated. */
export function mutate(
  value: unknown,
  n: number,
  replacement: unknown,
  how: 'replace' | 'drop' | 'extra',
): unknown {
  const leaves: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []
  const walk = (v: unknown) => {
    if (Array.isArray(v))
      v.forEach((item, i) =>
        item !== null && typeof item === 'object' ? walk(item) : leaves.push({ parent: v, key: i }),
      )
    else if (v !== null && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) {
        leaves.push({ parent: v as Record<string, unknown>, key: k })
        if (item !== null && typeof item === 'object') walk(item)
      }
  }
  const copy = structuredClone(value)
  if (copy === null || typeof copy !== 'object') return replacement
  walk(copy)
  if (leaves.length === 0) return how === 'extra' ? { ...(copy as object), extra: replacement } : replacement
  const leaf = leaves[n % leaves.length]!
  if (how === 'drop') {
    if (Array.isArray(leaf.parent)) leaf.parent.splice(Number(leaf.key), 1)
    else delete leaf.parent[leaf.key as string]
  } else if (how === 'extra' && !Array.isArray(leaf.parent))
    leaf.parent[`${String(leaf.key)}_extra`] = replacement
  else (leaf.parent as Record<string | number, unknown>)[leaf.key] = replacement
  return copy
}
