/**
 * The scenario file: where the customers come from (a purchase-history CSV, or a `population`
 * block for owners without data), the economics, the horizon and Monte Carlo settings, and the
 * programs to compare with the no-program baseline.
 */
import * as z from 'zod';
import { ALL_COLUMN_ROLES, COLUMN_ROLES, type ColumnRole } from '../data/column-mapping.js';
import { DAYS_PER_MONTH } from '../data/calendar.js';
import { DAYS_PER_PERIOD } from '../data/customer-summary.js';
import { maxAnnualDropout, populationBgNbd } from '../model/population-calibration.js';
import type { IngestOptions } from '../data/ingest.js';
import { choice } from '../schema/choice-schema.js';
import { describeInput } from '../schema/describe-input.js';
import { didYouMean } from '../schema/did-you-mean.js';
import { integerIn, numberIn, uncertainIn } from '../schema/number-schemas.js';
import { programDefinitionSchema, programReferenceSchema } from './program-schema.js';
import { strictObject } from '../schema/strict-object.js';
import { MAX_POPULATION_CUSTOMERS, MAX_PROGRAMS, MAX_PURCHASES_PER_ITERATION, MAX_PURCHASES_PER_YEAR, withThousands } from './size-limits.js';
import { ARRIVALS_PER_MONTH, NON_NEGATIVE, POSITIVE, SHARE, type ValueRange } from '../schema/value-ranges.js';

/** The name reports give the world without a program (its column, its CSV rows): no program may take it. */
export const BASELINE_NAME = 'baseline';

const columnName = z.string().min(1);
const columnsSchema = strictObject(
  Object.fromEntries(ALL_COLUMN_ROLES.map((role) => [role, columnName.optional().describe(COLUMN_ROLES[role].meaning)])) as Record<
    ColumnRole,
    z.ZodOptional<typeof columnName>
  >,
).describe('Which CSV column plays which role, e.g. { customer: customer_id, date: date, amount: amount }; by default columns are recognised by name.');

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written YYYY-MM-DD that exists (no 2025-02-30). */
const isoDateSchema = z
  .string({ error: (issue) => `expected a date written YYYY-MM-DD, got ${describeInput(issue.input)}` })
  .superRefine((text, ctx) => {
    const match = ISO_DATE.exec(text);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
    if (!date || date.toISOString().slice(0, 10) !== text) {
      ctx.addIssue({ code: 'custom', message: `expected a date written YYYY-MM-DD, got '${text}'`, input: text });
    }
  })
  .meta({ pattern: ISO_DATE.source });

/** The keys of `data` that say how to read a purchase history, which a summary table does not have. */
const TRANSACTION_KEYS = ['columns', 'delimiter', 'decimal', 'dateFormat', 'onBadRow', 'zeroAmount'] as const;

export const dataSchema = strictObject({
  file: z.string().min(1).optional().describe('Purchase-history CSV, relative to the scenario file; give file or summaries.'),
  summaries: z
    .string()
    .min(1)
    .optional()
    .describe('Instead of file: a per-customer summary table as summarize --customers-out writes it (customer_id,x,t_x,T,monetary_value,...), relative to the scenario file; needs period and calibrationEnd.'),
  categories: z
    .string()
    .min(1)
    .optional()
    .describe('With summaries: the product categories as summarize --categories-out writes them (category,revenue,gross_margin,...), relative to the scenario file; margins per category and the return rate then come from it.'),
  columns: columnsSchema.optional(),
  delimiter: choice([',', ';', '\t']).optional().describe('Field delimiter (write a tab as "\\t"); detected when absent.'),
  decimal: choice(['.', ',']).optional().describe('Decimal mark of amounts.'),
  dateFormat: z.string().min(1).optional().describe('Date format such as DD.MM.YYYY when dates are not ISO.'),
  onBadRow: choice(['fail', 'skip']).optional().describe('Stop at the first malformed row (fail, default) or skip and count it.'),
  zeroAmount: choice(['purchase', 'ignore']).optional().describe('A row of amount 0: a purchase of value 0 (purchase, default) or not a purchase (ignore).'),
  calibrationEnd: isoDateSchema.optional().describe('Last day of the history the model is fitted on; default: the last date in the file. Required with summaries.'),
  period: choice(['day', 'week', 'month']).optional().describe('Time unit of the customer model (of t_x and T in a summary table). Required with summaries.'),
  holdoutEnd: isoDateSchema
    .optional()
    .describe("With summaries: the last day of the data after the calibration end, up to which the table's holdout_purchases count; the fit is then checked on them."),
})
  .superRefine((data, ctx) => {
    if (data.file === undefined && data.summaries === undefined) {
      ctx.addIssue({ code: 'custom', message: "give 'file' (a purchase-history CSV) or 'summaries' (a per-customer summary table)", input: data });
      return;
    }
    if (data.file !== undefined && data.summaries !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['summaries'], message: "give either 'file' or 'summaries', not both", input: data.summaries });
      return;
    }
    if (data.summaries === undefined) {
      if (data.holdoutEnd !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['holdoutEnd'], message: "holdoutEnd goes with 'summaries': a purchase history's holdout ends at its last date", input: data.holdoutEnd });
      }
      if (data.categories !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['categories'], message: "categories goes with 'summaries': a purchase history's categories come from its category column (data.columns)", input: data.categories });
      }
      return;
    }
    for (const key of TRANSACTION_KEYS) {
      if (data[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `'${key}' says how to read a purchase history; a summary table has none (it is read as summarize --customers-out writes it)`, input: data[key] });
      }
    }
    for (const key of ['period', 'calibrationEnd'] as const) {
      if (data[key] === undefined) {
        const what = key === 'period' ? 'the time unit of its t_x and T (day, week or month)' : 'the last day of its calibration period (YYYY-MM-DD)';
        ctx.addIssue({ code: 'custom', message: `a summary table needs '${key}': ${what}, as it was made with`, input: data });
      }
    }
    if (data.holdoutEnd !== undefined && data.calibrationEnd !== undefined && data.holdoutEnd <= data.calibrationEnd) {
      ctx.addIssue({ code: 'custom', path: ['holdoutEnd'], message: `the holdout ends after the calibration end (${data.calibrationEnd}), got ${data.holdoutEnd}`, input: data.holdoutEnd });
    }
  })
  .transform(({ summaries, ...data }) =>
    summaries === undefined ? { ...data, kind: 'transactions' as const, file: data.file! } : { ...data, kind: 'summaries' as const, file: summaries },
  )
  .describe('Where the customers come from: a purchase history (file) or a per-customer summary table (summaries), which the customer model is fitted to.');

/**
 * Heterogeneity of purchase rates as the Gamma shape r of the BG/NBD rate distribution: a smaller
 * r means more unequal customers (coefficient of variation 1 / √r). low = 4 (CV 0.5),
 * medium = 1 (CV 1), high = 0.25 (CV 2).
 */
export const HETEROGENEITY_SHAPES = { low: 4, medium: 1, high: 0.25 } as const;

export const populationSchema = strictObject({
  customers: integerIn(POSITIVE).describe('Number of existing customers.'),
  purchasesPerYear: numberIn(POSITIVE).describe('Mean purchases per customer in the first year, over the customers active at its start.'),
  meanTicket: numberIn(POSITIVE).describe('Mean purchase value, in the currency.'),
  heterogeneity: z
    .union([choice(['low', 'medium', 'high']), numberIn(POSITIVE)], {
      error: (issue) => `expected low, medium, high or a positive number, got ${describeInput(issue.input)}`,
    })
    .prefault('medium')
    .transform((h) => (typeof h === 'number' ? h : HETEROGENEITY_SHAPES[h]))
    .describe('How unequal purchase rates are: low, medium (default), high, or the Gamma shape r itself.'),
  annualDropout: numberIn(SHARE)
    .prefault(0.3)
    .describe('Share of the customers, all active at the start, who leave within the first year (default 0.3).'),
})
  .superRefine((population, ctx) => {
    if (population.customers > MAX_POPULATION_CUSTOMERS) {
      ctx.addIssue({
        code: 'custom',
        path: ['customers'],
        message: `${withThousands(population.customers)} customers are more than the ${withThousands(MAX_POPULATION_CUSTOMERS)} a population may have (each takes about 130 bytes per worker thread); simulate a representative sample and scale the totals`,
        input: population.customers,
      });
    }
    if (population.purchasesPerYear > MAX_PURCHASES_PER_YEAR) {
      ctx.addIssue({
        code: 'custom',
        path: ['purchasesPerYear'],
        message: `${withThousands(population.purchasesPerYear)} purchases a year are more than the ${withThousands(MAX_PURCHASES_PER_YEAR)} (ten a day) a customer may make`,
        input: population.purchasesPerYear,
      });
    }
    // The calibrated figures depend on alpha per year only: any period length gives the same answer.
    if (populationBgNbd(population, 1) !== undefined) return;
    const bound = maxAnnualDropout(population.purchasesPerYear);
    const reason =
      population.annualDropout < bound
        ? `it is too close to ${bound}, which no customer base reaches`
        : `a customer leaves only after a purchase, so the share leaving within a year must be below ${bound === 1 ? '1 (100%)' : `the purchases a year (${bound})`}`;
    ctx.addIssue({
      code: 'custom',
      path: ['annualDropout'],
      message: `${population.annualDropout} cannot be reached with purchasesPerYear ${population.purchasesPerYear}: ${reason}; give a lower annualDropout or more purchasesPerYear`,
      input: population.annualDropout,
    });
  })
  .describe('A synthetic customer base, for owners without purchase data.');

export const economicsSchema = strictObject({
  currency: z.string().min(1).optional().describe('Currency of all amounts, shown in reports (e.g. EUR).'),
  grossMargin: z
    .union([z.literal('from-data'), uncertainIn(SHARE), z.record(z.string().min(1), uncertainIn(SHARE))], {
      error: (issue) =>
        `expected a share such as 0.3, a distribution, a mapping of categories to margins, or from-data, got ${describeInput(issue.input)}`,
    })
    .describe('Gross margin as a share of net revenue: one value, per category { fuel: 0.08, shop: 0.35 }, or from-data (margin or cost column).'),
  discountRate: numberIn(SHARE).prefault(0.08).describe('Annual discount rate for the NPV (default 0.08).'),
  returnRate: uncertainIn(SHARE)
    .optional()
    .describe('Share of purchases returned (revenue, cost of goods, discount and points reversed); default: the rate measured in the data, else 0.'),
}).describe('Economics of the business.');

export type TimeUnit = 'day' | 'week' | 'month' | 'year';

/**
 * A simulation horizon: `10 days`, `1 week`, `18 months`, `2 years`. Months are the engine's months
 * of 365.2425 / 12 days (sim/calendar.ts), a year 12 of them, so 18 months are 18 x 365.2425 / 12
 * days and 2 years 24 x 365.2425 / 12; the engine simulates exactly `days` days (docs/methods.md
 * section 7).
 */
export interface Horizon {
  count: number;
  unit: TimeUnit;
  /** Length in months of 365.2425 / 12 days (fractional for days and weeks). */
  months: number;
  /** Length in days. */
  days: number;
}

const HORIZON_PATTERN = /^\s*(\d+)\s*(day|week|month|year)s?\s*$/;
/** Anything that looks like a number and a word, to say which of them is wrong. */
const NUMBER_AND_WORD = /^\s*([-+]?\d*\.?\d+(?:e[-+]?\d+)?)\s*([a-z]+)\s*$/i;
const UNIT_WORD = /^(day|week|month|year)s?$/i;
const MAX_HORIZON_YEARS = 30;
const EXAMPLES = "'10 days', '26 weeks', '18 months' or '2 years'";

/** The horizon as written, normalised: `1 week`, `18 months`. */
export function horizonText(horizon: Pick<Horizon, 'count' | 'unit'>): string {
  return `${horizon.count} ${horizon.unit}${horizon.count === 1 ? '' : 's'}`;
}

/** What is wrong with a horizon that does not match HORIZON_PATTERN. */
function horizonProblem(text: string): string {
  const parts = NUMBER_AND_WORD.exec(text);
  if (!parts) return `expected a length such as ${EXAMPLES}, got '${text}'`;
  const [, number, word] = parts;
  if (!UNIT_WORD.test(word)) return `unknown unit '${word}' in '${text}': give the horizon in days, weeks, months or years, e.g. ${EXAMPLES}`;
  if (Number(number) <= 0) return `the horizon must be at least 1 day, got '${text}'`;
  if (!Number.isInteger(Number(number))) {
    return `the horizon must be a whole number of days, weeks, months or years, got '${text}': give it in a smaller unit (e.g. days)`;
  }
  return `write the unit in lower case: '${number} ${word.toLowerCase()}'`;
}

export const horizonSchema = z
  .string({ error: (issue) => `expected a length such as ${EXAMPLES}, got ${describeInput(issue.input)}` })
  .meta({ pattern: HORIZON_PATTERN.source })
  .transform((text, ctx): Horizon => {
    const match = HORIZON_PATTERN.exec(text);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: horizonProblem(text), input: text });
      return z.NEVER;
    }
    const count = Number(match[1]);
    const unit = match[2] as TimeUnit;
    // Months and years are whole months of the engine (their days are months x DAYS_PER_MONTH);
    // days and weeks are whole days.
    const wholeMonths = unit === 'month' ? count : unit === 'year' ? 12 * count : 0;
    const days = wholeMonths > 0 ? wholeMonths * DAYS_PER_MONTH : unit === 'week' ? 7 * count : count;
    const months = wholeMonths > 0 ? wholeMonths : days / DAYS_PER_MONTH;
    if (count === 0 || months > 12 * MAX_HORIZON_YEARS) {
      ctx.addIssue({ code: 'custom', message: `the horizon must be between 1 day and ${MAX_HORIZON_YEARS} years, got '${text}'`, input: text });
      return z.NEVER;
    }
    return { count, unit, months, days };
  })
  .describe("Simulated period: 'N days', 'N weeks', 'N months' (of 365.2425 / 12 days) or 'N years', N a whole number.");

/** New customers: as many as the history shows (history), none, or a given number per month. */
export type Acquisition = { kind: 'history' } | { kind: 'none' } | { kind: 'rate'; perMonth: z.output<ReturnType<typeof uncertainIn>> };

const acquisitionSchema = z
  .union(
    [
      choice(['history', 'none']),
      strictObject({ perMonth: uncertainIn(ARRIVALS_PER_MONTH).describe('New customers per month (may be a distribution), at most 100,000.') }),
    ],
    { error: (issue) => `expected history, none or { perMonth: N }, got ${describeInput(issue.input)}` },
  )
  .describe('New customers over the horizon: history (as in the data, the default with data), none (the default with a population) or { perMonth: N }.');

/** A guardrail's bound: any finite number, a share also as a percentage (`40%`). */
const GUARDRAIL_BOUND: ValueRange = { name: 'GuardrailBound', min: -Infinity, max: Infinity, percent: true };

/**
 * A condition a program's figure must meet (`loyalty-sim check`): a statistic of one of the JSON
 * report's metrics at or above `min` and/or at or below `max`. The metric, statistic and program
 * names are checked against the report's metrics and the scenario's programs before a run
 * (run/guardrails.ts), since the metrics are declared above this layer.
 */
export const guardrailSchema = strictObject({
  program: z.string().min(1).optional().describe('The program it applies to, by name, or "*" for every program (the default).'),
  metric: z.string().min(1).describe('A metric of the JSON report, e.g. roi, incrementalProfit, probabilityOfLoss, breakageRate.'),
  stat: z.string().min(1).describe('The statistic of the metric over the iterations: mean, p5, p50 or p95.'),
  min: numberIn(GUARDRAIL_BOUND).optional().describe('The figure must be at least this (a number, or a percentage such as "40%").'),
  max: numberIn(GUARDRAIL_BOUND).optional().describe('The figure must be at most this.'),
})
  .superRefine((guardrail, ctx) => {
    if (guardrail.min === undefined && guardrail.max === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a guardrail needs a bound: give min, max or both', input: guardrail });
    }
    if (guardrail.min !== undefined && guardrail.max !== undefined && guardrail.min > guardrail.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `max (${guardrail.max}) is below min (${guardrail.min}): no figure can meet both`, input: guardrail.max });
    }
  })
  .describe('A condition a program must meet, tested by loyalty-sim check, e.g. { metric: roi, stat: p5, min: 0 }.');

const ITERATIONS: ValueRange = { name: 'Iterations', min: 1, max: 1_000_000, percent: false };
const CUSTOMER_SAMPLE: ValueRange = { name: 'CustomerSample', min: 1, max: Infinity, percent: false };
const CUSTOMER_SAMPLE_WORDS = ['auto', 'all'] as const;

/**
 * How the engine simulates the customers (docs/methods.md section 7, "Customer sample"):
 * `customerSample` all, N (a sample of N existing customers per iteration, drawn afresh each
 * iteration, their tallies weighted), or auto (the default: every customer of a base up to
 * the size run/customer-sample-size.ts gives, a sample above it).
 */
export const simulationSchema = strictObject({
  customerSample: z
    .union([z.enum(CUSTOMER_SAMPLE_WORDS), integerIn(CUSTOMER_SAMPLE)], {
      error: (issue) =>
        `expected auto, all or a whole number of customers, got ${describeInput(issue.input)}${typeof issue.input === 'string' ? didYouMean(issue.input, CUSTOMER_SAMPLE_WORDS) : ''}`,
    })
    .prefault('auto')
    .describe('Customers simulated per iteration: auto (the default: all of a base up to 50,000 customers, a sample of 10,000 above), all, or a number N.'),
}).describe('How the customers are simulated.');
const SEED: ValueRange = { name: 'Seed', min: 0, max: 2 ** 32 - 1, percent: false };

/**
 * The scenario schema around a given schema for the entries of `programs`: the published schema
 * accepts inline programs and `{ file: ... }` references; the loader validates after replacing each
 * reference by the content of its file.
 */
function scenarioSchemaWith<Entry extends z.ZodType>(programEntry: Entry) {
  return strictObject({
    name: z.string().min(1).optional().describe('Title of the scenario, shown in reports.'),
    description: z.string().optional().describe('Free text shown with the results.'),
    data: dataSchema.optional(),
    population: populationSchema.optional(),
    economics: economicsSchema,
    horizon: horizonSchema.prefault('12 months'),
    iterations: integerIn(ITERATIONS).prefault(1000).describe('Monte Carlo iterations (default 1000).'),
    seed: integerIn(SEED).prefault(42).describe('Random seed: the same seed gives the same output, byte for byte (default 42).'),
    simulation: simulationSchema.prefault({}),
    acquisition: acquisitionSchema.optional(),
    programs: z
      .array(programEntry)
      .min(1)
      .max(MAX_PROGRAMS, { error: (issue) => `${(issue.input as unknown[]).length} programs are more than the ${MAX_PROGRAMS} a scenario may compare; split them into several scenarios` })
      .describe('The programs to compare with the baseline, inline or as { file: path }.'),
    guardrails: z
      .array(guardrailSchema)
      .optional()
      .describe('Conditions the programs must meet, tested by loyalty-sim check (exit 1 when one fails).'),
  });
}

function checkScenario(
  scenario: {
    data?: unknown;
    population?: unknown;
    horizon: Horizon;
    economics: { grossMargin: unknown };
    acquisition?: unknown;
    programs: readonly unknown[];
  },
  ctx: z.RefinementCtx,
): void {
  if (scenario.data === undefined && scenario.population === undefined) {
    ctx.addIssue({ code: 'custom', message: "give either 'data' (a purchase-history CSV) or 'population' (a synthetic customer base)", input: scenario });
  }
  if (scenario.data !== undefined && scenario.population !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['population'], message: "give either 'data' or 'population', not both", input: scenario.population });
  }
  if (scenario.data === undefined && scenario.population !== undefined) {
    const margin = scenario.economics.grossMargin;
    if (margin === 'from-data' || (typeof margin === 'object' && margin !== null && !('dist' in margin))) {
      ctx.addIssue({
        code: 'custom',
        path: ['economics', 'grossMargin'],
        message: 'margins from data or per category need a data file; with a population give one margin such as 0.3',
        input: margin,
      });
    }
    if (scenario.acquisition === 'history') {
      ctx.addIssue({ code: 'custom', path: ['acquisition'], message: 'acquisition: history needs a data file; use none or { perMonth: N }', input: 'history' });
    }
  }
  const population = scenario.population as Population | undefined;
  if (population !== undefined && population.customers <= MAX_POPULATION_CUSTOMERS && population.purchasesPerYear <= MAX_PURCHASES_PER_YEAR) {
    const purchases = population.customers * population.purchasesPerYear * (scenario.horizon.months / 12);
    if (purchases > MAX_PURCHASES_PER_ITERATION) {
      ctx.addIssue({
        code: 'custom',
        path: ['population', 'customers'],
        message:
          `${withThousands(population.customers)} customers making ${withThousands(population.purchasesPerYear)} purchases a year over ${horizonText(scenario.horizon)} ` +
          `are about ${withThousands(Math.round(purchases))} purchases per iteration, more than the ${withThousands(MAX_PURCHASES_PER_ITERATION)} a run may simulate; ` +
          'simulate a representative sample of customers and scale the totals',
        input: population.customers,
      });
    }
  }
  const seen = new Map<string, number>();
  scenario.programs.forEach((program, i) => {
    const name = (program as { name?: unknown }).name;
    if (typeof name !== 'string') return;
    if (name.trim().toLowerCase() === BASELINE_NAME) {
      ctx.addIssue({
        code: 'custom',
        path: ['programs', i, 'name'],
        message: `'${name}' names the world without a program in every report; give the program another name`,
        input: name,
      });
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['programs', i, 'name'], message: `program name '${name}' is already used by programs[${first}]`, input: name });
    } else {
      seen.set(name, i);
    }
  });
}

function resolveAcquisition(acquisition: z.output<typeof acquisitionSchema> | undefined, hasData: boolean): Acquisition {
  if (acquisition === undefined) return hasData ? { kind: 'history' } : { kind: 'none' };
  if (acquisition === 'history' || acquisition === 'none') return { kind: acquisition };
  return { kind: 'rate', perMonth: acquisition.perMonth };
}

/** The scenario as validated, with programs inline: what the loader checks, and the `Scenario` type. */
export const scenarioSchema = scenarioSchemaWith(programDefinitionSchema)
  .superRefine(checkScenario)
  .transform((scenario) => ({ ...scenario, acquisition: resolveAcquisition(scenario.acquisition, scenario.data !== undefined) }));

/** The scenario file as written, programs inline or by file: the published JSON Schema. */
export const scenarioFileSchema = scenarioSchemaWith(z.union([programReferenceSchema, programDefinitionSchema])).meta({
  title: 'loyalty-sim scenario',
  description: 'A loyalty-sim scenario: the customers, the economics and the programs to compare with the no-program baseline.',
});

/**
 * A validated scenario with defaults applied. `data.kind` says what `data.file` is: a purchase
 * history (`transactions`, written `file:`) or a per-customer summary table (`summaries`, written
 * `summaries:`); after loading, `data.file` (and a summary table's `data.categories`) is an absolute path.
 */
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioFileInput = z.input<typeof scenarioFileSchema>;
export type DataSource = NonNullable<Scenario['data']>;
export type Population = NonNullable<Scenario['population']>;
export type Economics = Scenario['economics'];

/** The ingest options of a scenario's data block (everything but the file, its kind and the summary table's holdout end and categories). */
export function ingestOptionsFor(data: DataSource): IngestOptions {
  const { file: _file, kind: _kind, holdoutEnd: _holdoutEnd, categories: _categories, ...options } = data;
  return options;
}
