import { auditCsvStream } from "@/lib/audit/csv";
import { auditQueryFromParams } from "@/lib/audit/queries";
import { adminRoute } from "@/lib/http/admin-route";

/** The audit trail as CSV, with the page's filters (the same query string), streamed from the database. */
export const GET = adminRoute(undefined, async ({ req, db, viewer }) => {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(db, auditQueryFromParams(viewer.org.id, params)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${viewer.org.slug}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
