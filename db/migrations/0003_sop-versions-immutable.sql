-- A published SOP version is what running complaints follow: its definition never changes.
CREATE FUNCTION refuse_published_sop_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (NEW.definition IS DISTINCT FROM OLD.definition OR NEW.version <> OLD.version) THEN
    RAISE EXCEPTION 'SOP version % is published and cannot change', OLD.version USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER sop_versions_immutable BEFORE UPDATE ON sop_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_published_sop_change();
