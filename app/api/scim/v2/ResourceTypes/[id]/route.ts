import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("ResourceTypes/:id");
export const { GET, POST, PUT, PATCH, DELETE } = route;
