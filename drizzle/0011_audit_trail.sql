ALTER TABLE "organisations" ADD COLUMN "audit_retention_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
ALTER TABLE "provisioning_log" ADD COLUMN "target_name" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "actor_kind" text DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "subject_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "subject_name" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "subject_email" text;--> statement-breakpoint
CREATE INDEX "audit_log_search_trgm_idx" ON "audit_log" USING gin (lower(coalesce("subject_name", '') || ' ' || coalesce("subject_email", '') || ' ' || coalesce("target", '') || ' ' || "actor_label") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_log_org_id_idx" ON "audit_log" USING btree ("org_id","id");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_audit_retention_check" CHECK ("organisations"."audit_retention_days" between 30 and 3650);--> statement-breakpoint
-- Hand-written backfill: entries written before this migration name their actor and subject only in words.
UPDATE "audit_log" SET "actor_kind" = 'operator' WHERE "actor_label" = 'Operator CLI';--> statement-breakpoint
UPDATE "audit_log" SET "actor_kind" = 'system' WHERE "actor_label" LIKE 'Roster (%';--> statement-breakpoint
UPDATE "audit_log" SET "subject_email" = "target"
  WHERE ("action" LIKE 'member.%' OR "action" LIKE 'invitation.%' OR "action" IN ('owner.created', 'ownership.transferred')) AND "target" LIKE '%@%';
