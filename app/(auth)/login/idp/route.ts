import { completeIdpInitiatedSignIn } from "@/lib/auth/idp-initiated";

export const dynamic = "force-dynamic";

/** Where Jackson sends an IdP-initiated sign-in (the connection's default redirect URL). */
export async function GET(req: Request) {
  const location = await completeIdpInitiatedSignIn(new URL(req.url).searchParams.get("code"));
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
