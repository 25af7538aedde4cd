import { scimEndpoint } from "@/lib/scim/http/endpoint";

const route = scimEndpoint("ResourceTypes/:id");
export const { GET, POST, PUT, PATCH, DELETE } = route;

// Never rendered ahead of time; also spares each request the proxy Next puts around requests to detect static use.
export const dynamic = "force-dynamic";
