-- The shared webhook must find a number's tenant before any tenant context exists. These two
-- functions run as the owner and answer exactly one narrow question each (docs/decisions/007).
CREATE FUNCTION whatsapp_channel_route(p_phone_number_id text)
RETURNS TABLE (tenant_id uuid, channel_id uuid, app_secret_enc text, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.tenant_id, c.id, c.app_secret_enc, c.active AND t.active
  FROM channels c JOIN tenants t ON t.id = c.tenant_id
  WHERE c.kind = 'whatsapp' AND c.phone_number_id = p_phone_number_id
$$;--> statement-breakpoint
CREATE FUNCTION whatsapp_verify_token_known(p_token text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM channels WHERE kind = 'whatsapp' AND verify_token = p_token)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION whatsapp_channel_route(text) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION whatsapp_verify_token_known(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION whatsapp_channel_route(text) TO tanggap_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION whatsapp_verify_token_known(text) TO tanggap_app;
