import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestMagicLink } from "@/lib/auth/magic-link";
import { env } from "@/lib/env";
import { emailOutbox } from "@/lib/db/schema";
import { makeOrg, uniq } from "../helpers/fixtures";
import { createTestDatabase, testDriver, type TestDatabase } from "../helpers/test-db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const URL_ = "http://localhost:3000/api/auth/callback/email?token=abc";
const sentTo = async (to: string) =>
  (await t.db.select({ id: emailOutbox.id }).from(emailOutbox).where(and(eq(emailOutbox.to, to), eq(emailOutbox.kind, "magic_link")))).length;

/** The limit counts per clock minute (the database's, on this machine): start well inside one so the test never straddles a window. */
async function startOfAMinute() {
  const s = new Date().getSeconds();
  if (s > 45) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
}

describe(`magic-link requests (${testDriver()})`, () => {
  it("sends a link to an account, nothing to an unknown address, and at most five a minute per address, whatever its case", async () => {
    const email = `owner-${uniq()}@example.com`;
    await makeOrg(t.db, { owner: { email, givenName: "Olive", familyName: "Owner" } });
    const stranger = `nobody-${uniq()}@example.com`;
    await startOfAMinute();

    const MAGIC_LINKS_PER_MINUTE = env().SIGN_IN_EMAILS_PER_MINUTE;
    expect(MAGIC_LINKS_PER_MINUTE).toBe(5); // the default
    const outcomes = [];
    for (let i = 0; i < MAGIC_LINKS_PER_MINUTE + 2; i++) outcomes.push(await requestMagicLink(t.db, i % 2 ? email.toUpperCase() : email, URL_));
    expect(outcomes).toEqual([...Array(MAGIC_LINKS_PER_MINUTE).fill("sent"), "rate_limited", "rate_limited"]);
    expect(await sentTo(email) + (await sentTo(email.toUpperCase()))).toBe(MAGIC_LINKS_PER_MINUTE);

    // Another address has its own allowance; an unknown one is refused without an email.
    expect(await requestMagicLink(t.db, stranger, URL_)).toBe("refused");
    expect(await sentTo(stranger)).toBe(0);
  });
});
