// The lab grader: pure (imports only the tenant core, zod/mini and @noble/hashes), shared by the
// browser's "Check my work" and the `pim-lab grade` CLI.
export * from './errors';
export * from './canonicalJson';
export * from './chain';
export * from './issues';
export * from './schemas/attemptFile';
export * from './schemas/labManifest';
export * from './attemptFile';
export * from './evidence';
export * from './primitives';
export * from './lab';
export * from './grade';
export * from './integrity';
export * from './solution';
export * from './reports/text';
export * from './reports/json';
export * from './reports/junit';

