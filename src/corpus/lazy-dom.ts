import { createRequire } from 'node:module';

/**
 * jsdom and Readability, loaded the first time a page is read: importing jsdom costs about a
 * second, and a start where no article changed reads no page. Both are CommonJS, so a synchronous
 * require keeps the readers synchronous.
 */
const require = createRequire(import.meta.url);
let jsdom: typeof import('jsdom') | null = null;
let readability: typeof import('@mozilla/readability') | null = null;

export function loadJsdom(): typeof import('jsdom') {
  return (jsdom ??= require('jsdom') as typeof import('jsdom'));
}

export function loadReadability(): typeof import('@mozilla/readability') {
  return (readability ??= require('@mozilla/readability') as typeof import('@mozilla/readability'));
}
