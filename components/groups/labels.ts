export const IDP_GROUP = "Managed by your identity provider: change it there.";

/** Why an attribute group cannot be edited (the policy's rule, lib/policy.ts), in the button's tooltip. */
export const attributeGroupReason = (label: string) => `Follows the ${label} your identity provider sends: read-only here.`;
