import { describe, expect, it } from "vitest";
import type { Membership } from "@/lib/db/schema";
import { ScimError } from "../errors";
import { normalizeResource, type JsonObject } from "../normalize";
import { URN } from "../schemas/urns";
import { userSchemas } from "../schemas/resources";
import { fromScimUser, loginEmailOf, toScimUser, userDocument, type UserRow } from "./mapper";

const parse = (body: Record<string, unknown>) => fromScimUser(normalizeResource(userSchemas, body).value);

describe("fromScimUser", () => {
  it("splits identity (account, membership) from round-tripped attributes", () => {
    const input = parse({
      schemas: [URN.user, URN.enterprise],
      UserName: " jane@corp.example ",
      externalId: "00u1",
      name: { givenName: "Jane", familyName: "Doe", middleName: "Q" },
      displayName: "Jane D",
      active: "False",
      emails: [{ value: "jane@corp.example", type: "work", Primary: "true" }],
      title: "CTO",
      [URN.enterprise]: { Department: "R&D", Manager: { Value: "m-1" } },
    });
    expect(input).toEqual({
      userName: "jane@corp.example",
      loginEmail: "jane@corp.example",
      externalId: "00u1",
      displayName: "Jane D",
      givenName: "Jane",
      familyName: "Doe",
      active: false,
      scimAttributes: {
        title: "CTO",
        emails: [{ value: "jane@corp.example", type: "work", primary: true }],
        name: { middleName: "Q" },
        [URN.enterprise]: { department: "R&D", manager: { value: "m-1" } },
      },
    });
  });

  it("keeps the sign-in email among the emails when it came from userName", () => {
    expect(parse({ userName: "solo@corp.example" }).scimAttributes.emails).toEqual([{ value: "solo@corp.example", type: "work", primary: true }]);
  });

  it("leaves active out when the body leaves it out (a PUT without it must not deactivate)", () => {
    expect("active" in parse({ userName: "a@b.example" })).toBe(false);
  });

  it.each([
    [{}, /userName is required/],
    [{ userName: "x".repeat(257) }, /longer than 256/],
    [{ userName: "a@b.example", externalId: "e".repeat(513) }, /externalId is longer/],
    [{ userName: "jdoe" }, /needs an email address/],
    [{ userName: "jdoe", emails: [{ value: "nope", primary: true }] }, /primary email "nope" is not a valid/],
    [{ userName: "jdoe", emails: [{ value: "nope", type: "work" }] }, /work email "nope"/],
  ])("refuses %j", (body, message) => {
    expect(() => parse(body)).toThrow(ScimError);
    expect(() => parse(body)).toThrow(message);
  });
});

describe("loginEmailOf (PRODUCT.md)", () => {
  it.each<[string, string, JsonObject[], string]>([
    ["primary wins over work", "u", [{ value: "w@x.io", type: "work" }, { value: "p@x.io", type: "home", primary: true }], "p@x.io"],
    ["work when nothing is primary", "u", [{ value: "h@x.io", type: "home" }, { value: "w@x.io", type: "Work" }], "w@x.io"],
    ["the only email, whatever its type", "u@x.io", [{ value: "h@x.io", type: "home" }], "h@x.io"],
    ["the only email, without a type", "jdoe", [{ value: "n@x.io" }], "n@x.io"],
    ["userName when several and none primary or work", "u@x.io", [{ value: "h@x.io", type: "home" }, { value: "o@x.io", type: "other" }], "u@x.io"],
    ["userName when there is no email", "u@x.io", [], "u@x.io"],
  ])("%s", (_, userName, emails, expected) => {
    expect(loginEmailOf(userName, emails)).toBe(expected);
  });

  it("refuses several emails, none primary or work, with a userName that is not an address, naming the rule", () => {
    expect(() => loginEmailOf("jdoe", [{ value: "h@x.io", type: "home" }, { value: "o@x.io", type: "other" }])).toThrow(/mark one "primary": true/);
    expect(() => loginEmailOf("jdoe", [])).toThrow(/needs an email address/);
  });
});

describe("toScimUser", () => {
  const membership = {
    id: "6f1c0f7e-1111-4111-8111-111111111111",
    userName: "jane@corp.example",
    externalId: "00u1",
    displayName: null,
    state: "deactivated",
    version: 4,
    createdAt: new Date("2026-01-02T03:04:05Z"),
    updatedAt: new Date("2026-02-03T04:05:06Z"),
    scimAttributes: { emails: [{ value: "jane@corp.example", primary: true }], name: { formatted: "Jane Doe" }, [URN.enterprise]: { manager: { value: "m-1" } } },
  } as unknown as Membership;
  const row: UserRow = { membership, user: { email: "jane@corp.example", givenName: "Jane", familyName: null }, groups: [{ id: "g-1", displayName: "Sales" }] };

  it("maps storage to the wire shape with meta, a weak ETag and references", () => {
    expect(toScimUser(row, "https://r.example/api/scim/v2")).toEqual({
      schemas: [URN.user, URN.enterprise],
      id: membership.id,
      userName: "jane@corp.example",
      name: { formatted: "Jane Doe", givenName: "Jane" },
      emails: [{ value: "jane@corp.example", primary: true }],
      [URN.enterprise]: { manager: { value: "m-1", $ref: "https://r.example/api/scim/v2/Users/m-1" } },
      active: false,
      externalId: "00u1",
      groups: [{ value: "g-1", $ref: "https://r.example/api/scim/v2/Groups/g-1", display: "Sales", type: "direct" }],
      meta: {
        resourceType: "User",
        created: "2026-01-02T03:04:05.000Z",
        lastModified: "2026-02-03T04:05:06.000Z",
        location: `https://r.example/api/scim/v2/Users/${membership.id}`,
        version: 'W/"4"',
      },
    });
  });

  it("round-trips: the document of a stored user parses back to the same storage", () => {
    const back = fromScimUser(userDocument(row));
    expect(back).toMatchObject({ userName: membership.userName, externalId: "00u1", givenName: "Jane", familyName: null, active: false });
    expect(back.scimAttributes).toEqual(membership.scimAttributes);
  });
});
