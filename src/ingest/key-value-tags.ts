/**
 * Tags written as a list of key/value objects instead of one JSON object.
 * Google's FOCUS export builds Tags from labels as
 * `[{"key": "team", "value": "research", "x_inherited": false, …}]`, and
 * a Parquet LIST of such STRUCTs reads as that JSON text. FOCUS asks for a
 * key/value object, so the list is turned into one (the first occurrence of
 * a key wins: a resource's own label comes before the one it inherits).
 */

/** SQL: the JSON object text for a key/value list in `src`; any other text unchanged. */
export function keyValueListAsObject(src: string): string {
  // Every JSON function reads NULL instead of text that is not JSON, so no
  // evaluation order can make one raise on a malformed cell.
  const j = `(CASE WHEN starts_with(ltrim(${src}), '[') AND json_valid(${src}) THEN ${src} END)`;
  const keys = `json_extract_string(${j}, '$[*].key')`;
  const firsts = `list_filter(range(1, len(${keys}) + 1), i -> list_position(${keys}, ${keys}[i]) = i)`;
  const pair = `to_json(${keys}[i]) || ':' || coalesce(to_json(json_extract_string(${j}, '$[' || (i - 1) || '].value')), 'null')`;
  // The first test is all an object (or NULL) costs: CASE tries later branches only on the rows left.
  return `CASE WHEN ${src} IS NULL OR NOT starts_with(ltrim(${src}), '[') THEN ${src}
    WHEN json_array_length(${j}) = len(${keys}) THEN '{' || array_to_string(list_transform(${firsts}, i -> ${pair}), ',') || '}' ELSE ${src} END`;
}
