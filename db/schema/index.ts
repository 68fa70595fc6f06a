export * from './tenants.ts'
export * from './auth.ts'
export * from './org.ts'
export * from './complaints.ts'
