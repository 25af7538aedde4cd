import { z } from "zod";
import { adminRoute } from "@/lib/http/admin-route";
import { testScimConnection } from "@/lib/scim/connection-test";

const body = z.object({ token: z.string().trim().min(1, "Paste a SCIM token to test.").max(200) });

/** Calls this organisation's own SCIM endpoint with the pasted token and reports what an IdP would see. */
export const POST = adminRoute(body, async ({ db, viewer, body }) => testScimConnection(db, { orgId: viewer.org.id, token: body.token }));
