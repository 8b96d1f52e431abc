import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export interface LoopbackSite {
  url: string;
  /** Requests received, as "METHOD /path?query". */
  requests: string[];
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 serving the given routes (by path), 404 for the rest. */
export async function startLoopbackSite(routes: Record<string, Route>): Promise<LoopbackSite> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const route = routes[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (route) route(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const send =
  (contentType: string, body: string | Buffer, headers: Record<string, string> = {}): Route =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, ...headers }).end(body);
  };
