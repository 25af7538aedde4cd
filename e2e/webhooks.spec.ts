import { expect, test, type Page } from "@playwright/test";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { callApi, makeOrg } from "./support/admin";
import { signInWithMagicLink } from "./support/auth";
import { screenshot } from "./support/screenshots";

/** A receiver on an ephemeral loopback port (the e2e server runs with WEBHOOKS_ALLOW_PRIVATE_TARGETS=1): answers 500 `failures` times, then 204. */
async function receiver(failures: number) {
  const got: { headers: Record<string, string>; body: string }[] = [];
  let left = failures;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (left > 0) {
        left--;
        res.writeHead(500).end("temporarily broken");
        return;
      }
      got.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/roster`, got, close: () => new Promise((r) => server.close(r)) };
}

/** The delivery log row of an event, once the worker has dealt with it (the page is server-rendered: reload). */
async function logRow(page: Page, event: string, outcome: string) {
  const row = page.getByRole("row").filter({ hasText: event }).filter({ hasText: outcome });
  await expect(async () => {
    await page.reload();
    await expect(row.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return row.first();
}

test.setTimeout(120_000);

test("webhooks: add an endpoint (secret shown once), send a test event, see it fail in the log, Resend it, and see a real event arrive signed", async ({ page }) => {
  const org = await makeOrg({ name: "Hookco", seats: 10 });
  const hooks = await receiver(1);
  try {
    await signInWithMagicLink(page, org.owner);
    await page.goto("/admin/webhooks");
    await expect(page.getByText("No webhook endpoints yet")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");
    await screenshot(page, "webhooks-empty");

    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Endpoint URL").fill(hooks.url);
    await dialog.getByLabel("group.created").uncheck();
    await screenshot(page, "webhooks-add");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, "webhooks-secret");
    await page.getByRole("button", { name: "I’ve copied the secret" }).click();
    await expect(page.getByText(hooks.url)).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
    await screenshot(page, "webhooks-list");

    // The receiver is down for the first request: the test event fails, and the log says so.
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event queued")).toBeVisible();
    const logHref = await page.getByRole("link", { name: "Delivery log →" }).getAttribute("href");
    expect(logHref).toMatch(/^\/admin\/webhooks\/[0-9a-f-]{36}$/);
    await page.goto(logHref!);
    const failed = await logRow(page, "webhook.test", "Failed");
    await expect(failed).toContainText("500");
    await screenshot(page, "webhooks-log-failed");

    await failed.getByRole("button", { name: "Resend" }).click();
    await logRow(page, "webhook.test", "Delivered");
    expect(hooks.got).toHaveLength(1);
    const test = new Webhook(secret).verify(hooks.got[0]!.body, hooks.got[0]!.headers) as { type: string };
    expect(test.type).toBe("webhook.test");

    // A real change, made as the admin makes it: someone is invited; member.invited arrives with their SCIM representation.
    const invite = await callApi(page, "POST", "/api/admin/members", { email: `grace@${org.domain}`, givenName: "Grace", familyName: "Hopper" });
    expect(invite.status).toBe(201);
    await logRow(page, "member.invited", "Delivered");
    const invited = new Webhook(secret).verify(hooks.got.at(-1)!.body, hooks.got.at(-1)!.headers) as { type: string; data: { userName: string } };
    expect(invited).toMatchObject({ type: "member.invited", data: { userName: `grace@${org.domain}` } });
    await screenshot(page, "webhooks-log");
  } finally {
    await hooks.close();
  }
});
