/** The Markdown memo of `run`, from real runs of the bundled scenarios. */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatSignificant, formatValue } from '../../src/report/format-number.js';
import { renderToString } from '../../src/report/reporter.js';
import { runReporter } from '../../src/report/reporters.js';
import type { SimulationReport } from '../../src/report/report-model.js';
import { markdownText, renderRunMarkdown } from '../../src/report/run-markdown.js';
import { programVerdicts, roundedMoney } from '../../src/report/verdict.js';
import { toolVersion } from '../../src/report/tool-version.js';
import { sampleReports } from './sample-reports.js';


/** The memo's table: its lines (from the head row to the last row). */
function tableLines(memo: string): string[] {
  return memo.split('\n').filter((line) => line.startsWith('|'));
}

/** A table line's cells, split at the pipes that are not escaped, trimmed. */
function cells(line: string): string[] {
  return line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim());
}

function row(memo: string, label: string): string[] {
  const found = tableLines(memo).map(cells).find((cellsOfLine) => cellsOfLine[0] === label);
  expect(found, `row ${label}`).toBeDefined();
  return found!;
}

describe('the Markdown memo of run', () => {
  let airline: SimulationReport;
  let retailer: SimulationReport;
  beforeAll(async () => {
    ({ airline, retailer } = await sampleReports());
  }, 120_000);

  it('is the md format of run', async () => {
    expect(await renderToString(runReporter('md'), retailer)).toBe(renderRunMarkdown(retailer));
  });

  it('heads with the scenario and the question, then every program verdict as a bullet', () => {
    const memo = renderRunMarkdown(retailer);
    const lines = memo.split('\n');
    expect(lines[0]).toBe('# Small retailer, 5% off vs 5% back in points');
    expect(memo).toContain('Should we launch **5% off for members** or **5% back in points**, against no program?');
    const verdicts = programVerdicts(retailer);
    expect(verdicts).toHaveLength(2);
    for (const verdict of verdicts) expect(lines).toContain(`- ${verdict}.`);
  });

  it('puts the programs side by side: one label column and one column per program, the figures as the terminal formats them', () => {
    const memo = renderRunMarkdown(airline);
    const table = tableLines(memo);
    for (const line of table) expect(cells(line)).toHaveLength(airline.programs.length + 1);
    expect(cells(table[0])).toEqual(['', ...airline.programs.map((program) => program.name)]);
    const money = (value: number) => formatValue(value, 'money');
    const profit = row(memo, 'Incremental profit');
    airline.programs.forEach((program, k) => {
      const { mean, p5, p95 } = program.metrics.incrementalProfit;
      expect(profit[k + 1]).toBe(`${money(mean)} (${money(p5)} .. ${money(p95)})`);
      // A probability over the iterations is one figure, without an interval.
      expect(row(memo, 'Probability of loss')[k + 1]).toBe(`${(100 * program.metrics.probabilityOfLoss.mean).toFixed(1)}%`);
      expect(row(memo, 'Break-even frequency uplift')[k + 1]).toBe(`${(100 * program.breakEven.frequencyUplift!).toFixed(1)}%`);
    });
    // Both programs have points: breakage and the liabilities are rows.
    for (const label of ['Breakage', 'Points liability', 'Contract liability (IFRS 15)']) expect(row(memo, label)).toHaveLength(3);
  });

  it('leaves out the points rows when no program has points, and rows no program has a value for', () => {
    const withoutPoints: SimulationReport = { ...retailer, programs: retailer.programs.slice(0, 1) };
    const memo = renderRunMarkdown(withoutPoints);
    const labels = tableLines(memo).map((line) => cells(line)[0]);
    expect(labels).not.toContain('Breakage');
    expect(labels).not.toContain('Points liability');
    expect(labels).toContain('Incremental profit');
    for (const line of tableLines(memo)) expect(cells(line)).toHaveLength(2);
    expect(memo).toContain('Should we launch **5% off for members**, against no program?');
  });

  it('lists the uncertain assumptions with their distribution and drawn range, and the tornado top bars', () => {
    const memo = renderRunMarkdown(airline);
    const uncertain = airline.assumptions.filter((assumption) => assumption.uncertain);
    expect(uncertain.length).toBeGreaterThan(0);
    for (const assumption of uncertain) {
      expect(memo).toContain(
        `- ${markdownText(assumption.description)}: \`${assumption.distribution}\`, drawn ${formatSignificant(assumption.drawn.p5)} .. ${formatSignificant(assumption.drawn.p95)} (P5 .. P95)`,
      );
    }
    for (const fixedAssumption of airline.assumptions.filter((assumption) => !assumption.uncertain)) expect(memo).not.toContain(`- ${markdownText(fixedAssumption.description)}:`);
    const top = airline.sensitivity!.tornado[0];
    const description = airline.sensitivity!.assumptions.find((assumption) => assumption.name === top.bars[0].assumption)!.description;
    const lines = memo.split('\n');
    const tornadoLine = lines.slice(lines.findIndex((line) => line.startsWith('What moves the mean incremental profit most'))).find((line) => line.startsWith(`- ${top.program}: `));
    expect(tornadoLine).toContain(`${markdownText(description)} (${roundedMoney(top.bars[0].profitAtP10)} to ${roundedMoney(top.bars[0].profitAtP90)})`);
  });

  it('ends with the method and a footer with the seed, iterations and tool version; stays short', () => {
    const memo = renderRunMarkdown(airline);
    expect(memo).toContain('## Method');
    expect(memo.trimEnd().split('\n').at(-1)).toBe(`Seed 7, 40 iterations, loyalty-sim ${toolVersion()}, scenario file airline-tiers.yaml.`);
    expect(memo.split('\n').length).toBeLessThan(80);
    expect(renderRunMarkdown(retailer).split('\n').length).toBeLessThan(80);
  });

  it('escapes the Markdown of names from the scenario, so they show as written and keep the table whole', () => {
    const name = 'a|b *c* _d_ `e` <f>\nnext';
    const report: SimulationReport = {
      ...retailer,
      scenario: 'Shop <b>bold</b> | *x*',
      programs: retailer.programs.map((program, k) => (k === 0 ? { ...program, name } : program)),
    };
    const memo = renderRunMarkdown(report);
    const escaped = 'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<f\\>\\\\nnext';
    expect(markdownText(name)).toBe(escaped);
    expect(memo.split('\n')[0]).toBe('# Shop \\<b\\>bold\\</b\\> \\| \\*x\\*');
    expect(memo).toContain(`Should we launch **${escaped}** or **5% back in points**`);
    expect(memo).not.toContain('<f>');
    expect(memo).not.toMatch(/^next/m);
    const table = tableLines(memo);
    expect(cells(table[0])[1]).toBe(escaped);
    for (const line of table) expect(cells(line)).toHaveLength(3);
    expect(memo).toContain(`- ${escaped}: `);
  });
});
