import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

/**
 * Where Roster refuses to send webhooks: a customer-chosen URL must not reach
 * Roster's own machine or network (SSRF). Checked when an endpoint is saved
 * (a literal address or "localhost") and again at send time on the addresses
 * the name resolves to, which is the address connected to (lib/webhook-delivery/send.ts).
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

class PrivateTargetError extends Error {
  override name = "PrivateTargetError";
}

export const privateTargetsAllowed = () => env().WEBHOOKS_ALLOW_PRIVATE_TARGETS === "1";

/** Loopback, link-local, private, shared, multicast or unspecified (IPv4-mapped IPv6 included). */
function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true;
}

const PRIVATE_TARGET_MESSAGE =
  "Webhooks cannot be sent to loopback, link-local or private network addresses. Use a public URL.";

/** The URL's problem for an admin to fix, or null. Only what can be told without resolving the name. */
export function endpointUrlProblem(raw: string, allowPrivate = privateTargetsAllowed()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://hooks.example.com/roster.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https:// (or http://).";
  if (url.username || url.password) return "Leave credentials out of the URL: Roster signs every request instead.";
  if (raw.length > 2000) return "The URL is too long (2,000 characters at most).";
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || (isIP(host) && isPrivateAddress(host))) return PRIVATE_TARGET_MESSAGE;
  return null;
}

/** Resolves the host and refuses it if any address is private: the check made at send time. */
export async function resolvePublicAddress(hostname: string, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const host = hostname.replace(/^\[|\]$/g, "");
  const all = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  if (all.length === 0) throw new Error(`${host} does not resolve`);
  if (!allowPrivate && all.some((a) => isPrivateAddress(a.address))) throw new PrivateTargetError(PRIVATE_TARGET_MESSAGE);
  return all[0]!;
}
