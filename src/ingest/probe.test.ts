/**
 * The probe's one pass over a file: physical line counts (what the store
 * compares with the record count to decide whether quoted cells spanned
 * lines) and which Parquet types are nested.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isNestedType, probeFile } from './probe.ts';
import { readProbeText } from './row-stage/index.ts';
import { Scratch } from './scratch.ts';
import { tempDir } from '../../test/helpers.ts';

async function linesOf(name: string, body: string): Promise<number | undefined> {
  const t = tempDir();
  const scratch = await Scratch.open();
  try {
    const path = join(t.dir, name);
    writeFileSync(path, name.endsWith('.gz') ? gzipSync(body) : body);
    return (await probeFile(path, scratch)).physicalLines?.lines;
  } finally {
    scratch.close();
    t.cleanup();
  }
}

test('physical lines: a last line without a newline counts, CRLF counts once, quoted breaks count', async () => {
  assert.equal(await linesOf('a.csv', 'a,b\n1,2\n'), 2);
  assert.equal(await linesOf('b.csv', 'a,b\n1,2'), 2);
  assert.equal(await linesOf('c.csv', 'a,b\r\n1,"x\r\ny"\r\n3,4\r\n'), 4);
  assert.equal(await linesOf('d.csv.gz', 'a,b\n1,"x\ny"\n'), 3);
});

test('nested Parquet types are the ones rendered as JSON text', () => {
  for (const t of ['MAP(VARCHAR, VARCHAR)', 'STRUCT(key VARCHAR, "value" VARCHAR)[]', 'VARCHAR[]', 'INTEGER[3]', 'UNION(a INTEGER, b VARCHAR)']) assert.ok(isNestedType(t), t);
  for (const t of ['VARCHAR', 'DECIMAL(18,2)', 'TIMESTAMP WITH TIME ZONE', 'BIGINT', 'MAPPING']) assert.ok(!isNestedType(t), t);
});

test('a gzip JSON file is decompressed once: its text comes from the probe, not from a second read', async () => {
  const t = tempDir();
  const scratch = await Scratch.open();
  try {
    const path = join(t.dir, 'page.json.gz');
    const body = '{"object":"page","data":[{"n":1},{"n":2}]}\n';
    writeFileSync(path, gzipSync(`\uFEFF${body}`));
    const probe = await probeFile(path, scratch);
    // Replaced on disk after the probe: a second read would see the new text.
    writeFileSync(path, gzipSync('{"other":true}'));
    assert.equal(readProbeText(probe), body, 'the probed text, BOM removed');
    // Past the bound the probe keeps nothing, and the text is read from the file then.
    writeFileSync(path, gzipSync(body));
    const small = await probeFile(path, scratch, { keepGzipJsonBytes: body.length - 1 });
    assert.equal(small.text, undefined);
    writeFileSync(path, gzipSync('{"other":true}'));
    assert.equal(readProbeText(small), '{"other":true}');
    // Exactly at the bound it is kept; plain (not gzip) JSON is never kept.
    writeFileSync(path, gzipSync(body));
    assert.equal((await probeFile(path, scratch, { keepGzipJsonBytes: body.length })).text, body);
    const plain = join(t.dir, 'page.json');
    writeFileSync(plain, body);
    assert.equal((await probeFile(plain, scratch)).text, undefined);
  } finally {
    scratch.close();
    t.cleanup();
  }
});
