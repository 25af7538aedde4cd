import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { prettyLine } from "./pretty";
import { serializeError } from "./redact";

/**
 * The process's one logger (pino): a JSON object a line on stdout, for
 * whatever collects the server's output, or LOG_FORMAT=pretty for people.
 * One instance per process, kept on globalThis, because Next.js bundles this
 * module into the instrumentation hook and the route handlers separately.
 *
 * It reads LOG_LEVEL and LOG_FORMAT from process.env itself rather than
 * through lib/env.ts: it must be able to say that the environment is invalid.
 * (lib/env.ts still validates both, so a typo stops the server at start.)
 * Writes are synchronous: a line is on its way before the request it
 * describes is answered, and none is lost in a buffer when a process is
 * killed.
 */
const LEVELS: readonly string[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export interface LogSettings {
  level: Level | "silent";
  format: "json" | "pretty";
}

function logSettings(source: NodeJS.ProcessEnv = process.env): LogSettings {
  const nodeEnv = source.NODE_ENV ?? "development";
  const level = source.LOG_LEVEL?.trim();
  const format = source.LOG_FORMAT?.trim();
  return {
    level: (level && LEVELS.includes(level) ? level : nodeEnv === "test" ? "error" : "info") as LogSettings["level"],
    format: format === "json" || format === "pretty" ? format : nodeEnv === "development" ? "pretty" : "json",
  };
}

const state = globalThis as unknown as { __rosterLog?: Logger; __rosterLogFd?: 1 | 2 };

/** The operator CLI keeps stdout for its --json answer: its log lines go to stderr. Call before the first line. */
export function logToStderr(): void {
  state.__rosterLogFd = 2;
  state.__rosterLog = undefined;
}

function destination(format: LogSettings["format"], fd: 1 | 2): DestinationStream {
  if (format === "json") return pino.destination({ fd, sync: true });
  const out = fd === 2 ? process.stderr : process.stdout;
  return { write: (line: string) => void out.write(prettyLine(line, out.isTTY === true)) };
}

/** A logger with Roster's fields and serializers: `log()`'s, or one writing elsewhere (tests read its lines). */
export function createLogger(dest: DestinationStream, level: LogSettings["level"] = "info"): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
    },
    dest,
  );
}

export function log(): Logger {
  if (state.__rosterLog) return state.__rosterLog;
  const s = logSettings();
  state.__rosterLog = createLogger(destination(s.format, state.__rosterLogFd ?? 1), s.level);
  return state.__rosterLog;
}
