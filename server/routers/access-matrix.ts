import type { Permission } from '#server/auth/permissions.ts'

/**
 * The isolation matrix's table: for every tRPC procedure, the inputs that name another tenant's
 * objects and an input that passes the permission check while changing nothing. The matrix test
 * (isolation-matrix.test.ts) fails when a procedure of `appRouter` has no entry here, and the
 * permission table (docs/permissions.md) is generated from the procedures' meta plus `alsoRequires`.
 */

/** The objects of one tenant the matrix points at. */
export type MatrixIds = {
  slug: string
  /** An open letter complaint with a scanned letter, and another open complaint (for merges). */
  ticket: string
  ticket2: string
  complaintId: string
  /** The first complaint's current version (for transitions and merges). */
  version: number
  attachmentId: string
  notificationId: string
  notificationAt: string
  dispatchId: string
  sopId: string
  /** The definition of `sopId`, valid for `sop.saveDraft`, and the key of its first step. */
  sopDefinition: unknown
  stepKey: string
  /** A role other than admin, and a member holding it (not the admin). */
  roleId: string
  membershipId: string
  /** A TRC post, and a division (or control room) a post can belong to. */
  trcUnitId: string
  divisionId: string
  categoryId: string
  channelId: string
  phoneNumberId: string
  kecamatanId: string
}

export type ProcedureEntry = {
  /**
   * Inputs naming the other tenant's objects (`v`), some mixed with the caller's own (`own`). Null: the
   * procedure names no object of a tenant; only the call through the other tenant's URL applies.
   */
  foreign: ((v: MatrixIds, own: MatrixIds) => unknown[]) | null
  /**
   * An input that gets past every permission check and then changes nothing (a made-up id: 404;
   * an invalid value: 400). The role sweep calls it as each seeded role.
   */
  probe: (own: MatrixIds) => unknown
  /** Permissions the procedure's body checks on top of the one in its meta. */
  alsoRequires?: Permission[]
  /** The ids only narrow a list of the caller's own tenant: a success is fine if it holds nothing of `v`. */
  filterOnly?: true
  /** Refusals that mean "not yours" for this procedure besides 404 and 403 (e.g. a domain 400 "unknown unit"). */
  alsoRefusedWith?: ('BAD_REQUEST' | 'CONFLICT')[]
  /** Not callable over tRPC HTTP at all: every caller gets 404 (sign-in and sign-out go through the forms). */
  httpRefused?: true
}

/** A UUID no row has. */
export const NONE = '00000000-0000-4000-8000-000000000000'
/** A ticket number no complaint has. */
const NO_TICKET = 'NOPE-2000-000000'

export const PROCEDURE_MATRIX: Record<string, ProcedureEntry> = {
  'auth.signIn': {
    foreign: null,
    probe: () => ({ email: 'nobody@example.test', password: 'wrong' }),
    httpRefused: true,
  },
  'auth.signOut': { foreign: null, probe: () => ({}), httpRefused: true },
  'me.listMemberships': { foreign: null, probe: () => undefined },
  'me.updateLanguage': { foreign: null, probe: () => ({ language: 'xx' }) },
  'tenant.getShell': { foreign: null, probe: () => undefined },
  'tenant.getDashboard': { foreign: null, probe: () => undefined },

  'sop.find': { foreign: null, probe: () => undefined },
  'sop.get': { foreign: (v) => [{ sopId: v.sopId }], probe: () => ({ sopId: NONE }) },
  'sop.saveDraft': {
    foreign: (v, own) => [{ sopId: v.sopId, definition: own.sopDefinition }],
    probe: (own) => ({ sopId: NONE, definition: own.sopDefinition }),
  },
  'sop.publish': { foreign: (v) => [{ sopId: v.sopId }], probe: () => ({ sopId: NONE }) },
  'sop.previewImport': { foreign: null, probe: () => ({ text: 'too short' }) },
  'sop.createFromImport': { foreign: null, probe: () => ({ text: 'too short', tableIndex: 0, nameId: 'x' }) },

  'complaint.create': {
    foreign: (v) => [
      {
        channel: 'web',
        description: 'Aduan matriks isolasi, kategori instansi lain',
        categoryId: v.categoryId,
      },
    ],
    probe: () => ({ channel: 'web', description: 'short' }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },
  'complaint.get': { foreign: (v) => [{ ticket: v.ticket }], probe: () => ({ ticket: NO_TICKET }) },
  'complaint.getIntakeOptions': { foreign: null, probe: () => undefined },
  'complaint.getAttachment': { foreign: (v) => [{ id: v.attachmentId }], probe: () => ({ id: NONE }) },
  'complaint.reply': {
    foreign: (v) => [{ ticket: v.ticket, text: 'Balasan dari instansi lain' }],
    probe: () => ({ ticket: NO_TICKET, text: 'Halo' }),
  },
  'complaint.transition': {
    foreign: (v) => [{ ticket: v.ticket, outcomeKey: 'lanjut', expectedVersion: v.version }],
    probe: () => ({ ticket: NO_TICKET, outcomeKey: 'x', expectedVersion: 0 }),
  },
  'complaint.addNote': {
    foreign: (v) => [{ ticket: v.ticket, text: 'Catatan dari instansi lain' }],
    probe: () => ({ ticket: NO_TICKET, text: 'Catatan' }),
  },
  'complaint.assign': {
    foreign: (v, own) => [
      { ticket: v.ticket, membershipId: null, unitId: null },
      { ticket: own.ticket, membershipId: v.membershipId, unitId: null },
      { ticket: own.ticket, membershipId: null, unitId: v.divisionId },
    ],
    probe: () => ({ ticket: NO_TICKET, membershipId: null, unitId: null }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },
  'complaint.updateDetails': {
    foreign: (v, own) => [
      { ticket: v.ticket, priority: 'urgent', categoryId: null },
      { ticket: own.ticket, priority: 'urgent', categoryId: v.categoryId },
    ],
    probe: () => ({ ticket: NO_TICKET, priority: 'normal', categoryId: null }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },
  'complaint.getManageOptions': { foreign: null, probe: () => undefined },
  'complaint.issueReceipt': {
    foreign: (v) => [{ ticket: v.ticket }],
    probe: () => ({ ticket: NO_TICKET }),
    alsoRequires: ['complaint.view'],
  },
  'complaint.merge': {
    foreign: (v, own) => [
      { ticket: v.ticket2, originalTicket: v.ticket, expectedVersion: 0 },
      { ticket: own.ticket2, originalTicket: v.ticket, expectedVersion: 0 },
      { ticket: v.ticket2, originalTicket: own.ticket, expectedVersion: 0 },
    ],
    probe: () => ({ ticket: NO_TICKET, originalTicket: NO_TICKET, expectedVersion: 0 }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },

  'member.find': { foreign: null, probe: () => ({ status: 'nobody' }) },
  'member.get': { foreign: (v) => [{ membershipId: v.membershipId }], probe: () => ({ membershipId: NONE }) },
  'member.getOptions': { foreign: null, probe: () => undefined },
  'member.invite': {
    foreign: (v, own) => [
      { email: `matrix-${v.slug}-role@example.test`, roleIds: [v.roleId] },
      { email: `matrix-${v.slug}-unit@example.test`, roleIds: [own.roleId], unitId: v.divisionId },
    ],
    probe: () => ({ email: 'not an address', roleIds: [] }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },
  'member.findInvitations': { foreign: null, probe: () => undefined },
  'member.revokeInvitation': { foreign: null, probe: () => ({ invitationId: NONE }) },
  // Public: the invitation's token is the credential; a made-up token names nothing.
  'member.getInvitation': { foreign: null, probe: () => ({ token: 'x'.repeat(40) }) },
  'member.acceptInvitation': { foreign: null, probe: () => ({ token: 'x'.repeat(40) }) },
  'member.update': {
    foreign: (v, own) => [
      { membershipId: v.membershipId, roleIds: [], unitId: null, title: null },
      { membershipId: own.membershipId, roleIds: [v.roleId], unitId: null, title: null },
      { membershipId: own.membershipId, roleIds: [own.roleId], unitId: v.divisionId, title: null },
    ],
    probe: () => ({ membershipId: NONE, roleIds: [], unitId: null, title: null }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },
  'member.deactivate': {
    foreign: (v) => [{ membershipId: v.membershipId }],
    probe: () => ({ membershipId: NONE }),
  },
  'member.reactivate': {
    foreign: (v) => [{ membershipId: v.membershipId }],
    probe: () => ({ membershipId: NONE }),
  },

  'role.find': { foreign: null, probe: () => undefined },
  'role.get': { foreign: (v) => [{ roleId: v.roleId }], probe: () => ({ roleId: NONE }) },
  'role.create': { foreign: null, probe: () => ({ nameId: 7, permissions: [] }) },
  'role.update': {
    foreign: (v) => [{ roleId: v.roleId, nameId: 'Peran dari instansi lain', permissions: [] }],
    probe: () => ({ roleId: NONE, nameId: 'Peran', permissions: [] }),
  },

  'unit.find': { foreign: null, probe: () => undefined },
  'unit.get': { foreign: (v) => [{ unitId: v.trcUnitId }], probe: () => ({ unitId: NONE }) },
  'unit.create': {
    foreign: (v) => [
      { kind: 'trc_post', name: 'Pos TRC Matriks', parentId: v.divisionId, latitude: -2.3, longitude: 115.4 },
    ],
    probe: () => ({ kind: 'nothing', name: 'x' }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },
  'unit.update': {
    foreign: (v, own) => [
      { unitId: v.trcUnitId, name: 'Pos dari instansi lain' },
      { unitId: own.trcUnitId, parentId: v.divisionId },
    ],
    probe: () => ({ unitId: NONE, name: 'Pos' }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },
  'unit.setActive': {
    foreign: (v) => [{ unitId: v.trcUnitId, active: false }],
    probe: () => ({ unitId: NONE, active: true }),
  },

  'category.find': { foreign: null, probe: () => undefined },
  'category.get': { foreign: (v) => [{ categoryId: v.categoryId }], probe: () => ({ categoryId: NONE }) },
  'category.getFormOptions': { foreign: null, probe: () => undefined },
  'category.create': {
    foreign: (v) => [
      { nameId: 'Kategori Matriks Satu', defaultUnitId: v.divisionId, defaultSopId: null },
      { nameId: 'Kategori Matriks Dua', defaultUnitId: null, defaultSopId: v.sopId },
    ],
    probe: () => ({ nameId: 'x', defaultUnitId: 'not-a-uuid', defaultSopId: null }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },
  'category.update': {
    foreign: (v, own) => [
      {
        categoryId: v.categoryId,
        nameId: 'Kategori lain',
        defaultUnitId: null,
        defaultSopId: null,
        active: true,
      },
      {
        categoryId: own.categoryId,
        nameId: 'Kategori Matriks',
        defaultUnitId: v.divisionId,
        defaultSopId: null,
        active: true,
      },
      {
        categoryId: own.categoryId,
        nameId: 'Kategori Matriks',
        defaultUnitId: null,
        defaultSopId: v.sopId,
        active: true,
      },
    ],
    probe: () => ({ categoryId: NONE, nameId: 'x', defaultUnitId: null, defaultSopId: null, active: true }),
    alsoRefusedWith: ['BAD_REQUEST'],
  },

  'settings.getCalendar': { foreign: null, probe: () => ({ year: 1 }) },
  'settings.updateCalendar': { foreign: null, probe: () => ({ timezone: 'Europe/Paris' }) },
  'settings.addHoliday': { foreign: null, probe: () => ({ date: '2026-02-30', nameId: 'Hari' }) },
  'settings.removeHoliday': { foreign: null, probe: () => ({ date: '2026-02-30' }) },
  'settings.loadNationalHolidays': { foreign: null, probe: () => ({ year: 1 }) },
  'settings.getLetterhead': { foreign: null, probe: () => undefined },
  'settings.updateLetterhead': { foreign: null, probe: () => ({ parentName: 'x' }) },
  'settings.getReportRecipients': { foreign: null, probe: () => undefined },
  'settings.addReportRecipient': { foreign: null, probe: () => ({ name: 'x', email: 'not an address' }) },
  'settings.removeReportRecipient': { foreign: null, probe: () => ({ email: 7 }) },

  'platform.findTenants': { foreign: null, probe: () => undefined },
  'platform.findUnroutable': { foreign: null, probe: () => undefined },
  'platform.createTenant': { foreign: null, probe: () => ({ slug: 'x' }) },
  'platform.findPendingChannels': { foreign: null, probe: () => undefined },
  'platform.approveChannel': { foreign: null, probe: () => ({ tenantSlug: 'x', channelId: NONE }) },
  'platform.rejectChannel': { foreign: null, probe: () => ({ tenantSlug: 'x', channelId: NONE }) },

  'channel.find': { foreign: null, probe: () => undefined },
  'channel.saveWhatsapp': {
    foreign: (v) => [
      {
        channelId: v.channelId,
        phoneNumberId: '109000000009999',
        displayNumber: '+62 811-0000-9999',
        verifyToken: 'matrix-verify-token',
      },
    ],
    probe: () => ({
      channelId: NONE,
      phoneNumberId: '109000000009999',
      displayNumber: '+62 811-0000-9999',
      verifyToken: 'matrix-verify-token',
    }),
  },
  'channel.sendTest': {
    foreign: (v) => [{ channelId: v.channelId, to: '6281234567890' }],
    probe: () => ({ channelId: NONE, to: '6281234567890' }),
  },
  'channel.findTemplates': { foreign: null, probe: () => undefined },
  'channel.saveTemplate': { foreign: null, probe: () => ({ key: 'x', language: 'fr', body: '' }) },

  'inbox.find': {
    foreign: (v) => [
      { categoryId: v.categoryId, status: 'any' },
      { sopId: v.sopId, stepKey: 'verifikasi', status: 'any' },
      { kecamatanId: v.kecamatanId, status: 'any' },
      { q: v.ticket, status: 'any' },
    ],
    probe: () => ({ limit: 0 }),
    filterOnly: true,
  },
  'inbox.getFilters': { foreign: null, probe: () => undefined },

  'notification.getUnreadCount': { foreign: null, probe: () => undefined },
  'notification.find': {
    foreign: (v) => [{ cursor: { at: v.notificationAt, id: v.notificationId } }],
    probe: () => ({ limit: 0 }),
    filterOnly: true,
  },
  'notification.markRead': { foreign: (v) => [{ id: v.notificationId }], probe: () => ({ id: NONE }) },
  'notification.markAllRead': { foreign: null, probe: () => ({ upTo: 'yesterday' }) },

  'trc.findMine': { foreign: null, probe: () => undefined },
  'trc.update': {
    foreign: (v) => [
      { dispatchId: v.dispatchId, action: 'depart' },
      { dispatchId: v.dispatchId, action: 'finish', findings: 'Temuan dari instansi lain' },
    ],
    probe: () => ({ dispatchId: NONE, action: 'depart' }),
  },
  'trc.getDispatchOptions': { foreign: (v) => [{ ticket: v.ticket }], probe: () => ({ ticket: NO_TICKET }) },
  'trc.dispatch': {
    foreign: (v, own) => [
      { ticket: v.ticket, unitId: own.trcUnitId },
      { ticket: own.ticket, unitId: v.trcUnitId },
    ],
    probe: () => ({ ticket: NO_TICKET, unitId: NONE }),
    alsoRequires: ['dispatch.perform'],
    alsoRefusedWith: ['BAD_REQUEST'],
  },

  // The demo's citizen phone (demo mode and tests only; no tenant, no session).
  'dev.findWhatsappNumbers': { foreign: null, probe: () => undefined },
  'dev.sendCitizenMessage': { foreign: null, probe: () => ({ origin: 'nope' }) },
  'dev.getCitizenChat': { foreign: null, probe: () => ({ origin: 'nope' }) },
}

/** A form post: to `path` under `/t/:tenant` (the route's own path when absent), urlencoded. */
export type FormPost = { path?: string; body: Record<string, string | string[]> }

export type RouteEntry = {
  /** The route's path under `/t/:tenant`, naming the objects of `v` (e.g. `/complaints/${v.ticket}`). */
  path: (v: MatrixIds) => string
  /** The procedures its loader needs: the page needs their permissions (docs and the role sweep). */
  loads: string[]
  /** Form posts of its action, sent to the other tenant's URL (where the caller is no member). */
  posts?: (v: MatrixIds) => FormPost[]
  /** Form posts to the caller's own URL that name the other tenant's objects. */
  foreignPosts?: (v: MatrixIds, own: MatrixIds) => FormPost[]
  /** The ids only narrow a list of the caller's own tenant (the inbox's filters). */
  filterOnly?: true
  /** What a signed-in member without the permissions gets instead of 403 (e.g. a redirect). */
  refusedWith?: number
  /** The status a GET answers when allowed (200 unless the loader only redirects). */
  okStatus?: number
  /**
   * The route's own refusal of a GET, instead of 404 (the non-member) or a redirect to /login (the
   * visitor): e.g. the bell's count answers `{"count":null}`, the receipt's GET leads to the complaint page.
   */
  ownRefusal?: (url: { slug: string; v: MatrixIds }) => { status: number; body?: string; location?: string }
}

const SOP_TEXT =
  'No | Kegiatan | Pelaksana | Waktu\n1 | Terima aduan | Operator | 1 jam\n2 | Tindak lanjut | Kasi | 1 hari'

const complaintPosts = (v: MatrixIds, own: MatrixIds): FormPost[] => [
  { body: { intent: 'note', text: 'Catatan dari instansi lain' } },
  { body: { intent: 'reply', text: 'Balasan dari instansi lain' } },
  { body: { intent: 'replyTemplate' } },
  { body: { intent: 'assign', membershipId: '', unitId: '' } },
  { body: { intent: 'details', priority: 'urgent', categoryId: '' } },
  { body: { intent: 'dispatch', unitId: own.trcUnitId } },
  { body: { intent: 'merge', originalTicket: own.ticket2, expectedVersion: '0' } },
  { body: { outcomeKey: 'lanjut', expectedVersion: String(v.version) } },
]

/** Every `/t/:tenant` route of the Remix build, by route id. */
export const ROUTE_MATRIX: Record<string, RouteEntry> = {
  'routes/t.$tenant': { path: () => '', loads: ['tenant.getShell'] },
  'routes/t.$tenant._index': { path: () => '', loads: ['tenant.getShell', 'tenant.getDashboard'] },
  'routes/t.$tenant.inbox': {
    path: (v) => `/inbox?category=${v.categoryId}&kecamatan=${v.kecamatanId}&status=any`,
    loads: ['tenant.getShell', 'inbox.find', 'inbox.getFilters'],
    filterOnly: true,
  },
  'routes/t.$tenant.complaints.new': {
    path: () => '/complaints/new',
    loads: ['tenant.getShell', 'complaint.getIntakeOptions'],
    posts: (v) =>
      [{ body: { channel: 'web', description: 'Aduan dari instansi lain, lewat formulir' } }].map((p) => ({
        ...p,
        body: { ...p.body, categoryId: v.categoryId },
      })),
    foreignPosts: (v): FormPost[] => [
      {
        body: {
          channel: 'web',
          description: 'Aduan dengan kategori instansi lain',
          categoryId: v.categoryId,
        },
      },
    ],
  },
  'routes/t.$tenant.complaints.$ticket': {
    path: (v) => `/complaints/${v.ticket}`,
    loads: ['tenant.getShell', 'complaint.get'],
    posts: (v) => complaintPosts(v, v),
    foreignPosts: (v, own): FormPost[] => [
      ...complaintPosts(v, own),
      {
        path: `/complaints/${own.ticket}`,
        body: { intent: 'assign', membershipId: v.membershipId, unitId: '' },
      },
      {
        path: `/complaints/${own.ticket}`,
        body: { intent: 'assign', membershipId: '', unitId: v.divisionId },
      },
      {
        path: `/complaints/${own.ticket}`,
        body: { intent: 'details', priority: 'urgent', categoryId: v.categoryId },
      },
      { path: `/complaints/${own.ticket}`, body: { intent: 'dispatch', unitId: v.trcUnitId } },
      {
        path: `/complaints/${own.ticket2}`,
        body: { intent: 'merge', originalTicket: v.ticket, expectedVersion: '0' },
      },
    ],
  },
  'routes/t.$tenant.complaints.$ticket.receipt': {
    // GET only leads back to the complaint page; the receipt is a POST.
    path: (v) => `/complaints/${v.ticket}/receipt`,
    loads: ['tenant.getShell'],
    okStatus: 302,
    ownRefusal: ({ slug, v }) => ({ status: 302, location: `/t/${slug}/complaints/${v.ticket}` }),
    posts: (): FormPost[] => [{ body: {} }],
    foreignPosts: (): FormPost[] => [{ body: {} }],
  },
  'routes/t.$tenant.attachments.$id': {
    path: (v) => `/attachments/${v.attachmentId}`,
    loads: ['complaint.getAttachment'],
  },
  'routes/t.$tenant.notifications._index': {
    path: () => '/notifications',
    loads: ['tenant.getShell', 'notification.find'],
    posts: (v): FormPost[] => [{ body: { id: v.notificationId } }, { body: { intent: 'readAll', upTo: '' } }],
    foreignPosts: (v): FormPost[] => [{ body: { id: v.notificationId } }],
  },
  'routes/t.$tenant.notifications.count': {
    path: () => '/notifications/count',
    loads: ['notification.getUnreadCount'],
    // The console polls it: a refusal answers "no number" rather than an error over the open page.
    ownRefusal: () => ({ status: 200, body: '{"count":null}' }),
  },
  'routes/t.$tenant.trc': {
    path: () => '/trc',
    loads: ['tenant.getShell', 'trc.findMine'],
    posts: (v): FormPost[] => [
      { body: { intent: 'depart', dispatchId: v.dispatchId } },
      {
        body: { intent: 'finish', dispatchId: v.dispatchId, findings: 'Temuan dari instansi lain di lokasi' },
      },
    ],
    foreignPosts: (v): FormPost[] => [
      { body: { intent: 'depart', dispatchId: v.dispatchId } },
      { body: { intent: 'arrive', dispatchId: v.dispatchId } },
      {
        body: { intent: 'finish', dispatchId: v.dispatchId, findings: 'Temuan dari instansi lain di lokasi' },
      },
    ],
  },
  'routes/t.$tenant.admin._index': { path: () => '/admin', loads: ['tenant.getShell', 'sop.find'] },
  'routes/t.$tenant.admin.sop._index': { path: () => '/admin/sop', loads: ['tenant.getShell', 'sop.find'] },
  'routes/t.$tenant.admin.sop.import': {
    // No loader: the form alone; what it sends needs sop.edit.
    path: () => '/admin/sop/import',
    loads: ['tenant.getShell'],
    posts: (): FormPost[] => [
      { body: { text: SOP_TEXT } },
      {
        body: {
          intent: 'create',
          text: SOP_TEXT,
          nameId: 'SOP dari instansi lain',
          tableIndex: '0',
        },
      },
    ],
  },
  'routes/t.$tenant.admin.sop.$sopId._index': {
    path: (v) => `/admin/sop/${v.sopId}`,
    loads: ['tenant.getShell', 'sop.get'],
    posts: (v): FormPost[] => [
      { body: { intent: 'publish' } },
      { body: { intent: 'delete', stepKey: v.stepKey } },
    ],
    foreignPosts: (v): FormPost[] => [
      { body: { intent: 'publish' } },
      { body: { intent: 'delete', stepKey: v.stepKey } },
    ],
  },
  'routes/t.$tenant.admin.sop.$sopId.steps.$stepKey': {
    path: (v) => `/admin/sop/${v.sopId}/steps/${v.stepKey}`,
    loads: ['tenant.getShell', 'sop.get'],
    posts: (): FormPost[] => [{ body: { nameId: 'Langkah dari instansi lain' } }],
    foreignPosts: (): FormPost[] => [{ body: { nameId: 'Langkah dari instansi lain' } }],
  },
  'routes/t.$tenant.admin.users._index': {
    path: () => '/admin/users',
    loads: ['tenant.getShell', 'member.find'],
  },
  'routes/t.$tenant.admin.users.new': {
    path: () => '/admin/users/new',
    loads: ['tenant.getShell', 'member.getOptions'],
    posts: (v): FormPost[] => [
      {
        body: {
          email: `matrix-form-${v.slug}@example.test`,
          name: 'Anggota Lain',
          password: 'matrix-password-1',
          roleIds: v.roleId,
        },
      },
    ],
    foreignPosts: (v, own): FormPost[] => [
      {
        body: {
          email: `matrix-form-${v.slug}@example.test`,
          name: 'Anggota Lain',
          password: 'matrix-password-1',
          roleIds: v.roleId,
        },
      },
      {
        body: {
          email: `matrix-form-unit-${v.slug}@example.test`,
          name: 'Anggota Lain',
          password: 'matrix-password-1',
          roleIds: own.roleId,
          unitId: v.divisionId,
        },
      },
    ],
  },
  'routes/t.$tenant.admin.users.$membershipId': {
    path: (v) => `/admin/users/${v.membershipId}`,
    loads: ['tenant.getShell', 'member.get'],
    posts: (v): FormPost[] => [
      { body: { intent: 'save', roleIds: v.roleId, unitId: '', title: '' } },
      { body: { intent: 'deactivate' } },
      { body: { intent: 'reactivate' } },
    ],
    foreignPosts: (v, own): FormPost[] => [
      { body: { intent: 'save', roleIds: v.roleId, unitId: '', title: '' } },
      { body: { intent: 'deactivate' } },
      { body: { intent: 'reactivate' } },
      {
        path: `/admin/users/${own.membershipId}`,
        body: { intent: 'save', roleIds: v.roleId, unitId: '', title: '' },
      },
      {
        path: `/admin/users/${own.membershipId}`,
        body: { intent: 'save', roleIds: own.roleId, unitId: v.divisionId, title: '' },
      },
    ],
  },
  'routes/t.$tenant.admin.roles._index': {
    path: () => '/admin/roles',
    loads: ['tenant.getShell', 'role.find'],
  },
  'routes/t.$tenant.admin.roles.new': {
    path: () => '/admin/roles/new',
    loads: ['tenant.getShell', 'role.find'],
    posts: (): FormPost[] => [
      { body: { nameId: 'Peran dari instansi lain', permissions: ['complaint.view'] } },
    ],
  },
  'routes/t.$tenant.admin.roles.$roleId': {
    path: (v) => `/admin/roles/${v.roleId}`,
    loads: ['tenant.getShell', 'role.get'],
    posts: (): FormPost[] => [
      { body: { nameId: 'Peran dari instansi lain', permissions: ['complaint.view'] } },
    ],
    foreignPosts: (): FormPost[] => [
      { body: { nameId: 'Peran dari instansi lain', permissions: ['complaint.view'] } },
    ],
  },
  'routes/t.$tenant.admin.units._index': {
    path: () => '/admin/units',
    loads: ['tenant.getShell', 'unit.find'],
  },
  'routes/t.$tenant.admin.units.$unitId': {
    path: (v) => `/admin/units/${v.trcUnitId}`,
    loads: ['tenant.getShell', 'unit.find', 'unit.get'],
    posts: (): FormPost[] => [
      { body: { intent: 'deactivate' } },
      { body: { intent: 'save', name: 'Pos dari instansi lain' } },
    ],
    foreignPosts: (v, own): FormPost[] => [
      { body: { intent: 'deactivate' } },
      { body: { intent: 'save', name: 'Pos dari instansi lain' } },
      {
        path: `/admin/units/${own.trcUnitId}`,
        body: {
          intent: 'save',
          name: 'Pos TRC Matriks',
          parentId: v.divisionId,
          latitude: '-2.3',
          longitude: '115.4',
        },
      },
      {
        path: '/admin/units/new',
        body: {
          kind: 'trc_post',
          name: 'Pos TRC Matriks',
          parentId: v.divisionId,
          latitude: '-2.3',
          longitude: '115.4',
        },
      },
    ],
  },
  'routes/t.$tenant.admin.categories._index': {
    path: () => '/admin/categories',
    loads: ['tenant.getShell', 'category.find'],
  },
  'routes/t.$tenant.admin.categories.$categoryId': {
    path: (v) => `/admin/categories/${v.categoryId}`,
    loads: ['tenant.getShell', 'category.get', 'category.getFormOptions'],
    posts: (): FormPost[] => [{ body: { nameId: 'Kategori dari instansi lain', active: '1' } }],
    foreignPosts: (v, own): FormPost[] => [
      { body: { nameId: 'Kategori dari instansi lain', active: '1' } },
      {
        path: `/admin/categories/${own.categoryId}`,
        body: { nameId: 'Kategori Matriks', defaultUnitId: v.divisionId, active: '1' },
      },
      { path: '/admin/categories/new', body: { nameId: 'Kategori Matriks Baru', defaultSopId: v.sopId } },
    ],
  },
  'routes/t.$tenant.admin.calendar': {
    path: () => '/admin/calendar',
    loads: ['tenant.getShell', 'settings.getCalendar'],
    posts: (): FormPost[] => [
      { body: { intent: 'add', date: '2026-04-28', nameId: 'Hari jadi instansi lain' } },
      { body: { intent: 'remove', date: '2026-08-17' } },
      {
        body: {
          intent: 'hours',
          timezone: 'Asia/Jayapura',
          start: '07:00',
          end: '15:00',
          workingDays: ['1', '2'],
        },
      },
      { body: { intent: 'reload', year: '2026' } },
    ],
  },
  'routes/t.$tenant.admin.letterhead': {
    path: () => '/admin/letterhead',
    loads: ['tenant.getShell', 'settings.getLetterhead'],
    posts: (): FormPost[] => [
      {
        body: {
          parentName: 'PEMERINTAH INSTANSI LAIN',
          agencyName: 'DINAS LAIN',
          address: 'Jalan Lain No. 1',
          letterNumberFormat: '{seq}/LAIN/{year}',
        },
      },
    ],
  },
  'routes/t.$tenant.admin.recipients': {
    path: () => '/admin/recipients',
    loads: ['tenant.getShell', 'settings.getReportRecipients'],
    posts: (): FormPost[] => [
      { body: { name: 'Penerima Lain', email: 'lain@example.test' } },
      { body: { intent: 'remove', email: 'lain@example.test' } },
    ],
  },
  'routes/t.$tenant.admin.whatsapp': {
    path: () => '/admin/whatsapp',
    loads: ['tenant.getShell', 'channel.find', 'channel.findTemplates'],
    posts: (v): FormPost[] => [
      { body: { intent: 'test', channelId: v.channelId, to: '6281234567890' } },
      {
        body: {
          channelId: v.channelId,
          phoneNumberId: '109000000009999',
          displayNumber: '+62 811-0000-9999',
          verifyToken: 'matrix-verify-token',
          active: '1',
        },
      },
    ],
    foreignPosts: (v): FormPost[] => [
      { body: { intent: 'test', channelId: v.channelId, to: '6281234567890' } },
      {
        body: {
          channelId: v.channelId,
          phoneNumberId: '109000000009999',
          displayNumber: '+62 811-0000-9999',
          verifyToken: 'matrix-verify-token',
          active: '1',
        },
      },
    ],
  },
}
