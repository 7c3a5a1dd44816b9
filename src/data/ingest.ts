/**
 * Purchase history in: stream a CSV of purchase lines into per-customer summaries (x, t_x, T,
 * mean repeat value, spend, margin, holdout), per-category totals and a data-quality report.
 *
 * One pass over the file in 4 MiB chunks; memory grows with customers, not rows. Customers whose
 * rows are not in date order are rebuilt in a second pass (see customer-ledger.ts). What counts
 * as a purchase, a return and a purchase day is documented in transaction-line.ts and
 * customer-ledger.ts, and in the README section "Input: the purchase-history CSV".
 *
 * Time: t_x and T are measured from the customer's first purchase day, in the chosen period
 * (day, week or month = 365.2425 / 12 days). The calibration period ends at the end of the
 * calibration-end day (inclusive): a purchase on that day is a calibration purchase, and a
 * customer whose only purchase is on that day has t_x = T = 0. T >= t_x always. Purchases after
 * that day form the holdout.
 */
import { UserInputError } from '../errors.js';
import { isoDate, parseIsoDateString } from './calendar.js';
import { CategoryAccumulator, type CategoryTotals } from './category-totals.js';
import { type ColumnIndexes, type ColumnRole, ALL_COLUMN_ROLES, resolveColumns } from './column-mapping.js';
import { CustomerLedger, NO_DAY } from './customer-ledger.js';
import { buildSummaries } from './customer-summaries-from-ledger.js';
import type { CustomerSummaries, Period } from './customer-summary.js';
import { type Delimiter, assertLooksLikeText, byteOrderMarkLength, detectDelimiter } from './csv-dialect.js';
import { type CsvInputInfo, type CsvReadSetup, readCsvRecords } from './csv-file-reader.js';
import { CsvTokenizer, type MalformedRecord, type RecordHandler, fieldText } from './csv-tokenizer.js';
import { type DateFormat, DateFormatError, compileDateFormat } from './date-format.js';
import {
  type DataQualityReport,
  type HoldoutSummary,
  type SkippedRow,
  SKIPPED_EXAMPLES_KEPT,
  SKIP_REASONS,
  SKIP_REASON_LABELS,
  emptySkipCounts,
  returnRateOf,
} from './data-quality.js';
import { OutOfOrderDays } from './out-of-order-days.js';
import { RowBatch } from './row-batch.js';
import { CLI_WORDING, type SettingWording } from './setting-wording.js';
import { RowLog } from './row-log.js';
import { MoneySum, roundToDecimals } from './money.js';
import { TransactionLineReader } from './transaction-line.js';

export type { ColumnRole } from './column-mapping.js';
export type { Delimiter } from './csv-dialect.js';

export interface IngestOptions {
  /** Field delimiter; detected from the header line when not given. */
  delimiter?: Delimiter;
  /** Decimal separator of numbers (default `.`). */
  decimal?: '.' | ',';
  /** Header names of roles whose column is not named as the default (customer_id, date, amount, ...). */
  columns?: Partial<Record<ColumnRole, string>>;
  /** Pattern for dates that are not ISO 8601 or YYYYMMDD, e.g. `DD.MM.YYYY` (see date-format.ts). */
  dateFormat?: string;
  /** A bad row (unreadable number or date, wrong field count) stops the ingest (`fail`, default) or is skipped and counted. */
  onBadRow?: 'fail' | 'skip';
  /** Last day of the calibration period, ISO `YYYY-MM-DD` (default: the last date in the file). */
  calibrationEnd?: string;
  /** Time unit of t_x and T (default `week`). */
  period?: Period;
  /** How messages name these settings: as CLI options (default) or as a scenario's data keys (setting-wording.ts). */
  wording?: SettingWording;
  /**
   * A row of amount exactly 0 that is not a return: a purchase of value 0 (`purchase`, default:
   * it counts as a purchase day, not in the mean purchase value) or no purchase (`ignore`).
   */
  zeroAmount?: 'purchase' | 'ignore';
  /**
   * Called once with the file name when the input has given no data for 2 s (a FIFO nobody writes
   * to yet), so that the caller can say what it waits for.
   */
  onWaiting?: (file: string) => void;
  /**
   * Also return every customer's purchase days with their values (`purchaseDays`), for methods
   * that need the timing of purchases (uplift). Keeps a log of the used rows: 17 bytes a row.
   */
  keepPurchaseDays?: boolean;
}

/** One customer's purchase days (ascending day numbers, calibration and holdout) and each day's value (its purchase rows summed, returns left out). */
export interface PurchaseDays {
  days: Int32Array;
  amounts: Float64Array;
}

export interface IngestResult {
  summaries: CustomerSummaries;
  quality: DataQualityReport;
  /** Per-category totals, largest revenue first; empty when the file has no category column. */
  categories: CategoryTotals[];
  /** Per-partner totals, largest revenue first; empty when the file has no partner column. */
  partners: CategoryTotals[];
  /** With `keepPurchaseDays`: per customer, in the order of `summaries`. */
  purchaseDays?: PurchaseDays[];
}

/** Read a purchase-history CSV into customer summaries, category totals and a data-quality report. */
export async function ingestPurchaseHistory(file: string, options: IngestOptions = {}): Promise<IngestResult> {
  const period = options.period ?? 'week';
  const wording = options.wording ?? CLI_WORDING;
  const dateFormat = compileDateFormatOption(options.dateFormat, wording);
  const calibrationEndOption = parseCalibrationEndOption(options.calibrationEnd, wording);

  let pass: FirstPass | null = null;
  const setUp = (head: Buffer, input: CsvInputInfo): CsvReadSetup => {
    const skipBytes = byteOrderMarkLength(head);
    if (head.length === skipBytes) throw emptyFileError(file);
    assertLooksLikeText(head, file);
    const delimiter = options.delimiter ?? detectDelimiter(head, skipBytes);
    const decimal = options.decimal ?? '.';
    if (decimal === ',' && delimiter === ',') {
      throw new UserInputError('a decimal comma cannot be used with comma-separated fields', { file, field: wording.name('decimal') }, `Files with decimal commas are usually separated by semicolons: ${wording.give('delimiter', '";"')}.`);
    }
    pass = new FirstPass(file, {
      delimiter,
      decimal,
      columns: options.columns ?? {},
      dateFormat,
      skipBadRows: options.onBadRow === 'skip',
      calibrationEnd: calibrationEndOption,
      zeroAmountIsPurchase: options.zeroAmount !== 'ignore',
      keepRowLog: !input.isRegularFile || options.keepPurchaseDays === true,
      wording,
    });
    return { tokenizer: pass.tokenizer, skipBytes };
  };
  const onRecord: RecordHandler = (fieldCount, line, malformed) => pass!.onRecord(fieldCount, line, malformed);
  const input = await readCsvRecords(file, setUp, onRecord, { onWaiting: options.onWaiting && (() => options.onWaiting!(file)) });
  const firstPass = pass as FirstPass | null;
  if (firstPass === null) throw emptyFileError(file);
  const ledger = firstPass.finish();

  const calibrationEnd = Number.isNaN(calibrationEndOption) ? firstPass.lastDay : calibrationEndOption;
  if (ledger.customersOutOfDateOrder > 0) {
    if (ledger.rowLog !== null) rebuildFromRowLog(ledger, ledger.rowLog);
    else await rebuildOutOfOrderCustomers(file, firstPass, ledger);
  }

  const purchaseDays = options.keepPurchaseDays === true && ledger.rowLog !== null ? purchaseDaysFromRowLog(ledger, ledger.rowLog, calibrationEnd) : undefined;
  const summaries = buildSummaries(ledger, calibrationEnd, period, file, firstPass);
  const quality = firstPass.qualityReport(ledger, summaries, calibrationEnd, period);
  const decimals = firstPass.moneyDecimals;
  return { summaries, quality, categories: firstPass.categories?.result(decimals) ?? [], partners: firstPass.partners?.result(decimals) ?? [], purchaseDays };
}

function compileDateFormatOption(pattern: string | undefined, wording: SettingWording): DateFormat | undefined {
  if (pattern === undefined) return undefined;
  try {
    return compileDateFormat(pattern);
  } catch (err) {
    if (err instanceof DateFormatError) {
      throw new UserInputError(`'${pattern}': ${err.message}`, wording.where('dateFormat'), `Example: ${wording.example('dateFormat', 'DD.MM.YYYY')} or ${wording.example('dateFormat', '"M/D/YYYY H:mm"')}.`);
    }
    throw err;
  }
}

function parseCalibrationEndOption(text: string | undefined, wording: SettingWording): number {
  if (text === undefined) return NaN;
  const day = parseIsoDateString(text);
  if (Number.isNaN(day)) {
    throw new UserInputError(`'${text}' is not a date`, wording.where('calibrationEnd'), `Give the last day of the calibration period as YYYY-MM-DD, e.g. ${wording.example('calibrationEnd', '2024-12-31')}.`);
  }
  return day;
}

function emptyFileError(file: string): UserInputError {
  return new UserInputError('the file is empty', { file }, 'Expected a header line (e.g. customer_id,date,amount) and one row per purchase line.');
}

interface FirstPassSettings {
  delimiter: Delimiter;
  decimal: '.' | ',';
  columns: Partial<Record<ColumnRole, string>>;
  dateFormat: DateFormat | undefined;
  skipBadRows: boolean;
  /** Day number, or NaN when it defaults to the last date of the file. */
  calibrationEnd: number;
  wording: SettingWording;
  /** A row of value 0 that is not a return is a purchase (of value 0). */
  zeroAmountIsPurchase: boolean;
  /** Keep a log of the used rows: the input cannot be read a second time (a pipe). */
  keepRowLog: boolean;
}

/**
 * Whether a read row is a purchase: not a return, and a positive value (or 0, when zero-amount
 * rows are purchases).
 */
function isPurchaseRow(reader: TransactionLineReader, zeroAmountIsPurchase: boolean): boolean {
  return !reader.isReturn && (reader.value > 0 || (zeroAmountIsPurchase && reader.value === 0));
}

/** The first (usually only) read of the file: header, row checks, ledger, totals and counts. */
class FirstPass {
  readonly tokenizer: CsvTokenizer;
  header: string[] | null = null;
  columns: ColumnIndexes | null = null;
  reader: TransactionLineReader | null = null;
  ledger: CustomerLedger | null = null;
  private readonly batch = new RowBatch();
  categories: CategoryAccumulator | null = null;
  partners: CategoryAccumulator | null = null;

  rowsRead = 0;
  rowsUsed = 0;
  readonly rowsSkipped = emptySkipCounts();
  readonly skippedExamples: SkippedRow[] = [];
  returnRows = 0;
  readonly returnValue = new MoneySum();
  zeroValueRows = 0;
  readonly revenue = new MoneySum();
  readonly grossMargin = new MoneySum();
  firstDay = Infinity;
  lastDay = -Infinity;

  get zeroAmountIgnored(): boolean {
    return !this.settings.zeroAmountIsPurchase;
  }

  /** Decimal places of the file's values (NaN when unknown): sums are rounded to them (money.ts). */
  get moneyDecimals(): number {
    return this.reader?.maxDecimals ?? NaN;
  }

  /** A sum of the file's values, rounded to their decimal places. */
  money(sum: number): number {
    return roundToDecimals(sum, this.moneyDecimals);
  }

  constructor(
    private readonly file: string,
    readonly settings: FirstPassSettings,
  ) {
    this.tokenizer = new CsvTokenizer(settings.delimiter.charCodeAt(0));
  }

  get wording(): SettingWording {
    return this.settings.wording;
  }

  readonly onRecord = (fieldCount: number, line: number, malformed: MalformedRecord | null): void => {
    const reader = this.reader;
    const ledger = this.ledger;
    if (reader === null || ledger === null) {
      this.readHeader(fieldCount, malformed);
      return;
    }
    this.rowsRead++;
    if (!reader.read(this.tokenizer, fieldCount, malformed)) {
      this.badRow(reader, line);
      return;
    }
    const value = reader.value;
    const isPurchase = isPurchaseRow(reader, this.settings.zeroAmountIsPurchase);
    const day = reader.day;
    const category = this.categories !== null ? this.categories.add(this.tokenizer, this.columns!.category, value, reader.margin, isPurchase, reader.isReturn) : -1;
    this.batch.push(this.tokenizer.bytes, reader.customerIdStart, reader.customerIdEnd, reader.customerIdEscaped, day, value, reader.margin, isPurchase, reader.orderId, category);
    if (this.batch.isFull) this.addBatch(ledger);
    this.rowsUsed++;
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
    this.revenue.add(value);
    this.grossMargin.add(reader.margin);
    if (reader.isReturn) {
      this.returnRows++;
      this.returnValue.add(-value);
    } else if (value === 0) {
      this.zeroValueRows++;
    }
    if (this.partners !== null) this.partners.add(this.tokenizer, this.columns!.partner, value, reader.margin, isPurchase, reader.isReturn);
  };

  private readHeader(fieldCount: number, malformed: MalformedRecord | null): void {
    if (malformed !== null) {
      throw new UserInputError('the header line has a quote that is never closed or is followed by text', { file: this.file, line: 1 });
    }
    const header: string[] = [];
    for (let k = 0; k < fieldCount; k++) header.push(fieldText(this.tokenizer, k));
    const columns = resolveColumns(header, this.settings.columns, this.file, this.settings.wording);
    this.header = header;
    this.columns = columns;
    this.reader = new TransactionLineReader({ columns, header, decimal: this.settings.decimal, dateFormat: this.settings.dateFormat, wording: this.settings.wording });
    const calibrationEnd = Number.isNaN(this.settings.calibrationEnd) ? Infinity : this.settings.calibrationEnd;
    this.ledger = new CustomerLedger(calibrationEnd, columns.order >= 0, this.settings.keepRowLog ? new RowLog() : null);
    if (columns.category >= 0) this.categories = new CategoryAccumulator(true);
    if (columns.partner >= 0) this.partners = new CategoryAccumulator(false);
  }

  /** Hand the batch to the ledger, which dates its rows, then to the categories' calibration values. */
  private addBatch(ledger: CustomerLedger): void {
    ledger.addBatch(this.batch);
    this.categories?.addCalibrationValues(this.batch, ledger.calibrationEnd);
    this.batch.clear();
  }

  private badRow(reader: TransactionLineReader, line: number): void {
    const reason = reader.skipReason;
    if (reason !== 'missingCustomerId' && !this.settings.skipBadRows) {
      throw new UserInputError(reader.problemMessage, { file: this.file, line, field: reader.problemField }, reader.problemHint);
    }
    this.rowsSkipped[reason]++;
    if (this.skippedExamples.length < SKIPPED_EXAMPLES_KEPT) {
      const message = reader.problemField === undefined ? reader.problemMessage : `${reader.problemField}: ${reader.problemMessage}`;
      this.skippedExamples.push({ line, reason, message });
    }
  }

  /** Check that the file had rows and purchases, fold the open days, and hand over the ledger. */
  finish(): CustomerLedger {
    if (this.ledger === null) throw emptyFileError(this.file);
    if (this.rowsRead === 0) {
      throw new UserInputError('no data rows after the header', { file: this.file }, 'Expected one row per purchase line below the header.');
    }
    if (this.rowsUsed === 0) {
      const skipped = SKIP_REASONS.filter((reason) => this.rowsSkipped[reason] > 0)
        .map((reason) => `${SKIP_REASON_LABELS[reason]}: ${this.rowsSkipped[reason]}`)
        .join(', ');
      throw new UserInputError(`no usable rows: ${this.rowsRead} read, all skipped (${skipped})`, { file: this.file }, this.skippedExamples.length > 0 ? `First skipped: line ${this.skippedExamples[0].line}: ${this.skippedExamples[0].message}` : undefined);
    }
    this.addBatch(this.ledger);
    this.ledger.closeOpenDays();
    return this.ledger;
  }

  qualityReport(ledger: CustomerLedger, summaries: CustomerSummaries, calibrationEnd: number, period: Period): DataQualityReport {
    let newCustomersInHoldout = 0;
    let customersWithoutPurchase = 0;
    let holdoutPurchases = 0;
    const holdoutValue = new MoneySum();
    let customersPurchasing = 0;
    for (let customer = 0; customer < ledger.count; customer++) {
      const first = ledger.firstPurchaseDay(customer);
      if (first === NO_DAY) customersWithoutPurchase++;
      else if (first > calibrationEnd) newCustomersInHoldout++;
    }
    for (let k = 0; k < summaries.ids.length; k++) {
      holdoutPurchases += summaries.holdoutPurchases[k];
      holdoutValue.add(summaries.holdoutValue[k]);
      if (summaries.holdoutPurchases[k] > 0) customersPurchasing++;
    }
    let purchases = 0;
    for (let k = 0; k < summaries.ids.length; k++) purchases += summaries.x[k] + 1;
    const holdout: HoldoutSummary | null =
      this.lastDay > calibrationEnd
        ? { start: isoDate(calibrationEnd + 1), end: isoDate(this.lastDay), purchases: holdoutPurchases, value: this.money(holdoutValue.total), customersPurchasing }
        : null;
    const warnings: string[] = [];
    if (calibrationEnd > this.lastDay) {
      warnings.push(`the calibration end ${isoDate(calibrationEnd)} is after the last date in the file (${isoDate(this.lastDay)}): T includes days without data`);
    }
    if (customersWithoutPurchase > 0) {
      warnings.push(
        this.settings.zeroAmountIsPurchase
          ? `${customersWithoutPurchase} customer(s) have returns but no purchase; they are not in the summaries`
          : `${customersWithoutPurchase} customer(s) have returns or zero-value rows but no purchase; they are not in the summaries (zero-value rows are ignored)`,
      );
    }
    const returnRate = returnRateOf(this.money(ledger.calibrationPurchasedValue.total), this.money(ledger.calibrationReturnedValue.total));
    if (returnRate.returnedValue > returnRate.purchasedValue) {
      warnings.push(
        `returns in the calibration period (${returnRate.returnedValue}) exceed its purchases (${returnRate.purchasedValue}): ` +
          'the file probably starts after purchases that were returned later, or returns are not marked as such; figures based on net spend do not apply',
      );
    }
    const columns: Partial<Record<ColumnRole, string>> = {};
    for (const role of ALL_COLUMN_ROLES) if (this.columns![role] >= 0) columns[role] = this.header![this.columns![role]];
    const rowsSkippedTotal = SKIP_REASONS.reduce((sum, reason) => sum + this.rowsSkipped[reason], 0);
    return {
      file: this.file,
      delimiter: this.settings.delimiter,
      decimal: this.settings.decimal,
      columns,
      rowsRead: this.rowsRead,
      rowsUsed: this.rowsUsed,
      rowsSkipped: { ...this.rowsSkipped },
      rowsSkippedTotal,
      skippedExamples: [...this.skippedExamples],
      blankLines: this.tokenizer.blankLines,
      returns: { rows: this.returnRows, value: this.money(this.returnValue.total) },
      returnRate,
      zeroValueRows: this.zeroValueRows,
      zeroAmount: this.settings.zeroAmountIsPurchase ? 'purchase' : 'ignore',
      orders: this.columns!.order >= 0 ? ledger.orders : null,
      customers: summaries.ids.length,
      purchases,
      newCustomersInHoldout,
      customersWithoutPurchase,
      customersOutOfDateOrder: ledger.customersOutOfDateOrder,
      revenue: this.money(this.revenue.total),
      grossMargin: this.columns!.margin >= 0 || this.columns!.cost >= 0 ? this.money(this.grossMargin.total) : NaN,
      firstDate: isoDate(this.firstDay),
      lastDate: isoDate(this.lastDay),
      period,
      calibrationStart: summaries.calibrationStart,
      calibrationEnd: summaries.calibrationEnd,
      holdout,
      warnings,
    };
  }
}

/** Rebuild the customers out of date order from the row log of an input that cannot be read twice. */
function rebuildFromRowLog(ledger: CustomerLedger, log: RowLog): void {
  const pool = new OutOfOrderDays(ledger);
  for (let k = 0; k < log.size; k++) {
    const customer = log.customer[k];
    if (pool.tracks(customer)) pool.add(customer, log.day[k], log.value[k], log.isPurchase[k] === 1);
  }
  pool.refold();
}

/**
 * Every summarised customer's purchase days from the row log, in the order of the summaries
 * (customers whose first purchase is on or before the calibration end, in ledger order): a day
 * with a purchase row is a purchase day worth its purchase rows (customer-ledger.ts).
 */
function purchaseDaysFromRowLog(ledger: CustomerLedger, log: RowLog, calibrationEnd: number): PurchaseDays[] {
  const byCustomer = new Map<number, Map<number, number>>();
  for (let k = 0; k < log.size; k++) {
    if (log.isPurchase[k] !== 1) continue;
    let days = byCustomer.get(log.customer[k]);
    if (days === undefined) byCustomer.set(log.customer[k], (days = new Map()));
    days.set(log.day[k], (days.get(log.day[k]) ?? 0) + log.value[k]);
  }
  const result: PurchaseDays[] = [];
  for (let customer = 0; customer < ledger.count; customer++) {
    const first = ledger.firstPurchaseDay(customer);
    if (first === NO_DAY || first > calibrationEnd) continue;
    const days = [...(byCustomer.get(customer) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
    result.push({ days: Int32Array.from(days, ([day]) => day), amounts: Float64Array.from(days, ([, value]) => value) });
  }
  return result;
}

/** Second read of the file: collect every row of the customers out of date order and fold them again. */
async function rebuildOutOfOrderCustomers(file: string, pass: FirstPass, ledger: CustomerLedger): Promise<void> {
  const pool = new OutOfOrderDays(ledger);
  for (let customer = 0; customer < ledger.count; customer++) if (pool.tracks(customer)) ledger.resetOrder(customer);
  const tokenizer = new CsvTokenizer(pass.settings.delimiter.charCodeAt(0));
  const reader = new TransactionLineReader({ columns: pass.columns!, header: pass.header!, decimal: pass.settings.decimal, dateFormat: pass.settings.dateFormat });
  const batch = new RowBatch();
  const addBatchToPool = (): void => {
    ledger.findCustomers(batch);
    for (let k = 0; k < batch.size; k++) {
      const customer = batch.customer[k];
      if (customer < 0 || !pool.tracks(customer)) continue;
      const day = ledger.orderDay(customer, batch.orderId[k], batch.day[k], false);
      pool.add(customer, day, batch.value[k], batch.isPurchase[k] === 1);
    }
    batch.clear();
  };
  let headerSeen = false;
  const setUp = (head: Buffer): CsvReadSetup => ({ tokenizer, skipBytes: byteOrderMarkLength(head) });
  await readCsvRecords(file, setUp, (fieldCount, _line, malformed) => {
    if (!headerSeen) {
      headerSeen = true;
      return;
    }
    if (!reader.read(tokenizer, fieldCount, malformed)) return;
    batch.push(tokenizer.bytes, reader.customerIdStart, reader.customerIdEnd, reader.customerIdEscaped, reader.day, reader.value, reader.margin, isPurchaseRow(reader, pass.settings.zeroAmountIsPurchase), reader.orderId);
    if (batch.isFull) addBatchToPool();
  });
  addBatchToPool();
  pool.refold();
}
