/**
 * A CSV whose records change line end partway (CRLF header and rows, then a
 * row ending in LF, as when rows are appended by another tool) is refused
 * naming the file and the first such line; line breaks inside quoted cells
 * are not record ends and do not count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ingest } from './index.ts';
import { findMixedLineEnd, lineEndScanner } from './line-ends.ts';
import { isGzip, isGzipFile } from './gzip-check.ts';
import { assertBadRowRefused, FOCUS_MIN_HEADER, focusRow, tempDir } from '../../test/helpers.ts';
import { withStore } from '../../test/refusal.ts';

const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');

test('line-end scanner: the first record ending differently from the header, counted in physical lines', () => {
  assert.deepEqual(lineEndScanner().push(enc('a,b\r\n1,2\r\n3,4\n5,6\r\n')), { line: 3, found: 'LF', header: 'CRLF' });
  assert.deepEqual(lineEndScanner().push(enc('a,b\n1,2\r\n')), { line: 2, found: 'CRLF', header: 'LF' });
  // A quoted cell with an LF inside a CRLF file (Excel writes these) is not a record end; line 4 is.
  assert.deepEqual(lineEndScanner().push(enc('a,b\r\n"x\ny",2\r\n3,4\n')), { line: 4, found: 'LF', header: 'CRLF' });
  assert.equal(lineEndScanner().push(enc('a,b\r\n"x\ny",2\r\n"q""r",4\r\n')), undefined);
});

test('line-end scanner: a CR and its LF in different chunks are still one CRLF', () => {
  const s = lineEndScanner();
  assert.equal(s.push(enc('a,b\r\n1,2\r')), undefined);
  assert.equal(s.push(enc('\n3,4\r\n')), undefined);
  assert.deepEqual(s.push(enc('5,6\n')), { line: 4, found: 'LF', header: 'CRLF' });
});

test('a FOCUS file with mixed line ends is refused naming its file and line; nothing is stored', async () => {
  await withStore(async (store, dir) => {
    const cells = (r: Record<string, string | null | undefined>) => FOCUS_MIN_HEADER.map((h) => r[h] ?? '').join(',');
    const rows = [1, 2, 3].map((i) => cells(focusRow({ BilledCost: String(i), EffectiveCost: String(i) })));
    const path = join(dir, 'mixed.csv');
    writeFileSync(path, `${FOCUS_MIN_HEADER.join(',')}\r\n${rows[0]}\r\n${rows[1]}\r\n${rows[2]}\n`);
    await assertBadRowRefused(store, ingest(store, [path]), { file: path, line: 4, field: '(row)' });
  });
});

test('gzip is decided by the magic bytes 1f 8b alone, not the name', async () => {
  assert.equal(isGzip(Uint8Array.of(0x1f, 0x8b, 0x08)), true);
  assert.equal(isGzip(Uint8Array.of(0x1f)), false, 'one byte is not enough');
  assert.equal(isGzip(Buffer.from('PAR1')), false);
  assert.equal(isGzip(Uint8Array.of(0x8b, 0x1f)), false);
  const { dir, cleanup } = tempDir();
  try {
    const named = join(dir, 'plain.csv.gz');
    writeFileSync(named, 'a,b\n');
    assert.equal(await isGzipFile(named), false, 'a .gz name over plain text');
    const unnamed = join(dir, 'packed.csv');
    writeFileSync(unnamed, gzipSync('a,b\n'));
    assert.equal(await isGzipFile(unnamed), true, 'gzip bytes under a .csv name');
  } finally {
    cleanup();
  }
});

test('the line-end scan reads a gzip file through its decompressed text (line 3 here), whatever its name', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'mixed.csv');
    writeFileSync(path, gzipSync('a,b\r\n1,2\r\n3,4\n5,6\r\n'));
    assert.deepEqual(await findMixedLineEnd(path), { line: 3, found: 'LF', header: 'CRLF' });
    writeFileSync(path, 'a,b\n1,2\n');
    assert.equal(await findMixedLineEnd(path), undefined);
  } finally {
    cleanup();
  }
});
