import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("ServiceProviderConfig");
export const { GET, POST, PUT, PATCH, DELETE } = route;
