/**
 * Reads a price overrides YAML file. Every problem is reported at once with
 * the file, the line and the field (`overrides[2].discountPct`), so a typo
 * never silently falls back to the catalogue price.
 */
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { OutlayError } from '../../core/index.ts';
import { canonicalTokenProvider } from '../llm-tokens.ts';
import { PriceOverridesSchema, type PriceOverrideRule } from './schema.ts';
import type { PriceOverride, PriceOverrides } from './types.ts';

type Path = readonly PropertyKey[];

/** The YAML node at a zod issue path, or the deepest ancestor that exists. */
function nodeAt(root: unknown, path: Path): Node | undefined {
  let node = root as Node | undefined;
  for (const key of path) {
    const next = isMap(node) || isSeq(node) ? (node.get(key as never, true) as Node | undefined) : undefined;
    if (next === undefined || next === null || typeof next !== 'object') break;
    node = next;
  }
  return node;
}

const dotted = (path: Path): string => path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') || '(top level)';

function invalid(file: string, problems: { line?: number; field: string; message: string }[]): OutlayError {
  const lines = problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.field}: ${p.message}`);
  const first = problems[0];
  return new OutlayError('CONFIG_INVALID', `invalid price overrides:\n  ${lines.join('\n  ')}`, { file, line: first?.line, field: first?.field });
}

/** Token providers as the catalogue spells them ("bedrock" → aws_bedrock), unless a wildcard. */
function canonical(r: PriceOverrideRule): PriceOverrideRule {
  if (!r.tokens || /[*?]/.test(r.tokens.provider)) return r;
  return { ...r, tokens: { ...r.tokens, provider: canonicalTokenProvider(r.tokens.provider) } };
}

/**
 * @example loadPriceOverrides('/etc/outlay/prices.yaml').rules[0].name // 'AWS EDP: 18 % off p5'
 */
export function loadPriceOverrides(file: string): PriceOverrides {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new OutlayError('CONFIG_INVALID', `price overrides file ${file} cannot be read: ${(e as Error).message}`, { file }, { cause: e });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw invalid(file, doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, field: '(yaml)', message: e.message.split('\n')[0] ?? e.message })));
  }
  const parsed = PriceOverridesSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw invalid(file, parsed.error.issues.map((i) => {
      const offset = nodeAt(doc.contents, i.path)?.range?.[0];
      return { line: offset === undefined ? undefined : lineCounter.linePos(offset).line, field: dotted(i.path), message: i.message };
    }));
  }
  const rules: PriceOverride[] = parsed.data.overrides.map((r, i) => {
    const offset = nodeAt(doc.contents, ['overrides', i])?.range?.[0];
    return { ...canonical(r), file, line: offset === undefined ? 0 : lineCounter.linePos(offset).line };
  });
  return { file, rules };
}
