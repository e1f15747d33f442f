/**
 * Shared by the usage and telemetry connectors: an exact JSON reader with line
 * numbers, typed field access with JSON-path errors, and staging of rows built
 * in JavaScript through the same column plans as every other importer.
 */
export { JsonNum, isObject, parseJson, parseJsonOrLines } from './json.ts';
export type { Json, JsonObject, ParsedJson } from './json.ts';
export { JsonDoc, MAX_COUNT, isoUtc } from './fields.ts';
export { stageRows, tagsJson } from './stage.ts';
export type { BuiltRow, CellValue, RowValues } from './stage.ts';
export { readJsonDoc, readProbeText } from './read.ts';
export { csvRecords } from './csv-records.ts';
export { fetchPages, savedPageCursor, secretFromEnv } from './paged.ts';
export type { PagedFetch } from './paged.ts';
