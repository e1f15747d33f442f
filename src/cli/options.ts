/**
 * Option parsers shared by the commands, so a flag means the same thing and
 * fails with the same message everywhere.
 */
import { OutlayError } from '../core/index.ts';

/** "a, b,,c" → ["a", "b", "c"]; undefined → []. */
export const commaList = (s: string | undefined): string[] => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** A commander argParser for --<name> that must be a whole number ≥ 1 (≥ 0 with `min` 0). */
export function positiveInt(name: string, min: 0 | 1 = 1): (v: string) => number {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < min) {
      throw new OutlayError('INPUT_INVALID', `--${name} must be a ${min === 0 ? 'non-negative' : 'positive'} integer, got "${v}"`, { field: name, value: v });
    }
    return n;
  };
}
