import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { emailOutbox, type OutboxEmail } from "@/lib/db/schema";

/** What the development mailbox lists: the newest emails first, optionally for one recipient. */
export async function recentEmails(db: Executor, opts: { to?: string; limit?: number } = {}): Promise<OutboxEmail[]> {
  return db
    .select()
    .from(emailOutbox)
    .where(opts.to ? eq(emailOutbox.to, opts.to) : undefined)
    .orderBy(desc(emailOutbox.id))
    .limit(opts.limit ?? 100);
}

/** Links in an email's text part, so people (and tests) can follow them without rendering HTML. */
export function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}
