import { randomUUID } from 'node:crypto'
import { initTRPC, TRPCError } from '@trpc/server'
import { and, eq } from 'drizzle-orm'
import { ZodError } from 'zod'
import type { Tx } from '#db/client.ts'
import { db } from '#db/client.ts'
import { membershipRoles, memberships, roles, tenants } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'
import { isPermission, type Permission } from '#server/auth/permissions.ts'
import { AppError } from '#server/errors.ts'
import { containsNulByte } from '#server/zod.ts'
import type { TrpcContext } from './context.ts'

/**
 * Who may call a procedure, read by the permission table (docs/permissions.md) and checked against
 * what the procedure really does by the isolation matrix (server/routers/isolation-matrix.test.ts).
 */
export type ProcedureMeta = {
  access: 'public' | 'dev-tools' | 'signed-in' | 'platform-admin' | 'member'
  /** For `member`: the permission one of the member's roles must hold; absent: any member. */
  permission?: Permission
}

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, path }) {
      const cause = error.cause
      if (error.code === 'INTERNAL_SERVER_ERROR' && !(cause instanceof AppError)) {
        // Past the procedures (an error making the context, say) it has no id yet: it gets one here.
        const unexpected = cause instanceof UnexpectedError ? cause : logUnexpected(path, cause ?? error)
        return {
          message: 'errors.unexpected',
          code: shape.code,
          data: {
            code: shape.data.code,
            httpStatus: shape.data.httpStatus,
            path: shape.data.path,
            messageKey: unexpected.messageKey,
            params: unexpected.params,
            reason: unexpected.reason,
            errorId: unexpected.errorId,
            zodError: null,
          },
        }
      }
      return {
        ...shape,
        message: cause instanceof AppError ? cause.messageKey : shape.message,
        data: {
          ...shape.data,
          // Never send a stack trace to a client.
          stack: undefined,
          messageKey:
            cause instanceof AppError
              ? cause.messageKey
              : error.code === 'BAD_REQUEST'
                ? 'errors.invalidInput'
                : 'errors.unexpected',
          params: cause instanceof AppError ? cause.params : {},
          /** Machine-readable: what was wrong, for API clients. */
          reason:
            cause instanceof AppError
              ? (cause.reason ?? cause.messageKey)
              : cause instanceof ZodError
                ? 'invalid_input'
                : error.code.toLowerCase(),
          zodError: cause instanceof ZodError ? cause.flatten() : null,
        },
      }
    },
  })

/**
 * An error nobody expected (a failed query, a bug): what the caller gets instead of it, the generic
 * message and an id; the details went to the log under that id (`logUnexpected`).
 */
export class UnexpectedError extends Error {
  readonly messageKey = 'errors.unexpected'
  readonly reason = 'internal_error'
  readonly params: Record<string, string>
  constructor(readonly errorId: string) {
    super('errors.unexpected')
    this.name = 'UnexpectedError'
    this.params = { id: errorId }
  }
}

function logUnexpected(path: string | undefined, error: unknown): UnexpectedError {
  const unexpected = new UnexpectedError(randomUUID())
  console.error(`[error ${unexpected.errorId}] tRPC ${path ?? '?'}:`, error)
  return unexpected
}

/**
 * Turns the domain's AppError into the tRPC error of the same meaning (and HTTP status), and any
 * other error into an UnexpectedError: over HTTP and to the pages' server-side calls alike, an SQL
 * text or its parameters never leave the process, and the person can quote the id.
 */
const mapAppErrors = t.middleware(async ({ next, path }) => {
  const result = await next()
  if (result.ok || result.error.code !== 'INTERNAL_SERVER_ERROR') return result
  const cause = result.error.cause
  if (cause instanceof AppError)
    return { ...result, error: new TRPCError({ code: cause.code, message: cause.messageKey, cause }) }
  if (cause instanceof UnexpectedError) return result
  const unexpected = logUnexpected(path, cause ?? result.error)
  return {
    ...result,
    error: new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: unexpected.message, cause: unexpected }),
  }
})

/**
 * PostgreSQL text cannot hold a NUL byte: refused here for every string of every procedure's input
 * (values and keys), before anything is stored or queried, instead of failing as a 500 in a query.
 */
const refuseNulBytes = t.middleware(async ({ getRawInput, next }) => {
  if (containsNulByte(await getRawInput().catch(() => undefined)))
    throw new AppError('BAD_REQUEST', 'inputRefusals.nulByte', {}, 'nul_byte')
  return next()
})

export const router = t.router
export const createCallerFactory = t.createCallerFactory
export const publicProcedure = t.procedure.meta({ access: 'public' }).use(mapAppErrors).use(refuseNulBytes)

export const authedProcedure = publicProcedure.meta({ access: 'signed-in' }).use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) throw new AppError('UNAUTHORIZED', 'errors.signInRequired')
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } })
})

export type TenantContext = {
  /** Runs after the procedure's transaction committed (to wake a job that must see its rows). */
  afterCommit: (fn: () => void | Promise<void>) => void
  tenant: typeof tenants.$inferSelect
  membership: typeof memberships.$inferSelect
  permissions: ReadonlySet<Permission>
  roleKeys: readonly string[]
  tx: Tx
}

/**
 * Resolves the URL's tenant against the signed-in user's memberships, then runs the procedure in
 * one transaction bound to that tenant (row-level security). Not a member: 404, like a missing tenant.
 */
export const tenantProcedure = authedProcedure.meta({ access: 'member' }).use(async ({ ctx, next }) => {
  const slug = ctx.tenantSlug
  if (!slug) throw new AppError('NOT_FOUND', 'errors.notFound')
  const [tenant] = await db()
    .select()
    .from(tenants)
    .where(and(eq(tenants.slug, slug), eq(tenants.active, true)))
  if (!tenant) throw new AppError('NOT_FOUND', 'errors.notFound')
  const committed: (() => void | Promise<void>)[] = []
  const afterCommit = (fn: () => void | Promise<void>) => void committed.push(fn)
  return withTenant(
    tenant.id,
    async (tx) => {
      const rows = await tx
        .select({ membership: memberships, roleKey: roles.key, permissions: roles.permissions })
        .from(memberships)
        .leftJoin(
          membershipRoles,
          and(
            eq(membershipRoles.tenantId, memberships.tenantId),
            eq(membershipRoles.membershipId, memberships.id),
          ),
        )
        .leftJoin(
          roles,
          and(eq(roles.tenantId, membershipRoles.tenantId), eq(roles.id, membershipRoles.roleId)),
        )
        .where(
          and(
            eq(memberships.tenantId, tenant.id),
            eq(memberships.userId, ctx.user.id),
            eq(memberships.active, true),
          ),
        )
      const membership = rows[0]?.membership
      if (!membership) throw new AppError('NOT_FOUND', 'errors.notFound')
      const permissions = new Set(rows.flatMap((r) => r.permissions ?? []).filter(isPermission))
      const roleKeys = rows.flatMap((r) => (r.roleKey ? [r.roleKey] : []))
      const result = await next({
        ctx: { ...ctx, tenant, membership, permissions, roleKeys, tx, afterCommit } satisfies TenantContext &
          typeof ctx,
      })
      // A failed procedure rolls its transaction back.
      if (!result.ok) throw result.error
      return result
    },
    committed,
  )
})

export function assertCan(ctx: Pick<TenantContext, 'permissions'>, permission: Permission) {
  if (!ctx.permissions.has(permission)) throw new AppError('FORBIDDEN', 'errors.forbidden')
}

/** A tenant procedure that requires one permission. */
export function tenantProcedureWith(permission: Permission) {
  return tenantProcedure.meta({ access: 'member', permission }).use(({ ctx, next }) => {
    assertCan(ctx, permission)
    return next()
  })
}
