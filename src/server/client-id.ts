import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { presentedKey } from './api-access.js';

/**
 * Who is asking, for fairness and rate limits: the API key when the request carries one (clients
 * behind one NAT keep their own share), else the address (an IPv6 /56 counts as one client, as
 * express-rate-limit advises, since one host can hold a whole prefix).
 */
export function clientId(request: Request): string {
  const key = presentedKey(request);
  if (key !== '') return `key:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  return `ip:${ipKeyGenerator(request.ip ?? request.socket.remoteAddress ?? 'unknown')}`;
}
