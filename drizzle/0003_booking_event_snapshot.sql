ALTER TABLE "bookings" DROP CONSTRAINT "bookings_event_type_id_event_types_id_fk";
--> statement-breakpoint
ALTER TABLE "bookings" ALTER COLUMN "event_type_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "event_title" text NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "attendee_time_zone" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_event_type_id_event_types_id_fk" FOREIGN KEY ("event_type_id") REFERENCES "public"."event_types"("id") ON DELETE set null ON UPDATE no action;