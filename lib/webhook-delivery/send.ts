import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Webhook } from "standardwebhooks";
import { resolvePublicAddress } from "@/lib/webhooks/targets";

const TIMEOUT_MS = 10_000;
/** What is kept of a response: enough to see an error message, never a whole page. */
const EXCERPT_CHARS = 300;

export interface SendResult {
  /** The HTTP status, or null when no answer came (refused, timed out, private target). */
  status: number | null;
  latencyMs: number;
  excerpt: string;
}

/**
 * POSTs one signed message (Standard Webhooks: webhook-id, webhook-timestamp,
 * webhook-signature over `id.timestamp.body`). The connection goes to an
 * address checked at this moment (the `lookup` hook, so a name that resolves
 * elsewhere than when the URL was saved is checked again); redirects are not
 * followed (a 3xx is a failure), and the whole exchange is cut at 10 s.
 */
export async function sendSigned(p: { url: string; secret: string; messageId: string; body: string; allowPrivate: boolean }): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const now = new Date();
  const signature = new Webhook(p.secret).sign(p.messageId, now, p.body);
  const url = new URL(p.url);
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolvePublicAddress(hostname, p.allowPrivate).then(
      ({ address, family }) => {
        if (options.all) callback(null, [{ address, family }]);
        else callback(null, address, family);
      },
      (e: NodeJS.ErrnoException) => callback(e, "", 0),
    );
  };
  if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) {
    // Node connects to a literal address without calling `lookup`: ask the same question of it here.
    try {
      await resolvePublicAddress(url.hostname, p.allowPrivate);
    } catch (e) {
      return { status: null, latencyMs: latency(), excerpt: e instanceof Error ? e.message : String(e) };
    }
  }
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, latencyMs: latency() });
    };
    const req = (url.protocol === "https:" ? https : http).request(
      url,
      {
        method: "POST",
        lookup,
        headers: {
          "content-type": "application/json",
          "user-agent": "Roster-Webhooks/1",
          "webhook-id": p.messageId,
          "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
          "webhook-signature": signature,
        },
      },
      (res) => {
        let excerpt = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (excerpt.length < EXCERPT_CHARS) excerpt += chunk.slice(0, EXCERPT_CHARS - excerpt.length);
        });
        res.on("end", () => finish({ status: res.statusCode ?? null, excerpt }));
        res.on("error", (e) => finish({ status: res.statusCode ?? null, excerpt: excerpt || e.message }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    req.on("error", (e) => finish({ status: null, excerpt: e.message.slice(0, EXCERPT_CHARS) }));
    req.end(p.body);
  });
}
