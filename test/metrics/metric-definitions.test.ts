import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BREAK_EVEN_FIGURES } from '../../src/metrics/break-even.js';
import { METRIC_NAMES, METRICS } from '../../src/metrics/metric-definitions.js';
import { METRIC_CATALOGUE, TABLE_ROW_ORDER } from '../../src/report/metric-catalogue.js';

const README = readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The rows of the README's metric table (or the table with `header`): name, label, definition. */
function readmeMetricRows(heading = '| metric | label | definition |'): { name: string; label: string; definition: string }[] {
  const lines = README.split('\n');
  const header = lines.indexOf(heading);
  expect(header, 'the README has a metric table').toBeGreaterThanOrEqual(0);
  const rows: { name: string; label: string; definition: string }[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const match = /^\| `(\w+)` \| (.+?) \| (.+) \|$/.exec(line);
    expect(match, line).not.toBeNull();
    rows.push({ name: match![1], label: match![2], definition: match![3] });
  }
  return rows;
}

describe('declared metrics', () => {
  it('are the rows of the README metric table, in order, with their labels and definitions', () => {
    expect(readmeMetricRows()).toEqual(METRICS.map((metric) => ({ name: metric.name, label: metric.label.trim(), definition: metric.definition })));
  });

  it('are followed in the README by the break-even figures, with their labels and definitions', () => {
    expect(readmeMetricRows('| break-even figure | label | definition |')).toEqual(
      BREAK_EVEN_FIGURES.map((figure) => ({ name: figure.name, label: figure.label, definition: figure.definition })),
    );
  });

  it('have distinct names, and the table shows each of them exactly once', () => {
    expect(new Set(METRIC_NAMES).size).toBe(METRICS.length);
    expect([...TABLE_ROW_ORDER].sort()).toEqual([...METRIC_NAMES].sort());
    expect(METRIC_CATALOGUE.map((info) => info.key)).toEqual([...TABLE_ROW_ORDER]);
  });

  it('gate table rows on declared metrics only', () => {
    for (const metric of METRICS) {
      if ('onlyWhenNonZero' in metric) expect(METRIC_NAMES).toContain(metric.onlyWhenNonZero);
    }
  });

  it('keep the catalogue labels and definitions of their declaration', () => {
    const roi = METRIC_CATALOGUE.find((info) => info.key === 'roi')!;
    expect(roi).toEqual({ key: 'roi', label: 'ROI', unit: 'ratio', definition: 'incremental profit / program cost' });
    const expired = METRIC_CATALOGUE.find((info) => info.key === 'pointsExpired')!;
    expect(expired.onlyWhenNonZero).toBe('pointsIssued');
  });
});
