import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import type { JsonObject } from "../normalize";
import { userSchemas } from "../schemas/resources";
import { URN } from "../schemas/urns";
import { applyPatch } from "./apply";
import { expandOperations, parsePatchRequest } from "./ops";

const base = (): JsonObject => ({
  userName: "jane@corp.example",
  name: { givenName: "Jane", familyName: "Doe" },
  active: true,
  emails: [
    { value: "jane@corp.example", type: "work", primary: true },
    { value: "jane@home.example", type: "home" },
  ],
});

const patch = (doc: JsonObject, ...Operations: unknown[]) => applyPatch(doc, userSchemas, expandOperations(parsePatchRequest({ Operations }), userSchemas));

describe("applyPatch (RFC 7644 §3.5.2) on a User document", () => {
  const cases: [string, unknown[], (d: JsonObject) => void][] = [
    ["replace a simple attribute", [{ op: "replace", path: "displayName", value: "JD" }], (d) => expect(d.displayName).toBe("JD")],
    ["add null to a multi-valued attribute adds nothing", [{ op: "add", path: "emails", value: null }], (d) => expect(d.emails).toEqual(base().emails)],
    ["replace a multi-valued attribute with null clears it", [{ op: "replace", path: "phoneNumbers", value: null }], (d) => expect(d.phoneNumbers).toBeUndefined()],
    ["op and attribute names in any case", [{ op: "REPLACE", path: "DISPLAYNAME", value: "JD" }], (d) => expect(d.displayName).toBe("JD")],
    ["string booleans", [{ op: "Replace", path: "active", value: "False" }], (d) => expect(d.active).toBe(false)],
    ["no path: each key is an operation", [{ op: "replace", value: { active: false, displayName: "X" } }], (d) => expect([d.active, d.displayName]).toEqual([false, "X"])],
    ["no path: dotted keys", [{ op: "replace", value: { "name.givenName": "J2" } }], (d) => expect(d.name).toEqual({ givenName: "J2", familyName: "Doe" })],
    ["no path: URN-qualified key", [{ op: "add", value: { [`${URN.enterprise}:costCenter`]: "C1" } }], (d) => expect(d[URN.enterprise]).toEqual({ costCenter: "C1" })],
    ["no path: the extension object", [{ op: "add", value: { [URN.enterprise]: { division: "D" } } }], (d) => expect(d[URN.enterprise]).toEqual({ division: "D" })],
    ["replace a complex attribute keeps unnamed sub-attributes", [{ op: "replace", path: "name", value: { familyName: "Roe" } }], (d) => expect(d.name).toEqual({ givenName: "Jane", familyName: "Roe" })],
    ["remove a sub-attribute", [{ op: "remove", path: "name.familyName" }], (d) => expect(d.name).toEqual({ givenName: "Jane" })],
    ["filtered sub-attribute", [{ op: "replace", path: 'emails[type eq "work"].value', value: "new@corp.example" }], (d) => expect((d.emails as JsonObject[])[0]!.value).toBe("new@corp.example")],
    ["filtered element removal", [{ op: "remove", path: 'emails[type eq "home"]' }], (d) => expect(d.emails).toHaveLength(1)],
    ["filter with no match on remove is a no-op", [{ op: "remove", path: 'emails[type eq "other"]' }], (d) => expect(d.emails).toHaveLength(2)],
    ["add with an eq filter and no match creates the element (Entra)", [{ op: "add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1" }], (d) => expect(d.phoneNumbers).toEqual([{ type: "mobile", value: "+1" }])],
    ["add to a multi-valued attribute appends; a new primary demotes the old one", [{ op: "add", path: "emails", value: [{ value: "p@x.example", primary: true }] }], (d) => {
      const emails = d.emails as JsonObject[];
      expect(emails.map((e) => e.primary)).toEqual([false, undefined, true]);
    }],
    ["add an existing value does not duplicate it", [{ op: "add", path: "emails", value: { value: "JANE@home.example", type: "home" } }], (d) => expect(d.emails).toHaveLength(2)],
    ["replace a multi-valued attribute whole", [{ op: "replace", path: "emails", value: [{ value: "only@x.example" }] }], (d) => expect(d.emails).toEqual([{ value: "only@x.example" }])],
    ["remove with a value list removes only those (Entra)", [{ op: "Remove", path: "emails", value: [{ value: "jane@home.example" }] }], (d) => expect((d.emails as JsonObject[]).map((e) => e.value)).toEqual(["jane@corp.example"])],
    ["remove a whole multi-valued attribute: unassigned, not []", [{ op: "add", path: "phoneNumbers", value: [{ value: "+1" }] }, { op: "remove", path: "phoneNumbers" }], (d) => expect("phoneNumbers" in d).toBe(false)],
    ["remove the last element by filter: unassigned, not []", [{ op: "add", path: "phoneNumbers", value: [{ value: "+1", type: "work" }] }, { op: "remove", path: 'phoneNumbers[type eq "work"]' }], (d) => expect("phoneNumbers" in d).toBe(false)],
    ["add with the extension's URN as path sets its attributes", [{ op: "add", path: URN.enterprise, value: { department: "Sales", costCenter: "42" } }], (d) => expect(d[URN.enterprise]).toEqual({ department: "Sales", costCenter: "42" })],
    ["replace with the extension's URN keeps the attributes it does not name", [{ op: "add", path: `${URN.enterprise}:division`, value: "EMEA" }, { op: "replace", path: URN.enterprise, value: { department: "Ops" } }], (d) => expect(d[URN.enterprise]).toEqual({ division: "EMEA", department: "Ops" })],
    ["remove with the extension's URN removes all of it", [{ op: "add", path: `${URN.enterprise}:division`, value: "EMEA" }, { op: "remove", path: URN.enterprise.toLowerCase() }], (d) => expect(URN.enterprise in d).toBe(false)],
    ["manager: bare id", [{ op: "Add", path: `${URN.enterprise}:manager`, value: "m1" }], (d) => expect(d[URN.enterprise]).toEqual({ manager: { value: "m1" } })],
    ["manager: legacy array under the bare name", [{ op: "Add", path: "manager", value: [{ $ref: "http://x/Users/m2", value: "m2" }] }], (d) => expect((d[URN.enterprise] as JsonObject).manager).toMatchObject({ value: "m2" })],
    ["null removes (RFC 7644 §3.5.1)", [{ op: "replace", path: "displayName", value: "x" }, { op: "replace", path: "displayName", value: null }], (d) => expect("displayName" in d).toBe(false)],
    ["several operations apply in order", [{ op: "add", path: "title", value: "A" }, { op: "replace", path: "title", value: "B" }, { op: "remove", path: "title" }, { op: "add", path: "title", value: "C" }], (d) => expect(d.title).toBe("C")],
  ];
  it.each(cases)("%s", (_, ops, check) => {
    const before = base();
    const { doc } = patch(before, ...ops);
    check(doc);
    expect(before).toEqual(base()); // pure: the input is not changed
  });

  it("notes attributes Roster does not store instead of failing", () => {
    const { doc, ignored } = patch(base(), { op: "replace", value: { password: "x", id: "ignored-silently", shoeSize: 4 } }, { op: "add", path: "urn:example:custom:2.0:User:badge", value: "1" });
    expect(ignored).toEqual(["password", "shoeSize", "urn:example:custom:2.0:User:badge"]);
    expect(doc).toEqual(base());
  });

  it.each([
    [[{ op: "replace", path: "groups", value: [] }], "mutability"],
    [[{ op: "replace", path: 'userName[value eq "x"]', value: "y" }], "invalidPath"],
    [[{ op: "replace", path: "userName.first", value: "y" }], "invalidPath"],
    [[{ op: "replace", path: 'emails[value co "zzz"].type', value: "y" }], "noTarget"],
    [[{ op: "replace", path: "active", value: "perhaps" }], "invalidValue"],
    [[{ op: "remove", path: "active" }], "mutability"],
    [[{ op: "replace", path: "active", value: null }], "mutability"],
    [[{ op: "remove", path: "userName" }], "mutability"],
    [[{ op: "remove", path: "emails" }], "mutability"],
    [[{ op: "remove", path: 'emails[value co "@"]' }], "mutability"],
    [[{ op: "remove", path: "emails.value" }], "mutability"],
    [[{ op: "replace", path: `${URN.enterprise}:manager.displayName`, value: "Boss" }], "mutability"],
    [[{ op: "add", path: URN.enterprise, value: "not an object" }], "invalidValue"],
  ])("refuses %j with %s", (ops, scimType) => {
    try {
      patch(base(), ...ops);
      expect.fail("should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(ScimError);
      expect((e as ScimError).scimType).toBe(scimType);
    }
  });
});
