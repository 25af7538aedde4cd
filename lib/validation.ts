/**
 * A pragmatic address check: one @, no spaces, a dotted domain of DNS labels.
 * Strict enough to refuse what an IdP sends when it means a username
 * (Entra's "alias" userNames), loose enough for every real mailbox.
 */
const EMAIL_RE =
  /^[^\s@<>()[\]\\,;:"]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(value: string): boolean {
  return EMAIL_RE.test(value);
}

export function slugify(s: string, fallback = "item"): string {
  return (
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || fallback
  );
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from URLs are checked before they reach a uuid column: a malformed id is "not found", not a database error. */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
