import { getDb } from "@/lib/db";
import { demoIdpMetadata } from "@/lib/demo/idp/config";
import { devSurfacesEnabled } from "@/lib/env";

export const dynamic = "force-dynamic";

/** The demo IdP's SAML metadata, to paste on an organisation's Security page (or `roster set-sso`). */
export async function GET() {
  if (!devSurfacesEnabled()) return new Response("Not found", { status: 404 });
  return new Response(await demoIdpMetadata(await getDb()), { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8" } });
}
