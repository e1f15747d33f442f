/**
 * A progress bar on stderr when it is a terminal; nothing otherwise, so logs
 * and pipes stay clean.
 */
export interface Progress {
  update(fraction: number, label?: string): void;
  done(): void;
}

const WIDTH = 30;

export function progressBar(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || process.env.CI) return { update: () => undefined, done: () => undefined };
  let last = -1;
  const started = Date.now();
  return {
    update(fraction, label) {
      const f = Math.max(0, Math.min(1, fraction));
      const pct = Math.floor(f * 100);
      if (pct === last && !label) return;
      last = pct;
      const filled = Math.round(f * WIDTH);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`\r${title} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(pct).padStart(3)}% ${secs}s ${label ?? ''}\x1b[K`);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
