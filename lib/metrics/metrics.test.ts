import { describe, expect, it } from "vitest";
import { bearerMatches } from "./endpoint";
import { registry } from "./registry";
import { countSamlRefused } from "./saml";
import { observeScimRequest, scimResource, statusClass } from "./scim";

describe("SCIM labels", () => {
  it.each([
    ["/api/scim/v2/Users", "Users"],
    ["/api/scim/v2/users/0b7c3f52-1f1e-4a4e-9d0a-3b1f6f8a9c11", "Users"],
    ["/api/scim/v2/Users/.search", "Users"],
    ["/api/scim/v2/Groups/abc", "Groups"],
    ["/api/scim/v2/Bulk", "Bulk"],
    ["/api/scim/v2/.search", "search"],
    ["/api/scim/v2/ServiceProviderConfig", "discovery"],
    ["/api/scim/v2/schemas/urn:ietf:params:scim:schemas:core:2.0:User", "discovery"],
    ["/api/scim/v2/ResourceTypes", "discovery"],
    ["/api/scim/v2", "other"],
    ["/api/scim/v2/Whatever/else", "other"],
  ])("%s is %s", (path, resource) => {
    expect(scimResource(path)).toBe(resource);
  });

  it("status classes", () => {
    expect([200, 201, 204, 304, 400, 404, 429, 500, 503].map(statusClass)).toEqual(["2xx", "2xx", "2xx", "3xx", "4xx", "4xx", "4xx", "5xx", "5xx"]);
  });

  it("an unknown method or path never makes a new label value", async () => {
    observeScimRequest("PROPFIND", "/api/scim/v2/%F0%9F%92%A9", 405, 0.001);
    const { values } = await registry().getSingleMetric("roster_scim_requests_total")!.get();
    expect(values.find((v) => v.labels.method === "other")?.labels).toEqual({ method: "other", resource: "other", status_class: "4xx" });
  });
});

describe("SAML refusal reasons", () => {
  it("typed codes become labels; anything else is 'other'", async () => {
    countSamlRefused("bad_signature");
    countSamlRefused("<script>alert(1)</script>");
    countSamlRefused("x".repeat(100));
    const { values } = await registry().getSingleMetric("roster_saml_sign_ins_refused_total")!.get();
    expect(values.map((v) => v.labels.reason).sort()).toEqual(["bad_signature", "other"]);
    expect(values.find((v) => v.labels.reason === "other")?.value).toBe(2);
  });
});

describe("the metrics token", () => {
  const token = "0123456789abcdef-metrics";
  it.each([
    [`Bearer ${token}`, true],
    [`bearer ${token}`, true],
    [`Bearer  ${token} `, true],
    [`Bearer ${token}x`, false],
    [`Bearer ${token.slice(0, -1)}`, false],
    [`Basic ${token}`, false],
    [token, false],
    ["Bearer", false],
    ["", false],
  ])("%j → %s", (header, ok) => {
    expect(bearerMatches(header, token)).toBe(ok);
  });
  it("no header at all", () => {
    expect(bearerMatches(null, token)).toBe(false);
  });
});

describe("ops/alerts.yml", () => {
  it("names only metrics Roster exports", async () => {
    const { readFileSync } = await import("node:fs");
    const { registerEmailMetrics } = await import("./email");
    const { registerMemberMetrics } = await import("./members");
    const { registerRateLimitMetrics } = await import("./rate-limit");
    const { registerSamlMetrics } = await import("./saml");
    const { registerScimMetrics } = await import("./scim");
    const { registerSeatMetrics } = await import("./seats");
    for (const register of [registerEmailMetrics, registerMemberMetrics, registerRateLimitMetrics, registerSamlMetrics, registerScimMetrics, registerSeatMetrics]) register();
    const exported = new Set(registry().getMetricsAsArray().map((m) => m.name));
    const named = new Set(readFileSync("ops/alerts.yml", "utf8").match(/\broster_[a-z_]+/g));
    expect(named.size).toBeGreaterThan(5);
    for (const name of named) expect(exported, name).toContain(name.replace(/_(bucket|count|sum)$/, ""));
  });
});
