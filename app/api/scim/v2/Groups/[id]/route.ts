import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("Groups/:id");
export const { GET, POST, PUT, PATCH, DELETE } = route;
