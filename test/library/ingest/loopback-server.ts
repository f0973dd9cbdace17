/**
 * A real HTTP server on loopback (port 0) for fetch tests. Routes are plain node:http handlers; the
 * server counts requests per path so tests can prove a refused URL was never requested.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface LoopbackServer {
  /** Base URL such as "http://127.0.0.1:41234". */
  origin: string;
  port: number;
  url(path: string, host?: string): string;
  /** How many requests each path has received. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startServer(
  routes: Record<string, Route>,
  host = "127.0.0.1",
): Promise<LoopbackServer> {
  const hits = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes[path];
    if (route) {
      route(request, response);
    } else {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    port,
    hits,
    url: (path, urlHost = host) => `http://${urlHost}:${port}${path}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function send(
  status: number,
  headers: Record<string, string | number>,
  body: string | Buffer = "",
): Route {
  return (_request, response) => {
    response.writeHead(status, headers).end(body);
  };
}

export function redirect(location: string, status = 302): Route {
  return send(status, { location });
}
