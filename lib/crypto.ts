import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL-safe secret with 256 bits of entropy. */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/**
 * Tokens are random 256-bit values, so a fast hash is enough to make a
 * leaked table useless (no dictionary to try).
 */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
