import type { Answerer } from './answerer.js';
import { answerExtractively } from './extractive-answerer.js';

/** The extractive answerer behind the Answerer interface. */
export const extractiveAnswerer: Answerer = {
  kind: 'extractive',
  answer: (input) => answerExtractively(input),
};
