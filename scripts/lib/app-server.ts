/**
 * Starts the production build (`next start`) on a port of its own, for e2e
 * suites, conformance runs and benchmarks, and stops it again. One build is
 * shared by every server a run starts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface AppServer {
  url: string;
  port: number;
  proc: ChildProcess;
  logFile: string;
  /** SIGTERM (graceful) by default; SIGKILL to simulate a crash. Resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  port: number;
  /** PostgreSQL URL; absent means the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  logDir?: string;
}

export function buildExists(): boolean {
  return fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"));
}

/** True when something already listens on the port (a health check would then talk to the wrong server). */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startAppServer(opts: StartOptions): Promise<AppServer> {
  const url = `http://127.0.0.1:${opts.port}`;
  if (await portTaken(opts.port)) throw new Error(`Port ${opts.port} is already in use; stop whatever listens there or choose another port.`);
  const logDir = opts.logDir ?? path.join(process.cwd(), "test-results", "servers");
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `server-${opts.port}-${Date.now()}.log`);
  const log = fs.openSync(logFile, "a");
  const proc = spawn(path.join("node_modules", ".bin", "next"), ["start", "--port", String(opts.port), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: url,
      NEXTAUTH_URL: url,
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      ROSTER_DEMO: "1",
      DATABASE_URL: opts.databaseUrl ?? "",
      DATA_DIR: opts.dataDir ?? path.join(logDir, `data-${opts.port}`),
      ...opts.env,
    },
    stdio: ["ignore", log, log],
    // Its own process group, so that a kill reaches every process `next start` may have started.
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, signal);
    } catch {
      // already gone
    }
  };
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) {
      throw new Error(`Server on port ${opts.port} exited with ${proc.exitCode}; see ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      signalGroup("SIGKILL");
      throw new Error(`Server on port ${opts.port} did not become healthy in 90 s; see ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port: opts.port,
    proc,
    logFile,
    async stop(signal = "SIGTERM") {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      signalGroup(signal);
      const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
