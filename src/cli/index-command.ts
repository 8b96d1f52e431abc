import type { AppConfig } from '../config.js';
import { openEngineWithProgress } from './open-engine-with-progress.js';

export async function indexCommand(config: AppConfig, options: { force?: boolean }): Promise<void> {
  await openEngineWithProgress(config, options.force ?? false);
}
