import { describe, expect, it } from 'vitest';
import { BreakEvenSearch, searchBreakEven, type SearchPoint } from '../../src/metrics/break-even-search.js';

/** f as a search sees it, with a fixed MCSE. */
const at = (f: (x: number) => number, mcse = 0) => (x: number): SearchPoint => ({ x, profit: f(x), mcse });

describe('break-even search', () => {
  it('finds the root of a monotone function to the bracket width when there is no Monte Carlo error', () => {
    // f(x) = (1 + x)^2 - 2: root sqrt(2) - 1, a first-order start off by a third and a wrong slope.
    let evaluations = 0;
    const f = (x: number) => {
      evaluations++;
      return (1 + x) ** 2 - 2;
    };
    const root = searchBreakEven({ start: 0.3, slope: 5, lower: -0.99, upper: 5 }, at(f));
    expect(root).not.toBeNull();
    expect(Math.abs(root! - (Math.SQRT2 - 1))).toBeLessThan(1e-4);
    expect(evaluations).toBeLessThanOrEqual(8);
  });

  it('stops at the first value whose profit is within 1 MCSE of zero, and reports that value', () => {
    const f = (x: number) => 1000 * (x - 0.442);
    const search = new BreakEvenSearch({ start: 0.384, slope: 800, lower: -0.99, upper: 5 });
    const simulated: SearchPoint[] = [];
    for (let values = search.next(); values.length > 0; values = search.next()) {
      const points = values.map(at(f, 3));
      simulated.push(...points);
      search.tell(points);
    }
    const last = simulated[simulated.length - 1];
    expect(search.result).toBe(last.x);
    expect(Math.abs(last.profit)).toBeLessThanOrEqual(3);
    // Every earlier value was further from zero than its MCSE.
    expect(simulated.slice(0, -1).every((point) => Math.abs(point.profit) > 3)).toBe(true);
  });

  it('finds a negative break-even of a program that pays at the drawn values, and roots of decreasing functions', () => {
    expect(searchBreakEven({ start: 0.1, slope: NaN, lower: -0.99, upper: 5 }, at((x) => 200 * (x + 0.25)))).toBeCloseTo(-0.25, 4);
    expect(searchBreakEven({ start: 0.5, slope: -1, lower: 0, upper: 1 }, at((x) => 0.3 - x ** 3))).toBeCloseTo(Math.cbrt(0.3), 4);
  });

  it('says null when the function keeps its sign over the whole range', () => {
    const calls: number[] = [];
    const record = (f: (x: number) => number) => (x: number) => {
      calls.push(x);
      return at(f)(x);
    };
    // Losing at every uplift up to +500%: the search steps up to the range's end and stops there.
    expect(searchBreakEven({ start: 0.3, slope: 10, lower: -0.99, upper: 5 }, record((x) => -1000 + 10 * x))).toBeNull();
    expect(calls).toContain(5);
    // Losing at every share: a flat function has no slope, so both ends are tried.
    calls.length = 0;
    expect(searchBreakEven({ start: 0.4, slope: NaN, lower: 0, upper: 1 }, record(() => -5))).toBeNull();
    expect(calls.sort()).toEqual([0, 0.4, 1]);
    // A share whose profit rises towards 1: a loss at 1 is enough.
    calls.length = 0;
    expect(searchBreakEven({ start: 1, slope: NaN, lower: 0, upper: 1, upperMustPay: true }, record(() => -5))).toBeNull();
    expect(calls).toEqual([1]);
  });

  it('gives the range\'s lower end when the function never loses: every value pays', () => {
    // A program without a setup cost gains at every share above 0 and breaks even at 0 itself.
    expect(searchBreakEven({ start: 0.5, slope: NaN, lower: 0, upper: 1 }, at((x) => 800 * x))).toBe(0);
    // Gaining at every uplift down to -99%.
    expect(searchBreakEven({ start: 0.1, slope: 10, lower: -0.99, upper: 5 }, at((x) => 1000 + 10 * x))).toBe(-0.99);
  });

  it('gives the interpolation in the bracket after the most evaluations allowed', () => {
    // A step at 0.3: no value is within tolerance. 0 gives -1, the slope 1 steps to 1 (+1), false
    // position gives 0.5 (+1), then 0.25 (-1): the fourth value; the line through (0.25, -1) and
    // (0.5, +1) crosses zero at 0.375.
    const root = searchBreakEven({ start: 0, slope: 1, lower: -1, upper: 1, maxEvaluations: 4, width: 1e-12 }, at((x) => (x < 0.3 ? -1 : 1)));
    expect(root).toBeCloseTo(0.375, 12);
  });
});
