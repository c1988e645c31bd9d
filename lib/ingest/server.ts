// The entry for app code: the gazetteer reads GeoNames data from node_modules with node:fs, so the
// pipeline must never reach a client bundle. Scripts (eval, the ingest CLI) import pipeline.ts directly.
import 'server-only';

export { DEFAULT_MIN_CONFIDENCE, extract, PIPELINE_VERSION, type ArticleIn, type ExtractOptions, type ExtractResult } from './pipeline';
