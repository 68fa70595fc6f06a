import { router } from '#server/trpc/trpc.ts'
import { findSopsProcedure } from './find-sops.ts'
import { getSopProcedure } from './get-sop.ts'
import { createSopFromImportProcedure, previewSopImportProcedure } from './import-sop.ts'
import { publishSopProcedure } from './publish-sop.ts'
import { saveSopDraftProcedure } from './save-sop-draft.ts'

export const sopRouter = router({
  find: findSopsProcedure,
  get: getSopProcedure,
  saveDraft: saveSopDraftProcedure,
  publish: publishSopProcedure,
  previewImport: previewSopImportProcedure,
  createFromImport: createSopFromImportProcedure,
})
