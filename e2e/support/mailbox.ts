import { expect, type Page } from "@playwright/test";

/** Opens the newest email to `to` in the dev mailbox and follows its link whose path starts with `pathPrefix`. */
export async function followEmailLink(page: Page, to: string, pathPrefix: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
        return page.getByTestId("mail-to").textContent().catch(() => null);
      },
      { timeout: 15_000 },
    )
    .toBe(to);
  const link = page.getByRole("link", { name: /^Open link:/ }).filter({ hasText: pathPrefix.replace(/^\//, "").split("/")[0] });
  const href = await link.first().getAttribute("href");
  if (!href) throw new Error(`No ${pathPrefix} link in the newest email to ${to}`);
  await page.goto(href);
}
