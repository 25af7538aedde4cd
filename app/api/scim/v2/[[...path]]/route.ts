import { scimRoute } from "@/lib/scim/http/handler";
import { dispatch } from "@/lib/scim/routes";

// Resource names in any case (/users), and SCIM-shaped 404/405 for everything else under /api/scim/v2,
// the base URL itself included (optional catch-all).
export const GET = scimRoute(dispatch("GET"));
export const POST = scimRoute(dispatch("POST"));
export const PUT = scimRoute(dispatch("PUT"));
export const PATCH = scimRoute(dispatch("PATCH"));
export const DELETE = scimRoute(dispatch("DELETE"));

// Never rendered ahead of time; also spares each request the proxy Next puts around requests to detect static use.
export const dynamic = "force-dynamic";
