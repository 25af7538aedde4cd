import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db";
import { demoIdpState } from "@/lib/db/schema";

/** The demo IdP's storage: small JSON documents under fixed keys (lib/db/schema/demo-idp.ts). */
export async function readState<T>(db: Executor, key: string): Promise<T | undefined> {
  const [row] = await db.select({ value: demoIdpState.value }).from(demoIdpState).where(eq(demoIdpState.key, key));
  return row?.value as T | undefined;
}

export async function writeStateIfAbsent(db: Executor, key: string, value: unknown): Promise<void> {
  await db.insert(demoIdpState).values({ key, value }).onConflictDoNothing();
}

export async function writeState(db: Executor, key: string, value: unknown): Promise<void> {
  await db
    .insert(demoIdpState)
    .values({ key, value })
    .onConflictDoUpdate({ target: demoIdpState.key, set: { value, updatedAt: sql`now()` } });
}
