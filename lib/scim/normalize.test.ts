import { describe, expect, it } from "vitest";
import { ScimError } from "./errors";
import { coerceBoolean, normalizeResource } from "./normalize";
import { parseProjection, project, wants } from "./projection";
import { userSchemas } from "./schemas/resources";
import { URN } from "./schemas/urns";
import { matchesElement } from "./filter/evaluate";
import { parseFilter } from "./filter/parse";
import { userSchema } from "./schemas/user";

describe("normalizeResource", () => {
  it("canonical names in any case, coerced types, nulls dropped, unknowns set aside", () => {
    const { value, ignored } = normalizeResource(userSchemas, {
      schemas: [URN.user],
      id: "echoed",
      meta: { resourceType: "User" },
      USERNAME: "a@b.example",
      Active: "TRUE",
      nickName: null,
      Emails: [{ Value: "a@b.example", Primary: "false", Type: "work", Extra: 1 }],
      name: { GivenName: "A", honorificPrefix: null },
      password: "p",
      groups: [],
      locale: "en-US",
      roles: [],
      [URN.enterprise.toUpperCase()]: { EmployeeNumber: 7, unknownThing: 1 },
    });
    expect(value).toEqual({
      userName: "a@b.example",
      active: true,
      emails: [{ value: "a@b.example", primary: false, type: "work" }],
      name: { givenName: "A" },
      locale: "en-US",
      [URN.enterprise]: { employeeNumber: "7" },
    });
    expect(ignored.sort()).toEqual(["Emails.Extra", "groups", "password", "roles", `${URN.enterprise}:unknownThing`].sort());
  });

  it.each([
    [{ active: "yes" }, /boolean/],
    [{ userName: { x: 1 } }, /must be a string/],
    [{ name: "flat" }, /must be an object/],
    [{ displayName: ["a", "b"] }, /single value/],
  ])("refuses %j", (body, message) => {
    expect(() => normalizeResource(userSchemas, body)).toThrow(ScimError);
    expect(() => normalizeResource(userSchemas, body)).toThrow(message);
  });

  it.each([
    [true, true],
    ["False", false],
    [" true ", true],
  ])("coerceBoolean(%j) = %j", (input, expected) => {
    expect(coerceBoolean(input, "x")).toBe(expected);
  });
});

describe("projection", () => {
  const resource = {
    schemas: [URN.user],
    id: "1",
    userName: "u",
    name: { givenName: "G", familyName: "F" },
    emails: [{ value: "e", type: "work" }],
    [URN.enterprise]: { department: "D", division: "V" },
    meta: { version: 'W/"1"' },
  };
  it.each([
    ["attributes=userName", { schemas: [URN.user], id: "1", userName: "u" }],
    ["attributes=NAME.givenName,emails.value", { schemas: [URN.user], id: "1", name: { givenName: "G" }, emails: [{ value: "e" }] }],
    [`attributes=${URN.user}:userName,${URN.enterprise}:department`, { schemas: [URN.user], id: "1", userName: "u", [URN.enterprise]: { department: "D" } }],
    ['attributes=emails[type eq "work"]', { schemas: [URN.user], id: "1", emails: [{ value: "e", type: "work" }] }],
    ["excludedAttributes=emails,meta,name.familyName,id", { schemas: [URN.user], id: "1", userName: "u", name: { givenName: "G" }, [URN.enterprise]: { department: "D", division: "V" } }],
  ])("%s", (query, expected) => {
    expect(project(resource, parseProjection(new URLSearchParams(query), userSchemas))).toEqual(expected);
  });
  it("tells repositories what they may skip loading", () => {
    expect(wants(parseProjection(new URLSearchParams("excludedAttributes=members"), userSchemas), "members")).toBe(false);
    expect(wants(parseProjection(new URLSearchParams("attributes=userName"), userSchemas), "groups")).toBe(false);
    expect(wants(parseProjection(new URLSearchParams(""), userSchemas), "groups")).toBe(true);
  });
});

describe("matchesElement (value filters inside one resource)", () => {
  const emails = userSchema.attributes.find((a) => a.name === "emails")!.subAttributes!;
  it.each([
    ['type eq "WORK"', { type: "work" }, true],
    ['type eq "work" and primary eq true', { type: "work", primary: true }, true],
    ['type eq "work" and primary eq true', { type: "work" }, false],
    ['value co "@corp" or type eq "home"', { value: "a@home", type: "home" }, true],
    ['not (type eq "home")', { type: "work" }, true],
    ["display pr", { display: "" }, false],
    ['value sw "A" ', { value: "abc" }, true],
  ])("%s on %j → %s", (filter, element, expected) => {
    expect(matchesElement(parseFilter(filter), element, emails)).toBe(expected);
  });
});
