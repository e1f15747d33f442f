/**
 * GPU names as drivers, DCGM and bills write them map to one catalogue name.
 * The device strings are the ones real captures carry (nvidia-smi
 * product names, DCGM modelName labels, GCP GPU SKU descriptions); the
 * expected names are the catalogue's own gpu_model spellings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { catalogueGpuModel, catalogueGpuModelSql, gpuFormFactor, gpuModelName } from './gpu-models.ts';
import { gpuInstancePrices } from './gpu-instances.ts';

const CASES: readonly (readonly [string, string | null])[] = [
  ['NVIDIA H100 80GB HBM3', 'NVIDIA H100'], ['NVIDIA H100 PCIe', 'NVIDIA H100'], ['NVIDIA H100 NVL', 'NVIDIA H100'],
  ['NVIDIA H200', 'NVIDIA H200'], ['NVIDIA H200 NVL', 'NVIDIA H200'], ['NVIDIA GH200 480GB', 'NVIDIA GH200'],
  ['NVIDIA B200', 'NVIDIA B200'], ['NVIDIA GB200', 'NVIDIA GB200'],
  ['NVIDIA A100-SXM4-80GB', 'NVIDIA A100 80GB'], ['NVIDIA A100 80GB PCIe', 'NVIDIA A100 80GB'],
  ['NVIDIA A100-SXM4-40GB', 'NVIDIA A100 40GB'], ['NVIDIA A100-PCIE-40GB', 'NVIDIA A100 40GB'],
  ['NVIDIA A10G', 'NVIDIA A10G'], ['NVIDIA A10', 'NVIDIA A10'], ['NVIDIA A30', 'NVIDIA A30'],
  ['NVIDIA L40S', 'NVIDIA L40S'], ['NVIDIA L40', 'NVIDIA L40'], ['NVIDIA L4', 'NVIDIA L4'], ['Tesla T4', 'NVIDIA T4'],
  ['Tesla V100-SXM2-16GB', 'NVIDIA V100 16GB'], ['Tesla V100-SXM2-32GB', 'NVIDIA V100 32GB'], ['Tesla V100S-PCIE-32GB', 'NVIDIA V100 32GB'],
  ['Nvidia Tesla A100 GPU running in Americas', 'NVIDIA A100 40GB'], ['Nvidia A100 80GB GPU running in Americas', 'NVIDIA A100 80GB'],
  ['Nvidia H100 80GB GPU running in Americas', 'NVIDIA H100'], ['Nvidia L4 GPU running in EMEA', 'NVIDIA L4'],
  ['Nvidia Tesla P100 GPU running in Americas', 'NVIDIA P100'], ['Nvidia Tesla P4 GPU running in Americas', 'NVIDIA P4'],
  ['NVIDIA GeForce RTX 2080 SUPER', null], ['NVIDIA RTX A4000', null], ['NVIDIA RTX A1000', null], ['', null],
];

test('driver, DCGM and SKU spellings map to the catalogue name, memory kept where the catalogue prices it apart', () => {
  for (const [raw, want] of CASES) assert.equal(catalogueGpuModel(raw), want, raw);
});

test('every catalogue GPU model maps to itself', () => {
  for (const m of new Set(gpuInstancePrices().map((e) => e.gpuModel).filter((m) => m.startsWith('NVIDIA')))) assert.equal(catalogueGpuModel(m), m);
});

test('a name that matches no model is kept as written; blank is null', () => {
  assert.equal(gpuModelName(' NVIDIA GeForce RTX 2080 SUPER '), 'NVIDIA GeForce RTX 2080 SUPER');
  assert.equal(gpuModelName('NVIDIA H100 80GB HBM3'), 'NVIDIA H100');
  assert.equal(gpuModelName('  '), null);
  assert.equal(gpuModelName(null), null);
});

test('form factor from the device name', () => {
  assert.equal(gpuFormFactor('NVIDIA H100 PCIe'), 'PCIe');
  assert.equal(gpuFormFactor('NVIDIA A100-PCIE-40GB'), 'PCIe');
  assert.equal(gpuFormFactor('NVIDIA A100-SXM4-80GB'), 'SXM');
  assert.equal(gpuFormFactor('NVIDIA H200 NVL'), 'NVL');
  assert.equal(gpuFormFactor('NVIDIA H100 80GB HBM3'), null);
});

test('the DuckDB expression maps exactly as the JavaScript does', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const values = CASES.map(([raw], i) => `(${i}, '${raw.replace(/'/g, "''")}')`).join(', ');
    const r = await c.runAndReadAll(`SELECT i, ${catalogueGpuModelSql('name')} AS m FROM (VALUES ${values}) t(i, name) ORDER BY i`);
    assert.deepEqual(r.getRowObjectsJS().map((x) => x.m), CASES.map(([, want]) => want));
  } finally {
    c.closeSync();
  }
});
