/**
 * Option parsers shared by the commands, so a flag means the same thing and
 * fails with the same message everywhere.
 */
import { OutlayError } from '../core/index.ts';

/** "a, b,,c" → ["a", "b", "c"]; undefined → []. */
export const commaList = (s: string | undefined): string[] => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** A commander argParser for --<name> that must be a whole number ≥ 1. */
export function positiveInt(name: string): (v: string) => number {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new OutlayError('INPUT_INVALID', `--${name} must be a positive integer, got "${v}"`, { field: name, value: v });
    return n;
  };
}
