import http from "node:http";
import type { AddressInfo } from "node:net";

interface Received {
  headers: Record<string, string>;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** A real HTTP receiver on an ephemeral loopback port: records every request; `failNext(n)` answers 500 n times. */
export async function startReceiver() {
  const received: Received[] = [];
  let failures = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      if (failures > 0) {
        failures--;
        res.writeHead(500, { "content-type": "text/plain" }).end("receiver down for maintenance ".repeat(40));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
      received.push({ headers, body, json: JSON.parse(body) as Received["json"] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    failNext(n: number) {
      failures = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
