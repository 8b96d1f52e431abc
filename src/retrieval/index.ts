export { aboutness, offTopicLevel } from './aboutness.js';
export { searchHybrid } from './hybrid.js';
export type { RetrievalMode, RetrievalOptions, RetrievalResult, RetrievedPassage } from './hybrid.js';
export { passageFilter } from './passage-filter.js';
export { passageReference } from './passage-reference.js';
export type { PassageReference } from './passage-reference.js';
