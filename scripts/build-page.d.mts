export declare const PAGE_SOURCE_DIR: string;
export declare const PAGE_BUNDLE: string;
export declare const PAGE_BUDGET_BYTES: number;
export declare function pageBundleIsStale(): boolean;
/** Bundles page/ into web/app.js; resolves to its size in bytes, rejects when over the budget. */
export declare function buildPage(): Promise<number>;
