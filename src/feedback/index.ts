export { FEEDBACK_FILE, FeedbackFullError, appendFeedback, summariseFeedback } from './feedback-store.js';
