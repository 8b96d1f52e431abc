import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { presentedKey } from './api-access.js';

/**
 * Who is asking, for fairness and rate limits: the API key when keys are checked (API_KEYS) and
 * the request carries one (clients behind one NAT keep their own share), else the address (an
 * IPv6 /56 counts as one client, as express-rate-limit advises, since one host can hold a whole
 * prefix). Without API_KEYS a key is not checked, so it cannot name a client: a new made-up key on
 * each request would otherwise escape every limit.
 */
export function clientId(request: Request, keysChecked: boolean): string {
  const key = keysChecked ? presentedKey(request) : '';
  if (key !== '') return `key:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  return `ip:${ipKeyGenerator(request.ip ?? request.socket.remoteAddress ?? 'unknown')}`;
}
