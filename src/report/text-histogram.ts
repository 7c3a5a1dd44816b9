/**
 * A histogram as one line of block characters (a sparkline), for the terminal: each bin one
 * character, its height the bin's count relative to the largest (eight levels, U+2581..U+2588; an
 * empty bin is a space), between the lowest and the highest value.
 */
import type { Histogram } from '../metrics/histogram.js';

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** The bins as block characters: count c of the largest m is level ceil(8 c / m) (1..8); 0 is a space. */
export function sparkline(histogram: Histogram): string {
  const largest = Math.max(0, ...histogram.counts);
  if (largest === 0) return '';
  return histogram.counts.map((count) => (count === 0 ? ' ' : BLOCKS[Math.ceil((BLOCKS.length * count) / largest) - 1])).join('');
}

/** Lines wrapped at spaces to `width` columns, continuation lines indented by `indent` spaces. */
export function wrapWords(text: string, width: number, indent: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    const limit = lines.length === 0 ? width : width - indent;
    if (candidate.length > limit && line !== '') {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines.map((text, k) => (k === 0 ? text : `${' '.repeat(indent)}${text}`));
}
