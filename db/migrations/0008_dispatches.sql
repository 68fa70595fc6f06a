CREATE TYPE "public"."dispatch_status" AS ENUM('assigned', 'departed', 'arrived', 'finished', 'cancelled');--> statement-breakpoint
CREATE TABLE "dispatches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"dispatched_by" uuid,
	"status" "dispatch_status" DEFAULT 'assigned' NOT NULL,
	"departed_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"arrived_latitude" double precision,
	"arrived_longitude" double precision,
	"findings" text,
	"finished_at" timestamp with time zone,
	"finished_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispatches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "dispatches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_tenant_id_complaint_id_complaints_tenant_id_id_fk" FOREIGN KEY ("tenant_id","complaint_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_tenant_id_unit_id_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","unit_id") REFERENCES "public"."units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_tenant_id_dispatched_by_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dispatched_by") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_tenant_id_finished_by_memberships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","finished_by") REFERENCES "public"."memberships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispatches_unit_idx" ON "dispatches" USING btree ("tenant_id","unit_id","status");--> statement-breakpoint
CREATE INDEX "dispatches_complaint_idx" ON "dispatches" USING btree ("tenant_id","complaint_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "dispatches" AS PERMISSIVE FOR ALL TO "tanggap_app" USING ("dispatches"."tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK ("dispatches"."tenant_id" = nullif(current_setting('app.tenant_id', true), '')::uuid);