/**
 * CUR 2.0 CSV that went through Athena (or any Hive-style writer) carries its
 * map columns (`resource_tags`, `tags`, `cost_category`, `product`) as Hive
 * prints a map, `{user:team=search, user:env=prod}`, not as JSON. This turns
 * that text into the JSON object the rest of the importer reads; JSON and
 * anything else pass through unchanged (so non-maps are still refused).
 *
 * Entries are split at `, ` followed by a key and `=`: AWS tag keys and values
 * hold no commas, and a product value that does ("Amazon Elastic Compute
 * Cloud, Linux") stays whole because no `=` follows its comma. A key ends at
 * its first `=`; the rest of the entry, `=` included, is the value.
 */
import type { ProbedColumn } from '../probe.ts';
import { ident } from '../sql.ts';

/** SQL: `x` (VARCHAR) as JSON text when it is a Hive map, else `x`. */
function hiveMapAsJson(x: string): string {
  const inner = `regexp_extract(${x}, '^\\s*\\{(.*)\\}\\s*$', 1)`;
  const entries = `string_split(regexp_replace(${inner}, ',\\s*([^,={}]+)=', chr(1) || '\\1=', 'g'), chr(1))`;
  const pair = `to_json(e[:strpos(e, '=') - 1])::VARCHAR || ':' || to_json(e[strpos(e, '=') + 1:])::VARCHAR`;
  const json = `'{' || array_to_string(list_transform(${entries}, e -> ${pair}), ',') || '}'`;
  // Hive: braces, a first key that is not a JSON string, and `=` in every entry.
  const hive = `regexp_full_match(${x}, '\\s*\\{\\s*[^"\\s}][^=]*=.*\\}\\s*', 's') AND list_bool_and(list_transform(${entries}, e -> strpos(e, '=') > 1))`;
  return `CASE WHEN ${hive} THEN ${json} ELSE ${x} END`;
}

const MAP_COLUMNS = new Set(['resource_tags', 'tags', 'cost_category', 'product']);

/** The bill stage with every text map column read as JSON, so the mapping sees one form. */
export function withHiveMaps(stage: string, columns: readonly ProbedColumn[]): string {
  const maps = columns.filter((c) => c.type === 'VARCHAR' && MAP_COLUMNS.has(c.name.toLowerCase()));
  if (maps.length === 0) return stage;
  return `SELECT * REPLACE (${maps.map((c) => `${hiveMapAsJson(ident(c.raw))} AS ${ident(c.raw)}`).join(', ')}) FROM (${stage})`;
}
