import { getDb } from "@/lib/db";
import { requireDevSurfaces } from "@/lib/dev/guard";
import { demoIdpMetadata } from "@/lib/dev/idp/config";

export const dynamic = "force-dynamic";

/** The demo IdP's SAML metadata, to paste on an organisation's Security page (or `roster set-sso`). */
export async function GET() {
  requireDevSurfaces();
  return new Response(await demoIdpMetadata(await getDb()), { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8" } });
}
