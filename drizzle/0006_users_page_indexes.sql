CREATE INDEX "users_sort_name_idx" ON "users" USING btree (lower(coalesce(nullif(trim(coalesce("given_name", '') || ' ' || coalesce("family_name", '')), ''), "email")),"id");--> statement-breakpoint
CREATE INDEX "users_search_trgm_idx" ON "users" USING gin (lower("email" || ' ' || coalesce("given_name", '') || ' ' || coalesce("family_name", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "memberships_org_state_changed_idx" ON "memberships" USING btree ("org_id","state","state_changed_at","id");--> statement-breakpoint
CREATE INDEX "memberships_org_role_idx" ON "memberships" USING btree ("org_id","role","created_at","id");--> statement-breakpoint
CREATE INDEX "memberships_search_trgm_idx" ON "memberships" USING gin (lower("user_name" || ' ' || coalesce("display_name", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "provisioning_log_refusals_idx" ON "provisioning_log" USING btree ("org_id","at") WHERE "provisioning_log"."status" = 403;--> statement-breakpoint
CREATE INDEX "provisioning_log_org_target_idx" ON "provisioning_log" USING btree ("org_id",lower("target"));