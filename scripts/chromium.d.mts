// Types for chromium.mjs (plain JavaScript so that the bench runs it as is).
export declare const CHROMIUM_ARGS: string[];
export declare const CHROMIUM_EXECUTABLE: string;
