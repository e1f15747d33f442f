/**
 * JSON bodies at the edge: nesting deep enough to overflow validation's stack
 * is a 400 naming body (it was a 500), brackets inside strings are not
 * nesting, and a body of the wrong type names `body`, not "body field".
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverFixture } from './testing/fixture.ts';

let fx: Awaited<ReturnType<typeof serverFixture>>;
before(async () => { fx = await serverFixture(); });
after(async () => { await fx.close(); });

const put = (key: string, body: string) => fx.call(`/api/v1/settings/${key}`, fx.tokens.admin, { method: 'PUT', body, headers: { 'content-type': 'application/json' } });

async function problem(res: Response): Promise<[number, string, string | undefined]> {
  const p = (await res.json()) as { code: string; details?: { field?: string } };
  return [res.status, p.code, p.details?.field];
}

test('a value nested 5000 deep is a 400 naming body and stores nothing', async () => {
  const res = await put('deep.value', `{"value":${'['.repeat(5000)}${']'.repeat(5000)}}`);
  assert.deepEqual(await problem(res), [400, 'INPUT_INVALID', 'body']);
  assert.equal(await fx.meta.getSetting('deep.value'), null);
});

test('nesting within the limit, and brackets inside strings, are accepted', async () => {
  const nested = `${'['.repeat(60)}1${']'.repeat(60)}`;
  assert.equal((await put('nested.value', `{"value":${nested}}`)).status, 200);
  assert.equal(await fx.meta.getSetting('nested.value'), nested);
  const text = JSON.stringify({ value: `${'['.repeat(500)}\\"{` });
  assert.equal((await put('text.value', text)).status, 200);
  assert.equal(JSON.parse((await fx.meta.getSetting('text.value')) ?? 'null'), `${'['.repeat(500)}\\"{`);
});

test('a body that is not an object names body', async () => {
  for (const body of ['"a string"', 'null', '[1]']) {
    assert.deepEqual(await problem(await put('x.y', body)), [400, 'INPUT_INVALID', 'body'], body);
  }
});
