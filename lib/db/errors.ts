/**
 * Reads a PostgreSQL error out of whatever the driver threw. Drizzle wraps
 * driver errors (DrizzleQueryError with `cause`); postgres.js names the
 * constraint `constraint_name`, PGlite `constraint`.
 */
export interface PgErrorInfo {
  code: string;
  constraint?: string;
  message: string;
}

export function pgError(e: unknown): PgErrorInfo | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    if (typeof cur === "object" && cur !== null) {
      const o = cur as Record<string, unknown>;
      if (typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code)) {
        const constraint = (o.constraint_name ?? o.constraint) as string | undefined;
        return { code: o.code, constraint, message: String(o.message ?? "") };
      }
      cur = o.cause;
    } else break;
  }
  return undefined;
}

export const isUniqueViolation = (e: unknown, constraint?: string) => {
  const info = pgError(e);
  return info?.code === "23505" && (!constraint || info.constraint === constraint);
};

export const isCheckViolation = (e: unknown, constraint?: string) => {
  const info = pgError(e);
  return info?.code === "23514" && (!constraint || info.constraint === constraint);
};
