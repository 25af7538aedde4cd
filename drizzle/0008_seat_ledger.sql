CREATE TABLE "organisation_seats" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"seats" integer NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "organisation_seats_seats_nonnegative" CHECK ("organisation_seats"."seats" >= 0),
	CONSTRAINT "organisation_seats_held_range" CHECK ("organisation_seats"."held" >= 0 AND "organisation_seats"."held" <= "organisation_seats"."seats")
);
--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_seats_nonnegative";--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_seats_held_range";--> statement-breakpoint
ALTER TABLE "organisation_seats" ADD CONSTRAINT "organisation_seats_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_invited_by_idx" ON "invitations" USING btree ("invited_by") WHERE "invitations"."invited_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "scim_tokens_created_by_idx" ON "scim_tokens" USING btree ("created_by") WHERE "scim_tokens"."created_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id") WHERE "audit_log"."actor_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "billing_changes_actor_idx" ON "billing_changes" USING btree ("actor_user_id") WHERE "billing_changes"."actor_user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "bookings_event_type_idx" ON "bookings" USING btree ("event_type_id") WHERE "bookings"."event_type_id" IS NOT NULL;--> statement-breakpoint
-- The counts move to their own row (hand-written: drizzle-kit only drops the columns).
INSERT INTO "organisation_seats" ("org_id", "seats", "held") SELECT "id", "seats", "seats_held" FROM "organisations";--> statement-breakpoint
-- Every seat claim or release updates this row. Space left free on its page keeps those updates on the
-- page (HOT), where the next update prunes the dead versions, with or without autovacuum.
ALTER TABLE "organisation_seats" SET (fillfactor = 10);--> statement-breakpoint
-- Nothing updates organisations in the hot path any more (0007 gave it room for the seat counter).
ALTER TABLE "organisations" RESET (fillfactor);--> statement-breakpoint
ALTER TABLE "organisations" DROP COLUMN "seats";--> statement-breakpoint
ALTER TABLE "organisations" DROP COLUMN "seats_held";--> statement-breakpoint
-- Each app instance keeps SCIM tokens and their organisations' settings in memory for at most a second
-- (lib/scim/auth-cache.ts) and drops them at once when told: a revoked token, a disabled SCIM, a renamed
-- organisation are announced on this channel by the database itself, whatever code path made the change.
CREATE FUNCTION "roster_auth_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('roster_auth_changed', '');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "scim_tokens_auth_changed" AFTER UPDATE OF "org_id", "token_hash", "revoked_at", "expires_at" OR DELETE ON "scim_tokens"
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_auth_changed"();--> statement-breakpoint
CREATE TRIGGER "organisations_auth_changed" AFTER UPDATE OR DELETE ON "organisations"
  FOR EACH STATEMENT EXECUTE FUNCTION "roster_auth_changed"();