/** Debian package → a file that proves it is installed (the one list npm test and .ci/run share). */
export declare const systemPackages: Record<string, string>;
export declare function missingPackages(): string[];
export declare function ensureSystemPackages(): boolean;
