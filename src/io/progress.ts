import type { OutStream } from '../world.js';

export interface Progress {
  tick(count?: number): void;
  /** Clears the bar; it draws no more after. */
  done(): void;
}

const silent: Progress = { tick: () => undefined, done: () => undefined };

/** A one-line bar on a terminal's stderr; nothing at all in a pipe or a log. */
export function progressBar(stream: OutStream, total: number, label: string, quiet: boolean): Progress {
  if (!stream.isTTY || quiet || total === 0) return silent;
  let current = 0;
  let drawn = -1;
  let finished = false;
  // One line, whatever the terminal's width: a line past its edge would be begun again below at
  // each redraw (\r goes back to the start of the last row only).
  const room = (stream.columns || 80) - 1 - label.length - ` [] ${total}/${total}`.length;
  const width = Math.max(5, Math.min(30, room));
  const draw = () => {
    const filled = Math.round((current / total) * width);
    if (filled === drawn && current !== total) return;
    drawn = filled;
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${current}/${total}`);
  };
  draw();
  return {
    tick(count = 1) {
      // Once done (or stopped by Ctrl-C), the bar is gone: a late tick must not draw it again.
      if (finished) return;
      current = Math.min(total, current + count);
      draw();
    },
    done() {
      if (finished) return;
      finished = true;
      stream.write('\r\x1b[2K');
    },
  };
}
