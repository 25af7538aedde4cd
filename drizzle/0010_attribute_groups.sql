-- Groups from a user attribute (issue 17, lib/orgs/attribute-groups.ts): the organisation's chosen attribute,
-- and the mark on groups Roster keeps from it. Attribute groups get a name space of their own, so an IdP that
-- pushes a group named like a department never clashes with the department's group.
DROP INDEX "groups_org_display_name_key";--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "attribute_groups" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "from_attribute" text;--> statement-breakpoint
CREATE UNIQUE INDEX "groups_org_attribute_value_key" ON "groups" USING btree ("org_id",lower("display_name")) WHERE "groups"."from_attribute" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "groups_org_display_name_key" ON "groups" USING btree ("org_id",lower("display_name")) WHERE "groups"."from_attribute" is null;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_attribute_groups_known" CHECK ("organisations"."attribute_groups" is null or "organisations"."attribute_groups" in ('department', 'division', 'organization', 'costCenter', 'title'));