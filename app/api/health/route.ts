import { databaseAnswers } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** For load balancers and test harnesses: 200 once the database answers. */
export async function GET() {
  if (await databaseAnswers()) return Response.json({ ok: true });
  return Response.json({ ok: false, error: "database unavailable" }, { status: 503 });
}
