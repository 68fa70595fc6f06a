-- A WhatsApp number a tenant claims is verified with the Graph API and then waits for a platform
-- admin: until approved the shared webhook finds no route for it, so it opens no complaint,
-- and its own app secret signs nothing. The numbers registered before this stay approved.
-- Self-contained: touches only channels and the routing function.
CREATE TYPE "public"."channel_approval" AS ENUM('pending', 'approved');--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "approval" "channel_approval" DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ALTER COLUMN "approval" SET DEFAULT 'pending';--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
UPDATE "channels" SET "approved_at" = "created_at";--> statement-breakpoint
CREATE OR REPLACE FUNCTION whatsapp_channel_route(p_phone_number_id text)
RETURNS TABLE (tenant_id uuid, channel_id uuid, app_secret_enc text, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.tenant_id, c.id, c.app_secret_enc, c.active AND t.active
  FROM channels c JOIN tenants t ON t.id = c.tenant_id
  WHERE c.kind = 'whatsapp' AND c.phone_number_id = p_phone_number_id AND c.approval = 'approved'
$$;--> statement-breakpoint
-- The platform admin's list of numbers waiting for approval, across tenants (nothing secret).
CREATE FUNCTION whatsapp_channels_pending()
RETURNS TABLE (tenant_id uuid, tenant_slug text, tenant_name text, channel_id uuid, phone_number_id text,
  display_number text, created_at timestamp with time zone)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id, t.slug, t.name, c.id, c.phone_number_id, c.display_number, c.created_at
  FROM channels c JOIN tenants t ON t.id = c.tenant_id
  WHERE c.kind = 'whatsapp' AND c.approval = 'pending'
  ORDER BY c.created_at
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION whatsapp_channels_pending() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION whatsapp_channels_pending() TO tanggap_app;
