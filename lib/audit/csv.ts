import type { Executor } from "@/lib/db";
import { streamAuditLog, type AuditQuery } from "./queries";
import { auditSentence } from "./sentences";

const HEADER = ["time_utc", "sentence", "action", "actor_kind", "actor", "subject_name", "subject_email", "target", "details"];

/**
 * One CSV field. Quoted always; a value a spreadsheet would run as a formula
 * (=, +, -, @ first) gets a leading apostrophe: names come from the IdP and
 * from people, and an export is opened in Excel.
 */
function field(v: string | null | undefined): string {
  const s = v ?? "";
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * The audit trail as CSV, streamed: rows are read from the database a batch
 * at a time (keyset, newest first) and encoded as they come, so an export of
 * years of trail never sits in the server's memory.
 */
export function auditCsvStream(db: Executor, q: Omit<AuditQuery, "before" | "limit">): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = streamAuditLog(db, q);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A BOM, so Excel reads the names as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${HEADER.join(",")}\r\n`));
        return;
      }
      const lines: string[] = [];
      for (let i = 0; i < 200; i++) {
        const next = await rows.next();
        if (next.done) break;
        const e = next.value;
        lines.push(
          [e.at.toISOString(), auditSentence(e), e.action, e.actorKind, e.actorLabel, e.subjectName, e.subjectEmail, e.target, JSON.stringify(e.details)]
            .map(field)
            .join(","),
        );
      }
      if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
      if (lines.length < 200) controller.close();
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
