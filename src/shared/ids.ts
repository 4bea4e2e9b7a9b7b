// Branded record ids: a ProjectId can never be passed where a JobId is expected, although both are
// plain strings on the wire and in SQLite.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ProjectId = Brand<string, 'ProjectId'>;
export type JobId = Brand<string, 'JobId'>;
export type BenchmarkRunId = Brand<string, 'BenchmarkRunId'>;
export type DocumentId = Brand<string, 'DocumentId'>;
export type AssetId = Brand<string, 'AssetId'>;
