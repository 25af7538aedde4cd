import { spawnSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";

/** The operator CLI against the e2e database, as an operator would run it. */
export function rosterCli(...args: string[]): Record<string, unknown> {
  const r = spawnSync("npx", ["tsx", "scripts/roster.ts", ...args, "--json"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, APP_URL: process.env.BASE_URL },
  });
  if (r.status !== 0) throw new Error(`roster ${args.join(" ")} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Sign-in page → Continue → the demo IdP's "Sign in as" list → back in Roster (wherever the rules send us). */
export async function signInWithSso(page: Page, email: string, personName: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Roster" })).toBeVisible();
  await expect(page).toHaveURL(/\/dev\/idp\/sso\?/);
  await pickAtIdp(page, personName);
}

/** At the demo IdP's sign-in page: choose the person, wait until Roster has answered. */
export async function pickAtIdp(page: Page, personName: string): Promise<void> {
  await page.getByRole("button", { name: `Sign in as ${personName}` }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/dev/idp") && !u.pathname.startsWith("/api/"), { timeout: 30_000 });
}

/** A page's own alert (Next.js adds an empty role="alert" route announcer to every page). */
export const pageAlert = (page: Page) => page.locator('[role="alert"]:not(#__next-route-announcer__)');

/** The demo IdP's directory page: a banner says what the last action did (waits for it to say `text`). */
export async function expectIdpNotice(page: Page, text: string): Promise<void> {
  await expect(page.getByRole("status").or(pageAlert(page)).first()).toContainText(text, { timeout: 20_000 });
}


/** Signed in as a plain member: the member home (their event types) greets them by name. */
export async function expectMemberHome(page: Page, name: string): Promise<void> {
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText(`Welcome, ${name}.`)).toBeVisible();
}

/**
 * Removes the organisation's SAML connection from its Security page, so the demo IdP (one organisation at a
 * time) is free for the next spec. Retries the first click: one that lands before React has hydrated the
 * page opens nothing.
 */
export async function disconnectDemoIdp(page: Page): Promise<void> {
  await page.goto("/admin/security");
  const confirm = page.getByRole("button", { name: "Yes, remove connection" });
  await expect(async () => {
    await page.getByRole("button", { name: "Remove connection" }).click({ timeout: 5_000 });
    await expect(confirm).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await confirm.click();
  await expect(page.getByRole("button", { name: "Remove connection" })).toHaveCount(0);
  await expect(page.getByText("Not configured").first()).toBeVisible();
}
