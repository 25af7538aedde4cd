import { z } from "zod";

/** 30, 90 or 365 days, or null for a token that never expires (TOKEN_LIFETIMES_DAYS). */
export const tokenLifetime = z.union([z.literal(30), z.literal(90), z.literal(365), z.null()], {
  error: "Choose an expiry of 30, 90 or 365 days, or never.",
});
