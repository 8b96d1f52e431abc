import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { corpusListing } from '../corpus/index.js';

export interface CorpusWatcher {
  stop(): void;
}

/** Changes are gathered this long before one refresh: copying 100 files is one change. */
const SETTLE_MS = 300;
/** Where the file system cannot be watched (inotify limits, some network mounts), it is scanned this often. */
const SCAN_INTERVAL_MS = 10_000;

/** Editors' and downloaders' temporary files, and hidden files, are not articles: their changes are not changes. */
function isIgnored(name: string): boolean {
  const base = path.basename(name);
  // Inside a hidden folder (".git/…") too: the reader does not enter them.
  return name.split(/[\\/]/u).some((part) => part.startsWith('.')) || base.endsWith('~') || /\.(?:tmp|swp|part|crdownload)$/iu.test(base);
}

export interface CorpusChangeListener {
  /** A change was seen (at once, for each). */
  seen: () => void;
  /** The files changed and have stayed still for SETTLE_MS. */
  settled: () => void;
}

/**
 * Tells `listener` when the files of CORPUS_DIR or of its sub-folders change (added, modified,
 * removed, renamed). Uses the file system's notifications (fs.watch), and
 * falls back to scanning sizes and times every SCAN_INTERVAL_MS when they are not available.
 */
export function watchCorpus(corpusDir: string, listener: CorpusChangeListener, log: (line: string) => void): CorpusWatcher {
  let settle: NodeJS.Timeout | null = null;
  const changed = () => {
    listener.seen();
    if (settle) clearTimeout(settle);
    settle = setTimeout(() => {
      settle = null;
      listener.settled();
    }, SETTLE_MS);
  };
  let watcher: FSWatcher | null = null;
  let scanner: NodeJS.Timeout | null = null;
  const startScanning = () => {
    let previous: Promise<string> = snapshot(corpusDir);
    scanner = setInterval(() => {
      previous = previous.then(async (before) => {
        const now = await snapshot(corpusDir);
        if (now !== before) changed();
        return now;
      });
    }, SCAN_INTERVAL_MS);
    scanner.unref();
  };
  try {
    watcher = watch(corpusDir, { persistent: false, recursive: true }, (_event, name) => {
      if (name === null || !isIgnored(name.toString())) changed();
    });
    watcher.on('error', (error) => {
      log(`cannot watch ${corpusDir} any more (${error.message}): scanning it every ${SCAN_INTERVAL_MS / 1000} s instead`);
      watcher?.close();
      watcher = null;
      if (!scanner) startScanning();
    });
  } catch (error) {
    log(`cannot watch ${corpusDir} (${(error as Error).message}): scanning it every ${SCAN_INTERVAL_MS / 1000} s instead`);
    startScanning();
  }
  return {
    stop: () => {
      watcher?.close();
      if (scanner) clearInterval(scanner);
      if (settle) clearTimeout(settle);
    },
  };
}

/** The corpus listing the fast start compares (names, sizes, inodes, times), or '' when the folder cannot be read. */
function snapshot(corpusDir: string): Promise<string> {
  return corpusListing(corpusDir, {}).catch(() => '');
}
