import type { Model } from "./model";
import type { Rng } from "./rng";

/** Which bearer token a case sends: organisation A's, B's (cross-tenant), none, or a literal header value. */
export type TokenChoice = "A" | "B" | "none" | { header: string };

export interface HostileRequest {
  method: string;
  /** Path under the SCIM base, e.g. "/Users?filter=…". */
  path: string;
  token?: TokenChoice;
  headers?: Record<string, string>;
  /** A string or raw bytes; objects are sent as JSON. Undefined: no body. */
  body?: unknown;
  contentType?: string | null;
}

export interface Ctx {
  rng: Rng;
  model: Model;
  /** A user id of organisation B, for cross-tenant attempts. */
  foreignUserId: string;
  foreignGroupId: string;
}

export interface HostileCase {
  category: string;
  name: string;
  build(ctx: Ctx): HostileRequest;
  /** When set, the status must satisfy it (beyond the global "no 5xx, well-formed" rules). */
  expect?: (status: number) => boolean;
}

export const is = (...statuses: number[]) => (s: number) => statuses.includes(s);
export const is4xx = (s: number) => s >= 400 && s < 500;
export const okOr4xx = (s: number) => s < 300 || is4xx(s);
