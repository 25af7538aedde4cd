/**
 * What the database must hold after a hostile run: built only from the
 * responses of requests that succeeded. Anything else in the database was
 * written by a request that failed (a partial write).
 */
export interface ModelUser {
  userName: string;
  active: boolean;
}
export interface ModelGroup {
  displayName: string;
  members: Set<string>;
}

export class Model {
  users = new Map<string, ModelUser>();
  groups = new Map<string, ModelGroup>();

  applyUser(body: unknown) {
    const u = body as { id?: string; userName?: string; active?: boolean };
    if (!u?.id || typeof u.userName !== "string") return;
    this.users.set(u.id, { userName: u.userName, active: u.active !== false });
  }
  deleteUser(id: string) {
    this.users.delete(id);
    for (const g of this.groups.values()) g.members.delete(id);
  }
  applyGroup(body: unknown) {
    const g = body as { id?: string; displayName?: string; members?: { value: string }[] };
    if (!g?.id || typeof g.displayName !== "string") return;
    this.groups.set(g.id, { displayName: g.displayName, members: new Set((g.members ?? []).map((m) => m.value)) });
  }
  deleteGroup(id: string) {
    this.groups.delete(id);
  }
  anyUserId(pick: <T>(xs: readonly T[]) => T): string | undefined {
    const ids = [...this.users.keys()];
    return ids.length ? pick(ids) : undefined;
  }
  anyGroupId(pick: <T>(xs: readonly T[]) => T): string | undefined {
    const ids = [...this.groups.keys()];
    return ids.length ? pick(ids) : undefined;
  }
}
