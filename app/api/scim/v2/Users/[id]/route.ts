import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("Users/:id");
export const { GET, POST, PUT, PATCH, DELETE } = route;
