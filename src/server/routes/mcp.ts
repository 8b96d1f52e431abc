import { Router } from 'express';
import type { Engine } from '../../engine.js';

/** The MCP SDK is loaded at the first MCP request, not at every start (about 0.2 s). */
const loadMcp = () => Promise.all([import('@modelcontextprotocol/sdk/server/streamableHttp.js'), import('../../mcp/mcp-server.js')]);

/**
 * POST /mcp: the MCP server over Streamable HTTP, stateless (a server and a transport per request,
 * as the SDK recommends when no session state is kept). GET and DELETE, used for sessions, are 405.
 */
export function mcpRoute(engine: Engine): Router {
  const router = Router();
  router.post('/mcp', async (request, response) => {
    const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await loadMcp();
    const server = createMcpServer(engine);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  });
  router.all('/mcp', (_request, response) => {
    response.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'this MCP endpoint is stateless: send JSON-RPC messages with POST' }, id: null });
  });
  return router;
}
