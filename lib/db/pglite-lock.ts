import fs from "node:fs";

/**
 * PGlite lets only one process open a data directory; a second opener would
 * corrupt it. A pid file turns that into a clear error (the usual cause is
 * running the CLI while `npm run dev` holds the embedded database).
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database at ${dataDir} is in use by process ${pid} (is \`npm run dev\` running?). ` +
          "Stop that process first, or set DATABASE_URL to use PostgreSQL, which any number of processes can share.",
      );
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
