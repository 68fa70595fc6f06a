-- Agencies created before duplicates could be merged get the default text that tells the second
-- reporter their report joined another, so their admins can see, edit and approve it.
INSERT INTO message_templates (tenant_id, key, language, body)
SELECT t.id, 'complaint_merged', v.language, v.body
FROM tenants t
CROSS JOIN (VALUES
  ('id', 'Aduan {{ticket}} Anda sama dengan laporan {{original}} yang sedang kami tangani, jadi keduanya kami tangani bersama. Kabar perkembangannya tetap kami kirim ke nomor ini.'),
  ('en', 'Your complaint {{ticket}} is the same as report {{original}}, which we are handling, so we handle them together. We will keep sending news of its progress to this number.')
) AS v(language, body)
ON CONFLICT (tenant_id, key, language) DO NOTHING;
