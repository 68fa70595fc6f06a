-- The daily digest goes to roles holding "digest.receive" (docs/decisions/009-quiet-hours.md).
-- Agencies created before it existed: the section head, head of division and head presets get it,
-- and admin roles too, since an admin role holds every permission.
UPDATE roles
SET permissions = array_append(permissions, 'digest.receive'), updated_at = now()
WHERE key IN ('admin', 'supervisor', 'head_of_division', 'head')
  AND NOT ('digest.receive' = ANY (permissions));
