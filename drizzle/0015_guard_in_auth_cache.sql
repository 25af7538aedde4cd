-- A SCIM request knows from its token's cached row whether its organisation's mass-deprovisioning guard is
-- on (lib/scim/tokens.ts): with it off, a deactivation or deletion skips the guard's lock. So turning the
-- guard on or off is announced on the auth channel, like any other change to what that row carries. Row
-- triggers with conditions, not statement triggers: the guard's own upsert (its lock, on every guarded
-- deprovisioning) changes nothing they carry and must not empty every instance's cache.
CREATE TRIGGER "deprovision_guards_inserted_off" AFTER INSERT ON "deprovision_guards"
  FOR EACH ROW WHEN (NOT NEW."enabled") EXECUTE FUNCTION "roster_auth_changed"();--> statement-breakpoint
CREATE TRIGGER "deprovision_guards_switched" AFTER UPDATE ON "deprovision_guards"
  FOR EACH ROW WHEN (OLD."enabled" IS DISTINCT FROM NEW."enabled") EXECUTE FUNCTION "roster_auth_changed"();--> statement-breakpoint
CREATE TRIGGER "deprovision_guards_deleted_off" AFTER DELETE ON "deprovision_guards"
  FOR EACH ROW WHEN (NOT OLD."enabled") EXECUTE FUNCTION "roster_auth_changed"();
