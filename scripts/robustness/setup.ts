import type { Actor } from "@/lib/audit/actor";
import { openDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { configureGuard } from "@/lib/orgs/deprovision-guard";
import { createOrganisation, setScimEnabled } from "@/lib/orgs/organisations";
import { createScimToken } from "@/lib/orgs/scim-tokens";
import { createPostgresDatabase } from "../lib/local-database";

const operator: Actor = { kind: "operator" };

interface ScimOrg {
  id: string;
  slug: string;
  token: string;
}

/** A fresh PostgreSQL database with SCIM-enabled organisations, the way the operator CLI makes them. */
export async function freshDatabaseWithOrgs(prefix: string, orgs: { name: string; seats: number; deprovisionGuard?: "off" }[]) {
  const created = await createPostgresDatabase(prefix);
  const database = await openDatabase({ url: created.url, poolSize: 2 });
  await migrate(database);
  const out: ScimOrg[] = [];
  for (const o of orgs) {
    const org = await createOrganisation(database.db, {
      name: o.name,
      seats: o.seats,
      owner: { email: `owner@${o.name.toLowerCase().replace(/\W+/g, "")}.example` },
      actor: operator,
    });
    await setScimEnabled(database.db, org.id, true, operator);
    // An organisation whose traffic deactivates and deletes far more than an IdP would in an hour, on purpose (issue 16).
    if (o.deprovisionGuard === "off") await configureGuard(database.db, { orgId: org.id, actor: operator, enabled: false, minCount: 5, percent: 10 });
    const token = await createScimToken(database.db, { orgId: org.id, actor: operator });
    out.push({ id: org.id, slug: org.slug, token: token.token });
  }
  await database.close();
  return { url: created.url, drop: created.drop, orgs: out };
}
