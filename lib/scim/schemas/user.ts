import { attr, multiValuedStrings, type SchemaDef } from "./types";
import { URN } from "./urns";

/**
 * The core User attributes Roster stores (RFC 7643 §4.1). Left out on purpose,
 * so that an IdP is not led to believe they do anything: `password` (sign-in
 * is SSO), `roles` (roles change only on the Admin Management page),
 * `entitlements`, `x509Certificates`, `ims`, `photos`, `profileUrl`.
 * Sent anyway, they are ignored and noted in the provisioning log.
 */
export const userSchema: SchemaDef = {
  id: URN.user,
  name: "User",
  description: "User Account",
  attributes: [
    attr("userName", "string", "Unique identifier for the User, typically the sign-in name. Unique per organisation, case-insensitive.", {
      required: true,
      uniqueness: "server",
    }),
    attr("name", "complex", "The components of the user's real name.", {
      subAttributes: [
        attr("formatted", "string", "The full name, formatted for display."),
        attr("familyName", "string", "The family name (last name)."),
        attr("givenName", "string", "The given name (first name)."),
        attr("middleName", "string", "The middle name(s)."),
        attr("honorificPrefix", "string", "The honorific prefix(es), e.g. 'Ms.'."),
        attr("honorificSuffix", "string", "The honorific suffix(es), e.g. 'III'."),
      ],
    }),
    attr("displayName", "string", "The name of the User, suitable for display to end-users."),
    attr("nickName", "string", "The casual way to address the user."),
    attr("title", "string", "The user's title, such as 'Vice President'."),
    attr("userType", "string", "The relationship between the organisation and the user, e.g. 'Employee'."),
    attr("preferredLanguage", "string", "The user's preferred written or spoken language."),
    attr("locale", "string", "The user's default location for localisation."),
    attr("timezone", "string", "The user's time zone in IANA format, e.g. 'Europe/Paris'."),
    attr("active", "boolean", "Whether the user may sign in. false deactivates the member and frees their seat; true (the default) reactivates them. A member is always one or the other: PATCH replaces it and cannot remove it.", {
      removable: false,
    }),
    {
      ...multiValuedStrings(
        "emails",
        "Email addresses; at least one. The sign-in email is the primary one, else the work one, else the only one (a userName that is an email address also does when no email is sent).",
        ["work", "home", "other"],
      ),
      required: true,
    },
    multiValuedStrings("phoneNumbers", "Phone numbers.", ["work", "home", "mobile", "fax", "pager", "other"]),
    attr("addresses", "complex", "Physical mailing addresses.", {
      multiValued: true,
      subAttributes: [
        attr("formatted", "string", "The full mailing address, formatted for display."),
        attr("streetAddress", "string", "The full street address."),
        attr("locality", "string", "The city or locality."),
        attr("region", "string", "The state or region."),
        attr("postalCode", "string", "The zip code or postal code."),
        attr("country", "string", "The country name component."),
        attr("type", "string", "A label indicating the address's function.", { canonicalValues: ["work", "home", "other"] }),
        attr("primary", "boolean", "Whether this is the primary address."),
      ],
    }),
    attr("groups", "complex", "The groups the user belongs to. Read-only: change membership through the Group resource.", {
      multiValued: true,
      mutability: "readOnly",
      subAttributes: [
        attr("value", "string", "The id of the Group.", { mutability: "readOnly" }),
        attr("$ref", "reference", "The URI of the Group.", { mutability: "readOnly", referenceTypes: ["Group"] }),
        attr("display", "string", "The displayName of the Group.", { mutability: "readOnly" }),
        attr("type", "string", "How the membership was derived.", { mutability: "readOnly", canonicalValues: ["direct"] }),
      ],
    }),
  ],
};

export const enterpriseUserSchema: SchemaDef = {
  id: URN.enterprise,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    attr("employeeNumber", "string", "A string identifier, typically numeric or alphanumeric, assigned to a person."),
    attr("costCenter", "string", "Identifies the name of a cost center."),
    attr("organization", "string", "Identifies the name of an organization."),
    attr("division", "string", "Identifies the name of a division."),
    attr("department", "string", "Identifies the name of a department."),
    attr("manager", "complex", "The user's manager.", {
      subAttributes: [
        attr("value", "string", "The id of the SCIM resource representing the user's manager."),
        attr("$ref", "reference", "The URI of the manager's User resource, made by Roster from value.", { mutability: "readOnly", referenceTypes: ["User"] }),
        attr("displayName", "string", "The displayName of the user's manager.", { mutability: "readOnly" }),
      ],
    }),
  ],
};
