import type { AppConfig } from '../config.js';
import type { Answerer } from './answerer.js';
import { extractiveAnswerer } from './extractive-answerer.js';

/** The answerer the settings ask for: generated through an LLM (its client loaded only then), or extractive. */
export async function answererFor(config: Pick<AppConfig, 'llm'>): Promise<Answerer> {
  return config.llm ? new (await import('./llm-answerer.js')).LlmAnswerer(config.llm, extractiveAnswerer) : extractiveAnswerer;
}
