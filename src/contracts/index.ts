export { LIMITS, MAX_QUESTION_LENGTH } from './limits.js';
export * from './requests.js';
export * from './responses.js';
