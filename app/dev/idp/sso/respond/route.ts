import { getDb } from "@/lib/db";
import { requireDevSurfaces } from "@/lib/dev/guard";
import { DemoIdpError, respondAs } from "@/lib/dev/idp/sign-in";

export const dynamic = "force-dynamic";

const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" && v ? v : undefined;
};

/** The demo IdP's "Sign in as" button: answers with a page that posts the signed response to Roster's ACS. */
export async function POST(req: Request) {
  requireDevSurfaces();
  const f = await req.formData().catch(() => new FormData());
  try {
    const html = await respondAs(await getDb(), {
      samlRequest: text(f, "SAMLRequest"),
      relayState: text(f, "RelayState"),
      personId: text(f, "personId"),
      email: text(f, "email"),
      nonce: req.headers.get("x-nonce") ?? undefined,
    });
    return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  } catch (e) {
    if (!(e instanceof DemoIdpError)) throw e;
    return new Response(e.message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}
