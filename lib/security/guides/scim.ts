import { type IdpGuide, ON_SECURITY_PAGE } from "./types";

export const scim: IdpGuide = {
  id: "scim",
  name: "Another SCIM 2.0 client",
  summary: "Any SAML 2.0 identity provider, and any client that speaks SCIM 2.0 (RFC 7643 / RFC 7644).",
  sso: [
    {
      title: "Create a SAML 2.0 application",
      body: "Give your identity provider Roster's metadata URL, or the ACS URL and entity ID below. Send the person's email address as the **NameID**.",
      values: [
        { label: "ACS URL", from: "acsUrl" },
        { label: "Entity ID (audience)", from: "entityId" },
        { label: "SP metadata URL", from: "metadataUrl" },
      ],
    },
    {
      title: "Give Roster your IdP's metadata",
      body: `Paste or upload the IdP's SAML metadata XML on ${ON_SECURITY_PAGE}.`,
    },
  ],
  scim: {
    supported: true,
    steps: [
      {
        title: "Connect the client",
        body: "Point the client at the base URL below and send the token in an **Authorization** header on every request. The client can read what Roster supports from **/ServiceProviderConfig**, **/ResourceTypes** and **/Schemas**.",
        values: [
          { label: "SCIM base URL", from: "scimBaseUrl" },
          { label: "Authentication", text: "HTTP Header: Authorization: Bearer <token>" },
          { label: "Bearer token", from: "token" },
          { label: "Unique identifier", text: "userName" },
        ],
      },
    ],
    features: ["Users: create, read, replace (PUT), PATCH, delete", "Groups and group members", "Filters (eq, co, sw…), sorting, paging", "Bulk", "ETags"],
  },
  pitfalls: [
    "Look a person up by `userName eq \"…\"` before creating them: a second create for the same userName is refused with 409 `uniqueness`.",
    "Deactivate with `active: false` (the seat is freed); DELETE removes the person for good.",
  ],
  firstRequest: "Send any request with the token, for example `GET /Users?count=1`.",
};
