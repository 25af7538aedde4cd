import { completeIdpInitiatedSignIn } from "@/lib/auth/idp-initiated";
import { observed } from "@/lib/http/observed";

export const dynamic = "force-dynamic";

/** Where Jackson sends an IdP-initiated sign-in (the connection's default redirect URL). */
export const GET = observed(async (req) => {
  const location = await completeIdpInitiatedSignIn(new URL(req.url).searchParams.get("code"));
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
});
