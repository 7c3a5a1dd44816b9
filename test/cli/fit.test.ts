import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ingestPurchaseHistory } from '../../src/data/ingest.js';
import { fitCustomerModel } from '../../src/model/customer-model.js';
import { renderFitJson } from '../../src/report/fit-report.js';
import { jsonDocument } from '../../src/report/json-writer.js';

const SAMPLE = fileURLToPath(new URL('../../scenarios/data/sample-retailer.csv', import.meta.url));

interface FitJson {
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; standardErrors: Record<string, number> };
  gammaGamma: { p: number; q: number; v: number; standardErrors: Record<string, number> };
  identification: { identified: boolean; problems: string[] };
  customers: number;
  calibration: { start: string; end: string; period: string };
  returnRate: { rate: number; purchasedValue: number; returnedValue: number };
  holdout?: { start: string; end: string; periods: number; actualPurchases: number; predictedPurchases: number; percentError: number; correlation: number; buckets: { label: string }[] };
}

/** `fit --json` through the CLI's entry in this process. */
async function fitJson(args: string[]): Promise<FitJson> {
  const result = await runCliInProcess(['fit', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as FitJson;
}

function writeTemporary(name: string, content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'loyalty-fit-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** Through the CLI's entry in this process: exit 2, the message, no stack trace. */
async function expectUsageError(args: string[], message: RegExp): Promise<void> {
  const result = await runCliInProcess(args);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('loyalty-sim fit', () => {
  it('prints parameters with standard errors and intervals, log-likelihoods and customers (the built CLI)', () => {
    const result = runCli(['fit', SAMPLE]);
    expect(result.status).toBe(0);
    for (const text of ['BG/NBD', 'Gamma-Gamma', 'std. error', '95% interval', 'log-likelihood', '3,000 customers', 'alpha', 'v (gamma)']) {
      expect(result.stdout).toContain(text);
    }
    expect(result.stdout).not.toContain('Holdout'); // the calibration runs to the last date
  });

  it('--json gives the documented object, equal to the programmatic fit of the same summaries', async () => {
    const json = await fitJson([SAMPLE, '--calibration-end', '2025-06-30']);
    expect(Object.keys(json)).toEqual(['bgnbd', 'gammaGamma', 'identification', 'customers', 'calibration', 'returnRate', 'holdout']);
    expect(json.identification).toEqual({ identified: true, problems: [] });
    expect(json.calibration).toEqual({ start: '2024-01-01', end: '2025-06-30', period: 'week' });
    const { summaries, quality } = await ingestPurchaseHistory(SAMPLE, { calibrationEnd: '2025-06-30' });
    expect(json).toEqual(JSON.parse(renderFitJson({ file: SAMPLE, model: fitCustomerModel(summaries), returnRate: quality.returnRate })));
    // The sample has no returns.
    expect(json.returnRate).toEqual({ rate: 0, purchasedValue: quality.returnRate.purchasedValue, returnedValue: 0 });
    expect(json.customers).toBe(summaries.x.length);
  });

  it('reports how each fit converged: iterations, gradient norm, no parameter at a bound', async () => {
    const json = (await fitJson([SAMPLE])) as unknown as Record<'bgnbd' | 'gammaGamma', { converged: boolean; iterations: number; gradientNorm: number; atBound: unknown[] }>;
    for (const model of [json.bgnbd, json.gammaGamma]) {
      expect(model.converged).toBe(true);
      expect(model.iterations).toBeGreaterThan(0);
      expect(model.iterations).toBeLessThan(500);
      expect(model.gradientNorm).toBeLessThan(1e-5);
      expect(model.atBound).toEqual([]);
    }
    const text = await runCliInProcess(['fit', SAMPLE]);
    expect(text.stdout).toContain(`on 3,000 customers; converged in ${json.bgnbd.iterations} iterations (gradient norm ${json.bgnbd.gradientNorm.toPrecision(2)})`);
  });

  it('reports the return rate, and fits spend to the purchases before returns', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'loyalty-sim-fit-returns-'));
    const history = path.join(folder, 'with-returns.csv');
    const generate = ['generate', '--customers', '1000', '--start', '2024-01-01', '--end', '2025-12-31', '--seed', '3'];
    writeFileSync(history, (await runCliInProcess([...generate, '--return-rate', '0.3'])).stdout);
    const plain = path.join(folder, 'plain.csv');
    writeFileSync(plain, (await runCliInProcess(generate)).stdout);
    const json = await fitJson([history]);
    const { quality } = await ingestPurchaseHistory(history);
    // As the JSON writer writes it (15 significant digits).
    expect(json.returnRate).toEqual(JSON.parse(jsonDocument(quality.returnRate)));
    expect(json.returnRate.rate).toBeCloseTo(json.returnRate.returnedValue / json.returnRate.purchasedValue, 12);
    expect(Math.abs(json.returnRate.rate - 0.3)).toBeLessThan(0.04);
    // The same purchases without returns: the same fits.
    const plainJson = await fitJson([plain]);
    expect(json.gammaGamma).toEqual(plainJson.gammaGamma);
    expect(json.bgnbd).toEqual(plainJson.bgnbd);
    const text = (await runCliInProcess(['fit', history])).stdout;
    const percent = `${(100 * json.returnRate.rate).toFixed(1)}%`;
    expect(text).toContain(`return rate ${percent} (`);
    expect(text).toContain('spend per purchase is fitted before returns; the simulation returns purchases at this rate');
    expect((await runCliInProcess(['fit', plain])).stdout).toContain('no returns in the calibration period');
  });

  it('checks the model on the holdout after --calibration-end', async () => {
    const json = await fitJson([SAMPLE, '--calibration-end', '2025-06-30']);
    const holdout = json.holdout!;
    expect(holdout.start).toBe('2025-07-01');
    expect(holdout.end).toBe('2025-12-31');
    // 2025-07-01 .. 2025-12-31 is 184 days, in weeks.
    expect(holdout.periods).toBeCloseTo(184 / 7, 10);
    expect(holdout.buckets.map((b) => b.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    // The sample is drawn from these very models: the total prediction is within 10%.
    expect(Math.abs(holdout.percentError)).toBeLessThan(10);
    expect(holdout.correlation).toBeGreaterThan(0.3);
  });

  it('gives rates per --period: in days alpha is 7 times the weekly one, r, a and b are unchanged', async () => {
    const weekly = await fitJson([SAMPLE]);
    const daily = await fitJson([SAMPLE, '--period', 'day']);
    expect(daily.bgnbd.alpha / weekly.bgnbd.alpha).toBeCloseTo(7, 4);
    for (const name of ['r', 'a', 'b'] as const) expect(daily.bgnbd[name] / weekly.bgnbd[name]).toBeCloseTo(1, 4);
    expect(daily.gammaGamma.p / weekly.gammaGamma.p).toBeCloseTo(1, 6);
  });

  it('writes per-customer predictions with --customers-out', async () => {
    const out = writeTemporary('predictions.csv', '');
    const result = await runCliInProcess(['fit', SAMPLE, '--customers-out', out, '--discount-rate', '0', '--margin', '1', '--horizon', '24']);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/wrote predictions for 3,000 customers/);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('customer_id,x,t_x,T,monetary_value,p_alive,expected_purchases_next_period,expected_purchases_horizon,expected_spend,clv');
    expect(lines.length).toBe(3001);
    for (const line of lines.slice(1)) {
      const [, x, , , , pAlive, nextPeriod, horizon, spend, clv] = line.split(',').map(Number);
      expect(pAlive).toBeGreaterThanOrEqual(0);
      expect(pAlive).toBeLessThanOrEqual(1);
      if (x === 0) expect(pAlive).toBe(1);
      expect(horizon).toBeGreaterThanOrEqual(nextPeriod);
      // Without discounting and with margin 1, CLV = expected spend x expected purchases (6 digits written).
      expect(Math.abs(clv - spend * horizon)).toBeLessThanOrEqual(2e-5 * clv + 1e-9);
    }
  });

  describe('a model the data cannot identify: refused, or used with --accept-weak-fit and a warning', () => {
    // 30 customers buying 40.00 every Monday from 2024-01-01 to 2024-03-25: everyone buys alike.
    let csv = 'customer_id,date,amount\n';
    for (let week = 0; week < 13; week++) {
      const date = new Date(Date.UTC(2024, 0, 1 + 7 * week)).toISOString().slice(0, 10);
      for (let c = 1; c <= 30; c++) csv += `K${c},${date},40.00\n`;
    }
    const regular = writeTemporary('regular.csv', csv);
    // 7 customers, 4 of them with repeat purchases: dropout a -> 0 and b -> infinity ("churn 0.0%").
    const seven = writeTemporary(
      'seven.csv',
      'customer_id,date,amount\nA,2024-01-01,10\nA,2024-02-01,12\nA,2024-03-01,11\nB,2024-01-05,20\nB,2024-03-05,25\nC,2024-01-10,5\n' +
        'D,2024-02-01,7\nD,2024-04-01,8\nE,2024-03-01,30\nF,2024-01-15,9\nF,2024-05-15,11\nG,2024-02-20,14\nA,2024-06-01,10\nB,2024-06-10,22\n',
    );

    it('refuses a parameter at a bound with exit 2, naming the file, the parameters and what to do', async () => {
      const result = await runCliInProcess(['fit', seven]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`${seven}: the customer model cannot be identified from this purchase history`);
      expect(result.stderr).toMatch(/only 4 customers made a repeat purchase in the calibration period; the model needs at least 10/);
      expect(result.stderr).toMatch(/BG\/NBD: a = \S+ \(towards 0\), b = \S+ \(towards infinity\) ran off to a bound/);
      expect(result.stderr).toMatch(/a longer calibration period .* population block instead of data; --accept-weak-fit/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('amounts at the ends of the doubles (1.8e308, 5e-324): exit 2 with the file named, no stack trace', async () => {
      for (const amount of ['1.7976931348623157e308', '5e-324']) {
        let rows = 'customer_id,date,amount\n';
        for (let c = 0; c < 40; c++) for (let k = 0; k <= c % 5; k++) rows += `C${c},2024-${String(1 + 2 * k).padStart(2, '0')}-${String(1 + (c % 27)).padStart(2, '0')},${amount}\n`;
        const file = writeTemporary('extreme.csv', rows);
        const result = await runCliInProcess(['fit', file]);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain(`error: ${file}`);
        expect(result.stderr).not.toMatch(/\n\s+at |minimizeBfgs|did not converge in/);
      }
    });

    it('refuses when every customer buys alike (r and alpha run to infinity)', async () => {
      const result = await runCliInProcess(['fit', regular]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/BG\/NBD: r = \S+ \(towards infinity\)/);
    });

    it('--accept-weak-fit: the report, a warning per problem, and the verdict in the JSON', async () => {
      const result = await runCliInProcess(['fit', seven, '--accept-weak-fit', '--json']);
      expect(result.status).toBe(0);
      const json = JSON.parse(result.stdout) as { bgnbd: { converged: boolean; atBound: unknown[] }; identification: { identified: boolean; problems: string[] } };
      expect(json.bgnbd.converged).toBe(false);
      expect(json.bgnbd.atBound).toEqual([
        { parameter: 'a', towards: 'zero' },
        { parameter: 'b', towards: 'infinity' },
      ]);
      expect(json.identification.identified).toBe(false);
      const warnings = result.stderr.trimEnd().split('\n');
      expect(warnings).toEqual(json.identification.problems.map((problem) => `warning: weak fit accepted (--accept-weak-fit): ${problem}`));
      const text = await runCliInProcess(['fit', seven, '--accept-weak-fit']);
      expect(text.stdout).toContain('Weak fit: the data cannot identify the model');
      expect(text.stdout).toMatch(/log-likelihood -?[\d.]+ on 7 customers; did not converge \(a ran off towards 0, b towards infinity/);
    });
  });

  describe('data that cannot identify the model: exit 2 with the file named', () => {
    it('nobody repeats', async () => {
      const file = writeTemporary('once.csv', 'customer_id,date,amount\nA,2024-01-01,10\nB,2024-02-01,12\nC,2024-03-01,9\n');
      await expectUsageError(['fit', file], /once\.csv: x: none of the 3 customers made a repeat purchase/);
    });

    it('a single customer', async () => {
      const file = writeTemporary('single.csv', 'customer_id,date,amount\nA,2024-01-01,10\nA,2024-02-01,12\nA,2024-03-01,9\n');
      await expectUsageError(['fit', file], /single\.csv: .*at least 2 customers, got 1/);
    });

    it('a calibration end before the first date', async () => {
      await expectUsageError(['fit', SAMPLE, '--calibration-end', '2023-06-30'], /--calibration-end: the calibration end 2023-06-30 is before the first purchase \(2024-01-01\)/);
    });
  });

  describe('bad options: exit 2 with the option named', () => {
    it('--horizon', () => expectUsageError(['fit', SAMPLE, '--horizon', 'ten'], /--horizon: 'ten' is not valid/));
    it('--discount-rate', () => expectUsageError(['fit', SAMPLE, '--discount-rate', '-0.1'], /--discount-rate/));
    it('--margin', () => expectUsageError(['fit', SAMPLE, '--margin', '35'], /--margin/));
    it('a negative --margin', () => expectUsageError(['fit', SAMPLE, '--margin', '-1'], /--margin: '-1' is not valid\n.*from 0 to 1/));
    it('--period', () => expectUsageError(['fit', SAMPLE, '--period', 'year'], /--period: 'year' is not a period/));
    it('a file that does not exist', () => expectUsageError(['fit', '/nonexistent/orders.csv'], /orders\.csv/));
  });
});
