/**
 * The Console's cost export names models as people read them ("Claude Sonnet
 * 4", "Claude Opus 4.1", "Claude 3.5 Haiku"), the usage export and the Admin
 * API by id ("claude-sonnet-4-20250514"). A display name becomes the
 * catalogue's id when exactly one model answers to it, so cost rows and usage
 * rows share x_Model; anything else is kept as written.
 *
 * Anthropic's ids put the family first from Claude 4 on (claude-opus-4-1-…)
 * and the version first before (claude-3-5-haiku-…); the Console has written
 * both orders ("Claude 3.5 Haiku", "Claude Haiku 3.5"), so both are tried.
 * An id may carry a snapshot date (-YYYYMMDD); two dated snapshots of one
 * name ("Claude 3.5 Sonnet": 20240620 and 20241022) are ambiguous.
 */
import { tokenPrices } from '../../pricing/index.ts';

const DISPLAY = /^claude\s+(?:(opus|sonnet|haiku)\s+(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s+(opus|sonnet|haiku))$/i;

let ids: readonly string[] | undefined;

/** The catalogue id a Console display name stands for, or the name as written. */
export function anthropicModelId(name: string): string {
  const m = DISPLAY.exec(name.trim().replace(/\s+/g, ' '));
  if (!m) return name;
  const family = (m[1] ?? m[4] ?? '').toLowerCase();
  const version = (m[2] ?? m[3] ?? '').replace('.', '-');
  const bases = new Set([`claude-${family}-${version}`, `claude-${version}-${family}`]);
  ids ??= [...new Set(tokenPrices().filter((p) => p.provider === 'anthropic').map((p) => p.model))];
  const hits = ids.filter((id) => {
    const dated = /^(.*)-\d{8}$/.exec(id);
    return bases.has(dated ? dated[1] ?? '' : id);
  });
  const dated = hits.filter((id) => /-\d{8}$/.test(id));
  // Usage reports name the dated snapshot; an undated id stands alone only where no snapshot exists.
  if (dated.length === 1) return dated[0] ?? name;
  return dated.length === 0 && hits.length === 1 ? hits[0] ?? name : name;
}
