import { attr, type SchemaDef } from "./types";
import { URN } from "./urns";

export const groupSchema: SchemaDef = {
  id: URN.group,
  name: "Group",
  description: "Group",
  attributes: [
    attr("displayName", "string", "A human-readable name for the Group. Unique per organisation, case-insensitive.", {
      required: true,
      uniqueness: "server",
    }),
    attr("members", "complex", "Members of the Group: Users of the same organisation.", {
      multiValued: true,
      subAttributes: [
        attr("value", "string", "The id of a User of the organisation.", { mutability: "immutable" }),
        attr("$ref", "reference", "The URI of the member's User resource, made by Roster from value.", { mutability: "readOnly", referenceTypes: ["User"] }),
        attr("display", "string", "A label for the member, as the IdP sent it (else the user's displayName).", {
          mutability: "immutable",
        }),
        attr("type", "string", "The type of the member; only User.", { mutability: "immutable", canonicalValues: ["User"] }),
      ],
    }),
  ],
};
