import { getJackson } from "@/lib/sso/jackson";

export const dynamic = "force-dynamic";

/** Roster's SAML certificate (it signs the authentication requests), for IdPs that ask for it separately. */
export async function GET() {
  const { publicKey } = await (await getJackson()).spConfig.get();
  return new Response(publicKey, {
    headers: { "content-type": "application/x-pem-file", "content-disposition": 'attachment; filename="roster-saml.cer"' },
  });
}
