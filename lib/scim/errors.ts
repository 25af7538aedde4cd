import { pgError } from "@/lib/db/errors";
import { DeprovisionHeldError, isDomainError, type DomainError } from "@/lib/errors";
import { URN } from "./schemas/urns";

/** RFC 7644 §3.12 Table 9, plus the 4xx/5xx statuses that carry no scimType. */
export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

/** A protocol-level refusal, raised anywhere in lib/scim and turned into an error response by the handler. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
    /** Extra response headers, e.g. WWW-Authenticate or Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const invalidSyntax = (detail: string) => new ScimError(400, detail, "invalidSyntax");
export const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");
export const invalidPath = (detail: string) => new ScimError(400, detail, "invalidPath");
export const noTarget = (detail: string) => new ScimError(400, detail, "noTarget");
export const notFound = (detail: string) => new ScimError(404, detail);
export const mutability = (detail: string) => new ScimError(400, detail, "mutability");

export interface ScimErrorBody {
  schemas: [typeof URN.error];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function errorBody(e: ScimError): ScimErrorBody {
  return { schemas: [URN.error], status: String(e.status), ...(e.scimType ? { scimType: e.scimType } : {}), detail: e.message };
}

function fromDomain(e: DomainError): ScimError {
  switch (e.code) {
    case "not_found":
      return new ScimError(404, e.message);
    case "conflict":
      return new ScimError(409, e.message, "uniqueness");
    case "invalid":
      return new ScimError(400, e.message, "invalidValue");
    case "precondition_failed":
      return new ScimError(412, e.message);
    // Held by the mass-deprovisioning guard: 429 + Retry-After, which Okta and Entra retry (docs/scim.md "The deprovisioning guard").
    case "deprovision_held":
      return new ScimError(429, e.message, undefined, {
        "Retry-After": String(e instanceof DeprovisionHeldError ? e.retryAfterSeconds : 900),
      });
    // No seat: neither 401 (reads as bad credentials) nor 5xx (IdPs retry those for weeks).
    case "seat_limit":
    case "owner_protected":
    case "scim_managed":
    case "forbidden":
      return new ScimError(403, e.message);
  }
}

/**
 * Maps anything thrown while serving a request. Domain errors carry their own
 * status; a PostgreSQL data exception (class 22: a value the column refuses)
 * is still the client's input, so 400 rather than 500. Anything else is a bug:
 * 500 with a detail that leaks nothing.
 */
export function toScimError(e: unknown): ScimError {
  if (e instanceof ScimError) return e;
  if (isDomainError(e)) return fromDomain(e);
  const pg = pgError(e);
  if (pg?.code.startsWith("22")) return invalidValue("A value in the request is not acceptable to Roster (wrong type, format or length).");
  return new ScimError(500, "Roster could not process the request. It has been logged; retry later.");
}

/** A 5xx as the IdP sees it: nothing of the cause, but the request id that finds the server's log line. */
export function internalError(requestId: string): ScimError {
  return new ScimError(500, `Roster could not process the request. It has been logged as request ${requestId}; retry later.`);
}
