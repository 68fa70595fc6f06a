-- Agencies created before operators could reply get the default text of that message, so their
-- admins can attach the approved WhatsApp template to it.
INSERT INTO message_templates (tenant_id, key, language, body)
SELECT t.id, 'operator_reply', v.language, v.body
FROM tenants t
CROSS JOIN (VALUES
  ('id', 'Petugas {{service}} ingin menindaklanjuti aduan {{ticket}} Anda. Silakan balas pesan ini agar kami dapat melanjutkan percakapan.'),
  ('en', 'An officer of {{service}} would like to follow up on your complaint {{ticket}}. Please reply to this message so we can continue the conversation.')
) AS v(language, body)
ON CONFLICT (tenant_id, key, language) DO NOTHING;
