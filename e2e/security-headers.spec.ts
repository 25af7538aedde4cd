import { expect, test } from "@playwright/test";

test("pages carry a nonce-based CSP that lets Roster's own scripts run and nothing else", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/login");
  const csp = res!.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-eval");
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  // Every script on the page carries this request's nonce …
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);
  // … and the page works (client-side sign-in form hydrated), with no violation reported.
  await page.getByLabel("Work email").fill("nobody@example.com");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  expect(violations).toEqual([]);

  // A fresh nonce per request.
  const again = await page.request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);
  expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res!.headers()["x-frame-options"]).toBe("DENY");
});

test("HSTS is sent behind TLS, and not over plain HTTP", async ({ request }) => {
  const plain = await request.get("/login");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  const tls = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(tls.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
});
