/**
 * Console display names → API model ids, as Anthropic's models overview pairs
 * them (written out here, not derived from the catalogue).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicModelId } from './model-names.ts';

test('display names map to the one model id they stand for; ambiguous and unknown names stay as written', () => {
  const expected: Record<string, string> = {
    'Claude Sonnet 4': 'claude-sonnet-4-20250514',
    'Claude Opus 4.1': 'claude-opus-4-1-20250805',
    'Claude Opus 4': 'claude-opus-4-20250514',
    'Claude 3.5 Haiku': 'claude-3-5-haiku-20241022',
    'Claude Haiku 3.5': 'claude-3-5-haiku-20241022',
    'claude  sonnet 4.5 ': 'claude-sonnet-4-5-20250929',
    'Claude Sonnet 3.7': 'claude-3-7-sonnet-20250219',
    'Claude 3 Opus': 'claude-3-opus-20240229',
    'Claude Opus 4.6': 'claude-opus-4-6',
    // two snapshots (20240620, 20241022): which one is unknowable
    'Claude 3.5 Sonnet': 'Claude 3.5 Sonnet',
    'Claude Instant 1.2': 'Claude Instant 1.2',
    'Claude Sonnet 4 (batch)': 'Claude Sonnet 4 (batch)',
    'claude-sonnet-4-20250514': 'claude-sonnet-4-20250514',
  };
  for (const [name, id] of Object.entries(expected)) assert.equal(anthropicModelId(name), id, name);
});
