-- The inbox searches ticket numbers, descriptions and reporter names by substring, which Indonesian
-- text (affixes, regional words, typos) needs more than stemming: trigram indexes (docs/decisions/008).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX complaints_search_trgm_idx ON complaints USING gin ((ticket_number || ' ' || description) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX reporters_name_trgm_idx ON reporters USING gin (name gin_trgm_ops);--> statement-breakpoint
-- The inbox filters (newest first uses complaints_created_idx, scanned backwards).
CREATE INDEX complaints_step_idx ON complaints (tenant_id, sop_version_id, current_step_key, created_at DESC);--> statement-breakpoint
CREATE INDEX complaints_channel_idx ON complaints (tenant_id, channel, created_at DESC);--> statement-breakpoint
CREATE INDEX complaints_category_idx ON complaints (tenant_id, category_id, created_at DESC);--> statement-breakpoint
CREATE INDEX complaints_kecamatan_idx ON complaints (tenant_id, kecamatan_id, created_at DESC);--> statement-breakpoint
CREATE INDEX complaints_assignee_idx ON complaints (tenant_id, assignee_membership_id, created_at DESC)
