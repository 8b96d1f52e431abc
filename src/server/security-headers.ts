import type { RequestHandler } from 'express';

/** The page loads only its own script and styles: text from articles or users can never run as script. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** The page needs none of the browser's powerful features: no page script can ask for them. */
const PERMISSIONS_POLICY = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'bluetooth', 'display-capture', 'interest-cohort']
  .map((feature) => `${feature}=()`)
  .join(', ');

export const securityHeaders: RequestHandler = (_request, response, next) => {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // CORS callers (CORS_ORIGINS) are not affected: this only stops other sites embedding responses.
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  // Answers depend on the index of the moment and may be private: no cache keeps them (the page's files override this).
  response.setHeader('Cache-Control', 'no-store');
  next();
};
