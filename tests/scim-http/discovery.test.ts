import { beforeAll, describe, expect, it } from "vitest";
import { makeScimOrg, type ScimOrg, type ScimBody } from "./support";

let org: ScimOrg;
beforeAll(async () => {
  org = await makeScimOrg();
});

describe("discovery (RFC 7644 §4)", () => {
  it("ServiceProviderConfig says what is implemented", async () => {
    const r = await org.client.get("/ServiceProviderConfig");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
    });
  });

  it("ResourceTypes list User then Group, each also by id", async () => {
    const r = await org.client.get("/ResourceTypes");
    expect(r.json.totalResults).toBe(2);
    expect(r.json.Resources.map((x: ScimBody) => x.endpoint)).toEqual(["/Users", "/Groups"]);
    expect(r.json.Resources[0]!.schemaExtensions).toEqual([{ schema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", required: false }]);
    expect((await org.client.get("/ResourceTypes/Group")).json).toMatchObject({ id: "Group", schema: "urn:ietf:params:scim:schemas:core:2.0:Group" });
    expect((await org.client.get("/ResourceTypes/Printer")).status).toBe(404);
  });

  it("Schemas: core User (the attributes Roster stores), enterprise extension, Group; each by id; no nulls", async () => {
    const r = await org.client.get("/Schemas");
    expect(r.json.Resources.map((s: ScimBody) => s.id)).toEqual([
      "urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
      "urn:ietf:params:scim:schemas:core:2.0:Group",
    ]);
    expect(r.text).toContain("User Account");
    expect(r.text).not.toContain("null");
    const user = (await org.client.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User")).json;
    const attributes = user.attributes as { name: string; mutability: string }[];
    const names = attributes.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining(["userName", "name", "displayName", "active", "emails", "groups"]));
    expect(names).not.toContain("password");
    expect(names).not.toContain("roles");
    expect(attributes.find((a) => a.name === "userName")).toMatchObject({ required: true, uniqueness: "server", caseExact: false });
    expect(attributes.find((a) => a.name === "groups")?.mutability).toBe("readOnly");
    expect((await org.client.get("/Schemas/urn:nope")).status).toBe(404);
  });

  it("resource names are matched case-insensitively (/users, /groups)", async () => {
    expect((await org.client.get("/users")).json.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:ListResponse"]);
    expect((await org.client.get("/serviceproviderconfig")).status).toBe(200);
    const created = await org.client.post("/groups", { displayName: "lower-case route" });
    expect(created.status).toBe(201);
    expect((await org.client.get(`/groups/${created.json.id}`)).status).toBe(200);
  });
});
