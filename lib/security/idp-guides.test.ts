import { describe, expect, it } from "vitest";
import { userSchema } from "@/lib/scim/schemas/user";
import { describeRequest } from "./first-request";
import { allGuides, ENTRA_SCIM_FLAG, guideFor, IDP_IDS, isIdpId, scimBaseUrlFor, type GuideValue } from "./idp-guides";
import { idpFromUserAgent } from "./idp-user-agent";
import { rosterUserAttributes } from "./mapped-attributes";

const valuesOf = (id: (typeof IDP_IDS)[number], part: "sso" | "scim"): GuideValue[] => {
  const g = guideFor(id);
  const steps = part === "sso" ? g.sso : g.scim.supported ? g.scim.steps : [];
  return steps.flatMap((s) => s.values ?? []);
};
const sources = (vs: GuideValue[]) => vs.flatMap((v) => ("from" in v ? [v.from] : []));
const texts = (vs: GuideValue[]) => vs.flatMap((v) => ("text" in v ? [v.text] : []));

describe("the user agent names the IdP", () => {
  it.each([
    ["Okta SCIM Client 1.0.0", "okta"], // ../shared/scim/idp-requests.json
    ["Okta SCIM Client 2.3.1", "okta"],
    ["Microsoft Azure AD SCIM Provisioning", "entra"],
    ["Microsoft Entra ID provisioning", "entra"],
    ["OneLogin SCIM Provisioner", "onelogin"],
    ["JumpCloud SCIM 2.0", "jumpcloud"],
    ["node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "scim"],
    ["curl/8.5.0", "scim"],
  ])("%s → %s", (ua, idp) => {
    expect(idpFromUserAgent(ua)).toBe(idp);
  });

  it("no user agent is no IdP, not a guess", () => {
    expect(idpFromUserAgent(null)).toBeNull();
    expect(idpFromUserAgent("")).toBeNull();
  });
});

describe("the guides", () => {
  it("there is one for each IdP the issue names, in the picker's order", () => {
    expect(allGuides().map((g) => g.name)).toEqual(["Okta", "Microsoft Entra ID", "OneLogin", "JumpCloud", "Google Workspace", "Another SCIM 2.0 client"]);
    expect(IDP_IDS.every(isIdpId)).toBe(true);
    expect(isIdpId("ping")).toBe(false);
  });

  it.each(IDP_IDS)("%s: SSO gives the ACS URL and the entity ID to paste", (id) => {
    expect(sources(valuesOf(id, "sso"))).toEqual(expect.arrayContaining(["acsUrl", "entityId"]));
  });

  it.each(IDP_IDS.filter((id) => id !== "google"))("%s: provisioning gives the SCIM base URL and the token, and a last step", (id) => {
    const g = guideFor(id);
    expect(g.scim.supported).toBe(true);
    expect(sources(valuesOf(id, "scim"))).toEqual(expect.arrayContaining(["scimBaseUrl", "token"]));
    expect(g.scim.supported && g.scim.features.length).toBeGreaterThan(0);
    expect(g.firstRequest).not.toBe("");
  });

  it("Okta: HTTP Header authentication, userName as the unique identifier, Push Groups", () => {
    expect(texts(valuesOf("okta", "scim"))).toEqual(expect.arrayContaining(["HTTP Header", "userName"]));
    const okta = guideFor("okta");
    expect(okta.scim.supported && okta.scim.features).toContain("Push Groups");
    expect(JSON.stringify(okta)).toContain("**To App**");
  });

  it("Entra: the Tenant URL carries the aadOptscim062020 flag; other IdPs get the plain base URL", () => {
    expect(scimBaseUrlFor("entra", "https://r.example/api/scim/v2")).toBe(`https://r.example/api/scim/v2?${ENTRA_SCIM_FLAG}`);
    expect(ENTRA_SCIM_FLAG).toBe("aadOptscim062020");
    expect(scimBaseUrlFor("okta", "https://r.example/api/scim/v2")).toBe("https://r.example/api/scim/v2");
    expect(JSON.stringify(guideFor("entra"))).toMatch(/Tenant URL.*Secret Token/);
  });

  it("OneLogin uses the SCIM v2 Enterprise connector; JumpCloud's Identity Management tab", () => {
    expect(JSON.stringify(guideFor("onelogin"))).toContain("SCIM Provisioner with SAML (SCIM v2 Enterprise)");
    expect(JSON.stringify(guideFor("jumpcloud"))).toContain("**Identity Management**");
  });

  it("Google offers no SCIM, and says so plainly", () => {
    const google = guideFor("google");
    expect(google.scim.supported).toBe(false);
    expect(google.scim.supported ? "" : google.scim.reason).toMatch(/does not provision custom SAML apps over SCIM/);
    expect(sources(valuesOf("google", "scim"))).toEqual([]);
    expect(JSON.stringify(google)).not.toMatch(/scimBaseUrl|"token"/);
  });
});

describe("the attributes Roster reads come from the SCIM schema", () => {
  const paths = rosterUserAttributes().map((a) => a.path);
  it("userName (required), the name parts, emails, active and the enterprise extension", () => {
    expect(rosterUserAttributes().find((a) => a.path === "userName")?.required).toBe(true);
    expect(paths).toEqual(expect.arrayContaining(["name.givenName", "name.familyName", "emails", "active", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"]));
  });
  it("never a read-only attribute (groups are changed through the Group resource)", () => {
    expect(paths).not.toContain("groups");
    expect(paths.some((p) => p.endsWith("manager.$ref"))).toBe(false);
  });
  it("every writable core attribute is listed", () => {
    for (const a of userSchema.attributes.filter((d) => d.mutability !== "readOnly")) {
      expect(paths.some((p) => p === a.name || p.startsWith(`${a.name}.`))).toBe(true);
    }
  });
});

describe("the live panel's sentence", () => {
  it("a create names the person; a refusal says what could not be done", () => {
    expect(describeRequest({ operation: "create", status: 201, target: "ana@acme.example", resourceType: "User", personName: "Ana Ruiz" })).toBe("created Ana Ruiz");
    expect(describeRequest({ operation: "create", status: 409, target: "ana@acme.example", resourceType: "User", personName: null })).toBe(
      "could not create ana@acme.example",
    );
    expect(describeRequest({ operation: "list", status: 200, target: null, resourceType: "User", personName: null })).toBe("looked up people");
    expect(describeRequest({ operation: "patch: replace active", status: 200, target: "Sales", resourceType: "Group", personName: null })).toBe("updated Sales");
    expect(describeRequest({ operation: null, status: 200, target: null, resourceType: null, personName: null })).toBe("read Roster's settings");
  });
});
