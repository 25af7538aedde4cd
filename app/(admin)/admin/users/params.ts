import { MEMBER_SORTS, type MemberSort, type SortDir } from "@/lib/orgs/member-list";
import { isUuid } from "@/lib/validation";

const STATES = ["invited", "active", "deactivated"] as const;
const ROLES = ["owner", "admin", "user"] as const;
const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined =>
  list.includes(v as T) ? (v as T) : undefined;

export type UsersSearch = ReturnType<typeof parseUsersSearch>;

/** The Users page's URL state. Anything unknown is ignored rather than an error: these are links people share. */
export function parseUsersSearch(p: Record<string, string | string[] | undefined>) {
  const get = (k: string) => (typeof p[k] === "string" ? (p[k] as string) : undefined);
  const q = get("q")?.trim().slice(0, 200) || undefined;
  const group = get("group");
  return {
    q,
    state: oneOf(STATES, get("state")),
    role: oneOf(ROLES, get("role")),
    group: group && isUuid(group) ? group : undefined,
    sort: oneOf<MemberSort>(MEMBER_SORTS, get("sort")) ?? "name",
    dir: oneOf<SortDir>(["asc", "desc"], get("dir")) ?? "asc",
    page: Math.min(Math.max(1, Number.parseInt(get("page") ?? "1", 10) || 1), 100_000),
    /** Keyset cursors of the Previous/Next links (lib/orgs/member-sort.ts); checked where they are read. */
    after: get("after")?.slice(0, 2000),
    before: get("before")?.slice(0, 2000),
  };
}

/** A link to the Users page with some of its state changed; any change but the page drops the position cursors. */
export function usersHref(s: UsersSearch, change: Partial<UsersSearch>): string {
  const keepsPosition = "after" in change || "before" in change;
  const next = { ...s, ...(keepsPosition ? {} : { after: undefined, before: undefined }), ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined || v === "") continue;
    if (k === "sort" && v === "name") continue;
    if (k === "dir" && v === "asc") continue;
    if (k === "page" && v === 1) continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `/admin/users${qs ? `?${qs}` : ""}`;
}
