import { expect, type Page } from "@playwright/test";
import { followEmailLink } from "./mailbox";

/** Signs in the way a person does: ask for a magic link, open it from the mailbox. */
export async function signInWithMagicLink(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await followEmailLink(page, email, "/api/auth/callback");
}
