import { describe, expect, it } from "vitest";
import type { Filter } from "./ast";
import { FilterSyntaxError, parseFilter, parsePatchPath } from "./parse";

const eq = (attr: string, value: unknown, sub?: string): Filter =>
  ({ kind: "compare", path: { attr, ...(sub ? { sub } : {}) }, op: "eq", value }) as Filter;

describe("parseFilter (RFC 7644 §3.4.2.2)", () => {
  const cases: [string, Filter][] = [
    ['userName eq "bjensen"', eq("userName", "bjensen")],
    ['USERNAME EQ "x"', eq("USERNAME", "x")],
    ["name.familyName co \"O'Malley\"", { kind: "compare", path: { attr: "name", sub: "familyName" }, op: "co", value: "O'Malley" }],
    ['userName sw "J"', { kind: "compare", path: { attr: "userName" }, op: "sw", value: "J" }],
    ["title pr", { kind: "present", path: { attr: "title" } }],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', { kind: "compare", path: { attr: "meta", sub: "lastModified" }, op: "gt", value: "2011-05-13T04:42:34Z" }],
    ["active eq true", eq("active", true)],
    ["active eq False", eq("active", false)],
    ["x eq null", eq("x", null)],
    ["n ge 10.5", { kind: "compare", path: { attr: "n" }, op: "ge", value: 10.5 }],
    ['a eq "1" and b eq "2" or c eq "3"', { kind: "or", left: { kind: "and", left: eq("a", "1"), right: eq("b", "2") }, right: eq("c", "3") }],
    ['a eq "1" or b eq "2" and c eq "3"', { kind: "or", left: eq("a", "1"), right: { kind: "and", left: eq("b", "2"), right: eq("c", "3") } }],
    ['(a eq "1" or b eq "2") and c eq "3"', { kind: "and", left: { kind: "or", left: eq("a", "1"), right: eq("b", "2") }, right: eq("c", "3") }],
    ['not (a eq "1")', { kind: "not", filter: eq("a", "1") }],
    ['NOT(a eq "1") and b pr', { kind: "and", left: { kind: "not", filter: eq("a", "1") }, right: { kind: "present", path: { attr: "b" } } }],
    ['emails[type eq "work" and value co "@example.com"]', {
      kind: "valuePath",
      path: { attr: "emails" },
      filter: { kind: "and", left: eq("type", "work"), right: { kind: "compare", path: { attr: "value" }, op: "co", value: "@example.com" } },
    }],
    // Entra: a value path followed by a sub-attribute comparison means one element with both.
    ['emails[type eq "work"].value eq "a@b.c"', { kind: "valuePath", path: { attr: "emails" }, filter: { kind: "and", left: eq("type", "work"), right: eq("value", "a@b.c") } }],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"', {
      kind: "compare",
      path: { uri: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", attr: "employeeNumber" },
      op: "eq",
      value: "7",
    }],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m"', {
      kind: "compare",
      path: { uri: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", attr: "manager", sub: "value" },
      op: "eq",
      value: "m",
    }],
    ['id eq "g" and members eq "u"', { kind: "and", left: eq("id", "g"), right: eq("members", "u") }],
    // Microsoft's reference tests send unquoted values.
    ["name.FamilyName eq Employee", eq("name", "Employee", "FamilyName")],
    ["meta.Created gt 2015-10-10T14:38:21.8617979-07:00", { kind: "compare", path: { attr: "meta", sub: "Created" }, op: "gt", value: "2015-10-10T14:38:21.8617979-07:00" }],
    ['userName eq "a \\"quoted\\" name"', eq("userName", 'a "quoted" name')],
    ['userName eq "with (parens) and [brackets]"', eq("userName", "with (parens) and [brackets]")],
  ];
  it.each(cases)("%s", (input, expected) => {
    expect(parseFilter(input)).toEqual(expected);
  });

  const bad: [string, RegExp][] = [
    ["", /empty/],
    ["userName", /end of filter/],
    ['userName xx "a"', /operator/],
    ['userName eq "a', /unterminated/],
    ['(userName eq "a"', /expected "\)"/],
    ['userName eq "a")', /after the end/],
    ['userName eq "a" and', /end of filter/],
    ['emails[type eq "work"', /expected "\]"/],
    ['emails[addresses[type eq "x"]]', /cannot nest/],
    ['name.given.name eq "x"', /attribute path/],
    ['"x" eq "y"', /attribute name/],
    ['userName eq "\\q"', /escape/],
    [`${"(".repeat(60)}a pr${")".repeat(60)}`, /nests too deeply/],
  ];
  it.each(bad)("refuses %j", (input, message) => {
    expect(() => parseFilter(input)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(input)).toThrow(message);
  });
});

describe("parsePatchPath (RFC 7644 §3.5.2)", () => {
  it.each([
    ["userName", { attr: "userName" }],
    ["name.givenName", { attr: "name", sub: "givenName" }],
    ['members[value eq "2819c223"]', { attr: "members", filter: eq("value", "2819c223") }],
    ['emails[type eq "work"].value', { attr: "emails", filter: eq("type", "work"), sub: "value" }],
    ['members[value eq "a]b"]', { attr: "members", filter: eq("value", "a]b") }],
    [
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
      { uri: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", attr: "manager" },
    ],
  ])("%s", (input, expected) => {
    expect(parsePatchPath(input)).toEqual(expected);
  });
  it.each(["", "members[]", "name.a.b", 'emails[type eq "work"'])("refuses %j", (input) => {
    expect(() => parsePatchPath(input)).toThrow(FilterSyntaxError);
  });
});
