import { pingDatabase } from "@/lib/db";

export const dynamic = "force-dynamic";

/** For load balancers and test harnesses: 200 once the database answers. */
export async function GET() {
  try {
    await pingDatabase();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, error: "database unavailable" }, { status: 503 });
  }
}
