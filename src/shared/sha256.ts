import { createHash } from 'node:crypto';

/** The sha256 of bytes or text, as 64 hexadecimal digits. */
export function sha256Hex(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
