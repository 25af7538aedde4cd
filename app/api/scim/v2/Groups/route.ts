import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("Groups");
export const { GET, POST, PUT, PATCH, DELETE } = route;
