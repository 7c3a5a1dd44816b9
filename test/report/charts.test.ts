import { describe, expect, it } from 'vitest';
import { estimatedTextWidth, renderChartSvg, wrapLabel } from '../../src/report/charts.js';

describe('chart helpers', () => {
  it('wraps a label at spaces within the width, a longer word on its own line', () => {
    expect(wrapLabel('the share of members who never redeem', 30)).toBe('the share of members who never\nredeem');
    expect(wrapLabel('tiers[2].benefitCostPerYear in x', 10)).toBe('tiers[2].benefitCostPerYear\nin x');
    expect(wrapLabel('short', 30)).toBe('short');
  });

  it('estimates narrow characters narrower than wide ones', () => {
    // 'iii' is 3 x 0.28 em, 'MMM' 3 x 0.86 em, both with the 1.15 margin, at 10 px.
    expect(estimatedTextWidth('iii', 10)).toBeCloseTo(1.15 * 3 * 0.28 * 10, 10);
    expect(estimatedTextWidth('MMM', 10)).toBeCloseTo(1.15 * 3 * 0.86 * 10, 10);
  });

  it('renders a vega-lite spec to an SVG with one mark item per datum', async () => {
    const svg = await renderChartSvg({
      width: 200,
      height: 100,
      data: { values: [{ a: 'x', b: 1 }, { a: 'y', b: 2 }, { a: 'z', b: 3 }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    const group = svg.match(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/s);
    expect(group?.[1].match(/<path\b/g)).toHaveLength(3);
  });
});
