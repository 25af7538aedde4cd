import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { openDatabase } from "@/lib/db/client";
import { markMemberJoined, setMemberActive } from "@/lib/orgs/lifecycle";
import { inviteMember } from "@/lib/orgs/members";
import { createOrganisation } from "@/lib/orgs/organisations";
import { changeRole } from "@/lib/orgs/roles";

/**
 * An organisation of its own for a spec, so specs that change roles, seats or
 * SCIM never disturb the demo data other specs read. Made through the domain
 * functions, as the operator would.
 */
export async function makeOrg(opts: {
  name: string;
  seats: number;
  billing?: "card" | "invoice";
  ssoConfigured?: boolean;
  people?: { given: string; family: string; role?: "admin"; state?: "invited" | "active" | "deactivated" }[];
}) {
  const tag = randomBytes(3).toString("hex");
  const domain = `${opts.name.toLowerCase().replace(/[^a-z]+/g, "")}-${tag}.example`;
  const database = await openDatabase({ url: process.env.E2E_DATABASE_URL });
  const operator = { kind: "operator" } as const;
  try {
    const owner = `owner@${domain}`;
    const org = await createOrganisation(database.db, {
      name: `${opts.name} ${tag}`,
      seats: opts.seats,
      billingMethod: opts.billing ?? "card",
      owner: { email: owner, givenName: "Olive", familyName: "Owner" },
      actor: operator,
    });
    const people: { id: string; email: string; name: string }[] = [];
    for (const p of opts.people ?? []) {
      const email = `${p.given.toLowerCase()}@${domain}`;
      const { membership } = await inviteMember(database.db, { orgId: org.id, email, givenName: p.given, familyName: p.family, actor: operator });
      if (p.state !== "invited") await markMemberJoined(database.db, { orgId: org.id, membershipId: membership.id });
      if (p.state === "deactivated") await setMemberActive(database.db, { orgId: org.id, membershipId: membership.id, active: false, actor: operator });
      if (p.role) await changeRole(database.db, { orgId: org.id, membershipId: membership.id, role: p.role, actor: operator });
      people.push({ id: membership.id, email, name: `${p.given} ${p.family}` });
    }
    if (opts.ssoConfigured) {
      const { sql } = await import("drizzle-orm");
      await database.db.execute(sql`update organisations set sso_configured_at = now() where id = ${org.id}`);
    }
    return { id: org.id, name: org.name, slug: org.slug, owner, domain, people };
  } finally {
    await database.close();
  }
}

/** Calls an admin route from inside the signed-in page (same origin, the session cookie), as a script on the page could. */
export async function callApi(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, {
        method,
        headers: body === undefined ? undefined : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => ({})) };
    },
    { method, url, body },
  );
}
