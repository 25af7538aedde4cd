import { sql } from "drizzle-orm";
import { getDb } from "./index";

/** True once the process's database opens and answers a trivial query (the health check's question). */
export async function databaseAnswers(): Promise<boolean> {
  try {
    await (await getDb()).execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
