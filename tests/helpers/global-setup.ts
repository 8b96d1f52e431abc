import type { TestProject } from 'vitest/node';
import { buildPage, pageBundleIsStale } from '../../scripts/build-page.mjs';
import { testDatabaseUrl } from './postgres.js';

/** The page the browser tests load is bundled from page/ first; the PostgreSQL server the store tests use is started. */
export default async function setup(project: TestProject): Promise<void> {
  if (pageBundleIsStale()) await buildPage();
  project.provide('databaseUrl', await testDatabaseUrl());
}
