ALTER TABLE "groups" ADD COLUMN "adopted_by_idp_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "cancelled_at" timestamp with time zone;