CREATE TABLE "deprovision_guards" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"min_count" integer DEFAULT 5 NOT NULL,
	"percent" integer DEFAULT 10 NOT NULL,
	"allowed_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deprovisionings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "held_deprovisionings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_name" text NOT NULL,
	"first_held_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_retried_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"dismissed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "seat_waitlist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"external_id" text,
	"kind" text NOT NULL,
	"membership_id" uuid,
	"payload" jsonb NOT NULL,
	"first_refused_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_refused_at" timestamp with time zone DEFAULT now() NOT NULL,
	"admitted_membership_id" uuid,
	"admitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "deprovision_guards" ADD CONSTRAINT "deprovision_guards_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deprovisionings" ADD CONSTRAINT "deprovisionings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_deprovisionings" ADD CONSTRAINT "held_deprovisionings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_deprovisionings" ADD CONSTRAINT "held_deprovisionings_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_waitlist" ADD CONSTRAINT "seat_waitlist_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_waitlist" ADD CONSTRAINT "seat_waitlist_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_waitlist" ADD CONSTRAINT "seat_waitlist_admitted_membership_id_memberships_id_fk" FOREIGN KEY ("admitted_membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deprovisionings_org_at_idx" ON "deprovisionings" USING btree ("org_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "held_deprovisionings_member_kind_key" ON "held_deprovisionings" USING btree ("membership_id","kind");--> statement-breakpoint
CREATE INDEX "held_deprovisionings_org_idx" ON "held_deprovisionings" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_waitlist_org_user_name_key" ON "seat_waitlist" USING btree ("org_id",lower("user_name"));