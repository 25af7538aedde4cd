import { z } from "zod";
import { isEmail } from "@/lib/validation";
import { canonicalTimeZone, isTimeZone } from "./time-zone";

/**
 * What the event pages and JSON routes accept. Sloppy input is coerced
 * (trimmed, blank optional text becomes null); wrong input fails with a
 * message a person can act on.
 */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

const MIN_DURATION = 5;
const MAX_DURATION = 720;

const title = z.string().trim().min(1, "Give the event type a title.").max(120, "A title is at most 120 characters.");
const slug = z
  .string()
  .trim()
  .toLowerCase()
  .max(60, "A URL name is at most 60 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "A URL name uses lowercase letters, digits and single dashes (e.g. intro-call).");
const duration = z.coerce
  .number({ error: "Duration must be a number of minutes." })
  .int("Duration must be a whole number of minutes.")
  .min(MIN_DURATION, `Duration is at least ${MIN_DURATION} minutes.`)
  .max(MAX_DURATION, `Duration is at most ${MAX_DURATION} minutes (12 hours).`);

const eventTypeFields = {
  title,
  slug: slug.optional(),
  durationMinutes: duration,
  description: optionalText(2000, "The description"),
  location: optionalText(200, "The location"),
};

export const createEventTypeBody = z.object({ ...eventTypeFields, active: z.boolean().default(true) });
export const updateEventTypeBody = z
  .object({ ...eventTypeFields, active: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "Nothing to change.");

export type CreateEventTypeInput = z.infer<typeof createEventTypeBody>;
export type UpdateEventTypeInput = z.infer<typeof updateEventTypeBody>;

const assignment = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("groups"), groupIds: z.array(z.uuid("Unknown group.")).max(500) }),
]);

export const managedEventBody = z.object({ ...eventTypeFields, assignment });
export const updateManagedEventBody = managedEventBody.partial().refine((b) => Object.keys(b).length > 0, "Nothing to change.");
export type ManagedEventInput = z.infer<typeof managedEventBody>;
export type ManagedEventPatch = z.infer<typeof updateManagedEventBody>;
export type Assignment = z.infer<typeof assignment>;

export const defaultEventBody = z.object({ title, durationMinutes: duration });

const minute = z.number().int().min(0).max(1440);
export const workingHoursBody = z.object({
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, "Pick a time zone from the list (e.g. Europe/London).")
    .transform(canonicalTimeZone),
  rules: z
    .array(z.object({ weekday: z.number().int().min(0).max(6), startMinute: minute, endMinute: minute }))
    .max(50),
});
export type WorkingHoursInput = z.infer<typeof workingHoursBody>;

export const bookingBody = z.object({
  org: z.string().min(1).max(100),
  member: z.string().min(1).max(100),
  event: z.string().min(1).max(100),
  startsAt: z.iso.datetime({ offset: true, error: "startsAt must be an ISO 8601 date-time, e.g. 2030-01-07T09:00:00Z." }),
  name: z.string().trim().min(1, "Enter your name.").max(200, "A name is at most 200 characters."),
  email: z
    .string()
    .trim()
    .max(254)
    .refine(isEmail, "Enter a valid email address, e.g. jane@example.com."),
  timeZone: z
    .string()
    .nullish()
    .transform((v) => (v && isTimeZone(v) ? v : null)),
});
export type BookingInput = z.infer<typeof bookingBody>;
