import { getJackson } from "@/lib/sso/jackson";

export const dynamic = "force-dynamic";

/** Roster's SAML service provider metadata: entity ID, ACS URL and certificate, for IdPs that import it. */
export async function GET() {
  const xml = await (await getJackson()).spConfig.toXMLMetadata();
  return new Response(xml, { headers: { "content-type": "application/samlmetadata+xml; charset=utf-8" } });
}
