/**
 * The demo sign-ins the README lists (a stable contract other tools rely on). Plain data with no imports, so that the login
 * page can show them without bundling database code.
 */
export const DEMO_PASSWORD = 'tanggap-demo'

export const DEMO_LOGINS = [
  { tenant: 'balangan', email: 'admin@balangan.demo', role: 'admin' },
  { tenant: 'balangan', email: 'operator@balangan.demo', role: 'operator' },
  { tenant: 'balangan', email: 'piket@balangan.demo', role: 'duty_officer' },
  { tenant: 'balangan', email: 'staf@balangan.demo', role: 'admin_staff' },
  { tenant: 'balangan', email: 'kasi@balangan.demo', role: 'supervisor' },
  { tenant: 'balangan', email: 'kabid@balangan.demo', role: 'head_of_division' },
  { tenant: 'balangan', email: 'trc@balangan.demo', role: 'trc' },
  { tenant: 'balangan', email: 'sekretaris@balangan.demo', role: 'secretary' },
  { tenant: 'balangan', email: 'kepala@balangan.demo', role: 'head' },
  { tenant: 'balangan', email: 'bupati@balangan.demo', role: 'regent' },
  { tenant: 'tangerang', email: 'admin@tangerang.demo', role: 'admin' },
  { tenant: 'tangerang', email: 'operator@tangerang.demo', role: 'operator' },
  { tenant: 'tangerang', email: 'opd-pupr@tangerang.demo', role: 'opd_officer' },
  { tenant: 'tangerang', email: 'opd-dlh@tangerang.demo', role: 'opd_officer' },
  { tenant: 'tangerang', email: 'walikota@tangerang.demo', role: 'regent' },
  { tenant: 'balangan, tangerang', email: 'admin@tanggap.demo', role: 'admin' },
] as const
