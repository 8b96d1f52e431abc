import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { FetchLimits } from '../config.js';

/**
 * Why a fetch was refused or failed, said so that the user knows what to do. `permanent`: asking
 * again will not help (refused address, 4xx, wrong media type, too large); otherwise it may.
 */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly permanent = true,
  ) {
    super(message);
  }
}

export interface FetchedResource {
  /** The address the content came from, after redirects. */
  url: string;
  /** The media type without parameters ("text/html"). */
  contentType: string;
  /** The charset the server declared, if any. */
  charset: string | null;
  body: Buffer;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchOptions {
  /** Media types accepted ("text/html", "application/pdf"); anything else is refused. */
  accept: readonly string[];
  /** Conditional request: the validators of the copy already held (feeds). */
  ifNoneMatch?: string | null;
  ifModifiedSince?: string | null;
}

const USER_AGENT = 'french-news-qa/0.1 (question answering over French news; see its README)';

/** Addresses a page on the web never needs: loopback, private networks, link-local, multicast, reserved. */
const PRIVATE_ADDRESSES = new net.BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE_ADDRESSES.addSubnet(network, prefix, 'ipv4');
}
// Also NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16), IPv4-compatible (::/96) and site-local
// (fec0::/10) prefixes: each can carry or reach a private IPv4 address.
for (const [network, prefix] of [['::', 96], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['2002::', 16]] as const) {
  PRIVATE_ADDRESSES.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address)?.[1];
  if (mapped) return PRIVATE_ADDRESSES.check(mapped, 'ipv4');
  return PRIVATE_ADDRESSES.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/**
 * GET with bounds: http(s) only, at most `maxRedirects` redirects (each checked again), at most
 * `maxBytes` of body, `timeoutMs` in all, only the accepted media types, and (unless allowed) never
 * a private or loopback address: the check runs in the socket's own DNS lookup, so a name cannot
 * resolve to a public address when checked and a private one when connected. Resolves null when a
 * conditional request finds the copy unchanged (304).
 */
export async function fetchBounded(address: string, limits: FetchLimits, options: FetchOptions): Promise<FetchedResource | null> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = webUrl(address);
  for (let redirects = 0; ; redirects += 1) {
    const response = await requestOnce(url, limits, options, signal);
    if (response.redirect !== null) {
      if (redirects >= limits.maxRedirects) throw new FetchError(`${address}: more than ${limits.maxRedirects} redirects (FETCH_MAX_REDIRECTS)`);
      url = webUrl(new URL(response.redirect, url).href);
      continue;
    }
    return response.resource;
  }
}

function webUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchError(`"${address}" is not a web address: give an http:// or https:// URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`${address}: only http:// and https:// addresses can be fetched`);
  if (url.username || url.password) throw new FetchError(`${address}: addresses with a user name or password are not fetched`);
  return url;
}

interface OneResponse {
  redirect: string | null;
  resource: FetchedResource | null;
}

function requestOnce(url: URL, limits: FetchLimits, options: FetchOptions, signal: AbortSignal): Promise<OneResponse> {
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  if (net.isIP(host) && !limits.allowPrivateAddresses && isPrivateAddress(host)) {
    return Promise.reject(privateAddressError(url.href, host));
  }
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: options.accept.join(', ') + ', */*;q=0.1' };
  if (options.ifNoneMatch) headers['if-none-match'] = options.ifNoneMatch;
  if (options.ifModifiedSince) headers['if-modified-since'] = options.ifModifiedSince;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<OneResponse>((resolve, reject) => {
    const request = client.get(url, { headers, signal, lookup: guardedLookup(url.href, limits.allowPrivateAddresses) }, (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && status !== 304 && location) {
        response.resume();
        resolve({ redirect: location, resource: null });
        return;
      }
      if (status === 304) {
        response.resume();
        resolve({ redirect: null, resource: null });
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        reject(new FetchError(`${url.href} answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`, !(status >= 500 || status === 429)));
        return;
      }
      const [mediaType = '', ...parameters] = (response.headers['content-type'] ?? '').split(';').map((part) => part.trim());
      const contentType = mediaType.toLowerCase();
      if (!options.accept.includes(contentType)) {
        response.destroy();
        reject(new FetchError(`${url.href} is ${contentType || 'of no declared type'}, not one of ${options.accept.join(', ')}`));
        return;
      }
      const declaredLength = Number(response.headers['content-length'] ?? NaN);
      if (declaredLength > limits.maxBytes) {
        response.destroy();
        reject(tooLarge(url.href, limits.maxBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBytes) {
          response.destroy();
          reject(tooLarge(url.href, limits.maxBytes));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => reject(networkError(url.href, error, limits)));
      response.on('end', () => {
        const charset = parameters.find((part) => /^charset=/iu.test(part))?.slice('charset='.length).replace(/"/gu, '').toLowerCase() ?? null;
        resolve({
          redirect: null,
          resource: {
            url: url.href,
            contentType,
            charset,
            body: Buffer.concat(chunks),
            etag: headerValue(response.headers.etag),
            lastModified: headerValue(response.headers['last-modified']),
          },
        });
      });
    });
    request.on('error', (error) => reject(error instanceof FetchError ? error : networkError(url.href, error, limits)));
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function guardedLookup(href: string, allowPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = allowPrivate ? undefined : addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(privateAddressError(href, refused.address), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      return callback(null, first.address, first.family);
    });
  };
}

function privateAddressError(href: string, address: string): FetchError {
  return new FetchError(`${href} leads to ${address}, a private or loopback address: refused (set FETCH_ALLOW_PRIVATE=true to fetch from your own network)`);
}

function tooLarge(href: string, maxBytes: number): FetchError {
  return new FetchError(`${href} is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MB (FETCH_MAX_BYTES)`);
}

function networkError(href: string, error: Error, limits: FetchLimits): FetchError {
  if (error instanceof FetchError) return error;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return new FetchError(`${href} did not answer within ${limits.timeoutMs} ms (FETCH_TIMEOUT_MS)`, false);
  const code = (error as NodeJS.ErrnoException).code;
  return new FetchError(`${href} could not be fetched (${code ?? error.message})`, false);
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
