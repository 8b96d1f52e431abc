import pino, { type Logger } from 'pino';
import type { AppConfig } from './config.js';

/** JSON logs on standard output (pino), at the LOG_LEVEL setting. */
export function createLogger(level: AppConfig['logLevel']): Logger {
  return pino({ level, base: undefined });
}
