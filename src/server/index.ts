export { createApp } from './app.js';
export { startServer } from './start-server.js';
