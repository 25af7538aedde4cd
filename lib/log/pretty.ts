/**
 * LOG_FORMAT=pretty (the default under `npm run dev`): each JSON line pino
 * writes, turned into one line people read —
 *
 *   11:02:03.120 INFO  POST /api/scim/v2/Users 201 12ms  area=scim reqId=… orgId=…
 *
 * A formatter of our own rather than pino-pretty: pino-pretty runs as a
 * transport in a worker thread (which Next.js's bundling breaks) or must be
 * loaded synchronously at start, and our lines have few enough fields that
 * this is all it takes.
 */
const LEVEL_COLOURS: Record<string, number> = { trace: 90, debug: 90, info: 32, warn: 33, error: 31, fatal: 35 };
/** Fields the line's head already shows, or that say nothing in development. */
const SHOWN = new Set(["time", "level", "msg", "pid", "hostname", "method", "path", "status", "durationMs", "job", "err"]);

export function prettyLine(json: string, colour = false): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith("\n") ? json : `${json}\n`;
  }
  const paint = (code: number | undefined, s: string) => (colour && code ? `\u001b[${code}m${s}\u001b[0m` : s);
  const time = typeof o.time === "string" ? o.time.slice(11, 23) : new Date().toISOString().slice(11, 23);
  const level = String(o.level ?? "info");
  const took = typeof o.durationMs === "number" ? ` ${o.durationMs}ms` : "";
  const head =
    o.method && o.path
      ? `${o.method} ${o.path} ${o.status ?? ""}${took}`
      : o.job
        ? `${o.job}${took}${o.msg && o.msg !== "job" ? ` ${o.msg}` : ""}`
        : String(o.msg ?? "");
  const rest = Object.entries(o)
    .filter(([k, v]) => !SHOWN.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  let line = `${paint(90, time)} ${paint(LEVEL_COLOURS[level], level.toUpperCase().padEnd(5))} ${head}${rest ? `  ${paint(90, rest)}` : ""}\n`;
  const err = o.err as { type?: string; message?: string; stack?: string } | undefined;
  if (err) line += `  ${err.type ?? "Error"}: ${err.message ?? ""}\n${err.stack ? `${err.stack}\n` : ""}`;
  return line;
}
