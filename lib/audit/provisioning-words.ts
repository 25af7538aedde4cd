/**
 * The provisioning log in words an admin reads ("Deactivated or reactivated
 * a person", "Refused: no seats"), with the HTTP request kept beside it for
 * whoever debugs the IdP. Pure, so it is unit-tested.
 */

const NOUN = { Users: ["person", "people"], Groups: ["group", "groups"] } as const;

/** What an IdP attribute path is about, in words. */
function attributeWords(path: string): string {
  const p = path.toLowerCase();
  if (p === "active") return "active state (deactivate or reactivate)";
  if (p.startsWith("members")) return "members";
  if (p.startsWith("name") || p === "displayname") return "name";
  if (p.startsWith("emails")) return "email";
  if (p === "username") return "username";
  if (p === "externalid") return "external id";
  return path;
}

/** "patch: replace active, add members" → ["replace", "active"], … */
function patchOps(operation: string): { op: string; path: string | null }[] {
  return operation
    .replace(/^patch:\s*/, "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [op, ...rest] = s.split(" ");
      return { op: (op ?? "").toLowerCase(), path: rest.join(" ") || null };
    });
}

export function describeRequest(e: { method: string; path: string; operation: string | null }): string {
  const rel = e.path.replace(/^\/api\/scim\/v2/, "").split("?")[0] ?? "";
  const [, collection, id] = rel.split("/");
  const noun = NOUN[collection as keyof typeof NOUN];
  if (!noun) {
    if (/^bulk$/i.test(collection ?? "")) return "Several changes in one request (Bulk)";
    return "Read Roster's SCIM settings";
  }
  const [one, many] = noun;
  switch (e.method.toUpperCase()) {
    case "GET":
      return id ? `Looked up a ${one}` : e.operation === "search" || e.path.includes("filter=") ? `Searched ${many}` : `Listed ${many}`;
    case "POST":
      return id === ".search" ? `Searched ${many}` : `Added a ${one}`;
    case "PUT":
      return `Replaced a ${one}'s details`;
    case "DELETE":
      return `Deleted a ${one}`;
    case "PATCH": {
      const ops = e.operation ? patchOps(e.operation) : [];
      if (ops.length === 0) return `Changed a ${one}`;
      const members = ops.filter((o) => o.path?.toLowerCase().startsWith("members"));
      if (members.length === ops.length && one === "group") {
        const adds = members.some((o) => o.op === "add");
        const removes = members.some((o) => o.op === "remove");
        return adds && removes ? "Added and removed group members" : adds ? "Added group members" : removes ? "Removed group members" : "Replaced group members";
      }
      const what = [...new Set(ops.map((o) => (o.path ? attributeWords(o.path) : "several attributes")))];
      return `Changed a ${one}'s ${what.join(", ")}`;
    }
    default:
      return `${e.method} request`;
  }
}

/** The outcome in words, with the tone of its badge. */
export function outcomeWords(status: number): { text: string; tone: "green" | "amber" | "red" | "gray" } {
  if (status >= 200 && status < 300) return { text: "Succeeded", tone: "green" };
  if (status < 400) return { text: "Redirected", tone: "gray" };
  if (status === 429) return { text: "Throttled: too many requests", tone: "amber" };
  if (status >= 500) return { text: "Failed: server error", tone: "red" };
  const refused: Record<number, string> = {
    400: "Refused: invalid request",
    401: "Refused: bad or expired token",
    403: "Refused",
    404: "Refused: not found",
    409: "Refused: already exists",
    412: "Refused: out of date",
    413: "Refused: too large",
  };
  return { text: refused[status] ?? "Refused", tone: "red" };
}
