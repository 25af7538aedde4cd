import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("Users");
export const { GET, POST, PUT, PATCH, DELETE } = route;
