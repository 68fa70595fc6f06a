ALTER TABLE "complaints" ADD COLUMN "source_url" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "send_after" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "uploaded_by" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_tenant_id_merged_into_id_complaints_tenant_id_id_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_tenant_id_uploaded_by_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","uploaded_by") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_merged_idx" ON "complaints" USING btree ("tenant_id","merged_into_id") WHERE "complaints"."merged_into_id" is not null;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_dedupe_unique" UNIQUE("tenant_id","dedupe_key");