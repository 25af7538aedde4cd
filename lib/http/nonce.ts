import { headers } from "next/headers";

/** This request's CSP nonce (set by proxy.ts), for the rare inline <script> a page needs. */
export async function cspNonce(): Promise<string | undefined> {
  return (await headers()).get("x-nonce") ?? undefined;
}
