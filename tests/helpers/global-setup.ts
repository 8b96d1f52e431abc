import { buildPage, pageBundleIsStale } from '../../scripts/build-page.mjs';

/** The page the browser tests load is bundled from page/ first, when it is older than its sources. */
export default async function setup(): Promise<void> {
  if (pageBundleIsStale()) await buildPage();
}
