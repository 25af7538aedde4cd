import http from "node:http";
import https from "node:https";

/**
 * The bench's HTTP client: node:http over keep-alive connections, one per
 * request in flight. The bench shares the machine's two cores with the server
 * and PostgreSQL, and global fetch spent about 2 ms of CPU per request there
 * (measured): a lighter client leaves the cores to what is being measured, as
 * an IdP on its own machine would.
 */
export interface HttpReply {
  status: number;
  text: string;
}

export function keepAliveClient(base: string, sockets: number) {
  const url = new URL(base);
  const lib = url.protocol === "https:" ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets: sockets });
  const prefix = url.pathname.replace(/\/+$/, "");
  return {
    request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpReply> {
      return new Promise((resolve, reject) => {
        const req = lib.request(
          { agent, method, protocol: url.protocol, hostname: url.hostname, port: url.port, path: `${prefix}${path}`, headers: body ? { ...headers, "Content-Length": String(Buffer.byteLength(body)) } : headers },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
