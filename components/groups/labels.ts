export const IDP_GROUP = "Managed by your identity provider: change it there.";
