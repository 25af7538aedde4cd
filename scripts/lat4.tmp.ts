import { createPostgresDatabase } from "../tests/helpers/test-db";
import { startAppServer } from "./lib/app-server";
import { execSync } from "node:child_process";
const db = await createPostgresDatabase("roster_lat");
const s = await startAppServer({ port: 3793, databaseUrl: db.url, env: { SCIM_RATE_LIMIT: "0", NODE_OPTIONS: "--cpu-prof --cpu-prof-dir=/tmp/prof" } });
console.log(execSync(`wrk -t1 -c16 -d8s ${s.url}/api/health`).toString().split("\n").filter((l) => /Requests\/sec/.test(l)).join(""));
await s.stop(); await db.drop();
