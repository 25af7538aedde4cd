/**
 * Domain errors. Each face of the app maps them to its own format: SCIM error
 * JSON for the API (lib/scim/errors.ts), a status and message for admin routes
 * and pages. Anything else that escapes is a bug and becomes a generic 500.
 */
export type DomainErrorCode =
  | "not_found"
  | "conflict"
  | "invalid"
  | "forbidden"
  | "seat_limit"
  | "scim_managed"
  | "owner_protected"
  | "precondition_failed"
  | "deprovision_held";

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

export class NotFoundError extends DomainError {
  readonly code = "not_found";
}

/** A uniqueness rule was hit; `field` names what clashed (e.g. "userName", "email"). */
export class ConflictError extends DomainError {
  readonly code = "conflict";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class ValidationError extends DomainError {
  readonly code = "invalid";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = "forbidden";
}

export class PreconditionFailedError extends DomainError {
  readonly code = "precondition_failed";
}

/**
 * How every seat refusal's message begins. The Users page finds the IdP's
 * refused requests in the provisioning log by it (a 403 whose detail starts
 * so), so keep it stable.
 */
export const SEAT_LIMIT_DETAIL_PREFIX = "No seats available";

/** No seat is free. The message is written for the IdP admin who will read it in their provisioning log. */
export class SeatLimitError extends DomainError {
  readonly code = "seat_limit";
  constructor(
    readonly orgName: string,
    readonly seats: number,
    readonly held: number,
  ) {
    super(
      `${SEAT_LIMIT_DETAIL_PREFIX} in ${orgName}: ${held.toLocaleString("en-US")} of ${seats.toLocaleString("en-US")} in use. ` +
        `Add seats on the Billing page, or deactivate a member, then retry.`,
    );
  }
}

/** The change must come from the identity provider while SCIM provisioning is on. */
export class ScimManagedError extends DomainError {
  readonly code = "scim_managed";
}

/** The owner cannot be deactivated, removed or demoted. */
export class OwnerProtectedError extends DomainError {
  readonly code = "owner_protected";

  /** The owner cannot be deactivated or removed: ownership moves first. */
  static forOwner(action: "deactivated" | "removed"): OwnerProtectedError {
    return new OwnerProtectedError(
      `The owner of the organisation cannot be ${action}. Transfer ownership to another admin on the Admin Management page first.`,
    );
  }
}

/**
 * The mass-deprovisioning guard held a SCIM deactivation or deletion (issue 16):
 * nothing was written; the IdP should retry later, after an owner or admin
 * allowed it. The message is for the IdP admin reading their provisioning log.
 */
export class DeprovisionHeldError extends DomainError {
  readonly code = "deprovision_held";
  constructor(
    message: string,
    /** Seconds after which a retry may go through (the Retry-After header). */
    readonly retryAfterSeconds: number,
    /** What was held, for the caller to record once the refused transaction is over. */
    readonly held: { orgId: string; membershipId: string; kind: "deactivate" | "delete"; userName: string },
  ) {
    super(message);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
