import { describe, expect, it } from "vitest";
import { describeRequest, outcomeWords } from "./provisioning-words";

describe("the provisioning log in words", () => {
  it.each([
    ["POST", "/api/scim/v2/Users", "create", "Added a person"],
    ["PATCH", "/api/scim/v2/Users/1", "patch: replace active", "Changed a person's active state (deactivate or reactivate)"],
    ["PATCH", "/api/scim/v2/Users/1", "patch: replace name.givenName, replace emails[type eq \"work\"].value", "Changed a person's name, email"],
    ["PATCH", "/api/scim/v2/Users/1", "patch: replace", "Changed a person's several attributes"],
    ["PATCH", "/api/scim/v2/Groups/1", "patch: add members", "Added group members"],
    ["PATCH", "/api/scim/v2/Groups/1", "patch: remove members[value eq \"x\"]", "Removed group members"],
    ["PATCH", "/api/scim/v2/Groups/1", "patch: replace displayName", "Changed a group's name"],
    ["PUT", "/api/scim/v2/Users/1", "replace", "Replaced a person's details"],
    ["DELETE", "/api/scim/v2/Users/1", "delete", "Deleted a person"],
    ["GET", "/api/scim/v2/Users?filter=userName%20eq%20%22a%22", "search", "Searched people"],
    ["GET", "/api/scim/v2/Users", "list", "Listed people"],
    ["GET", "/api/scim/v2/Groups/1", "get", "Looked up a group"],
    ["POST", "/api/scim/v2/Bulk", "bulk", "Several changes in one request (Bulk)"],
    ["GET", "/api/scim/v2/ServiceProviderConfig", null, "Read Roster's SCIM settings"],
  ])("%s %s (%s) → %s", (method, path, operation, words) => {
    expect(describeRequest({ method, path, operation })).toBe(words);
  });

  it("outcomes are words, not status codes", () => {
    expect(outcomeWords(204)).toEqual({ text: "Succeeded", tone: "green" });
    expect(outcomeWords(201).text).toBe("Succeeded");
    expect(outcomeWords(403)).toEqual({ text: "Refused", tone: "red" });
    expect(outcomeWords(409).text).toBe("Refused: already exists");
    expect(outcomeWords(429)).toEqual({ text: "Throttled: too many requests", tone: "amber" });
    expect(outcomeWords(503).text).toBe("Failed: server error");
    expect(outcomeWords(418).text).toBe("Refused");
  });
});
