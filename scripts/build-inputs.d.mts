// Types of build-inputs.mjs for the TypeScript that imports it (its tests).
export type TBuildRecord = { inputs: string; buildId: string };
export function buildInputFiles(root: string, dir?: string): string[];
export function buildInputsHash(root: string, options?: { env?: Record<string, string | undefined>; nodeVersion?: string }): string;
export function isBuildCurrent(record: TBuildRecord | undefined, inputs: string, buildId: string | undefined): boolean;
