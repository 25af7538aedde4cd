import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("Schemas");
export const { GET, POST, PUT, PATCH, DELETE } = route;
