/**
 * Reading one CSV record as a transaction line: customer, date, signed value, gross margin,
 * order number, or the reason the record cannot be used. (Category and partner are read from
 * the record by CategoryAccumulator.)
 *
 * Rules (the README's "Input" section says the same):
 * - value = amount, or quantity x unit price when there is no amount column (rounded to the
 *   decimals of its factors: 3 x 6.90 is 20.7, see money.ts).
 * - Numbers above MAX_ROW_AMOUNT (10^15) in magnitude, and a product above it, are bad numbers.
 * - A row is a return when its value or its quantity is negative, or its status says it was
 *   cancelled or returned (see COLUMN_ROLES.status). A return's value is -|value| and its margin
 *   -|margin| (or -(|amount| - |cost|)): the spend and the margin go back.
 * - Gross margin: the margin column, else amount - cost, else unknown (NaN).
 * - A row without a customer id cannot be tied to anyone: it is skipped and counted, never fatal,
 *   whatever else is wrong with it. An id longer than MAX_CUSTOMER_ID_BYTES is a bad row. A record with the wrong number of fields is checked first,
 *   because its fields cannot be trusted.
 *
 * The reader is reused for every row (no allocation per row); results are in its public fields.
 */
import { shortened } from '../errors.js';
import type { ColumnIndexes, ColumnRole } from './column-mapping.js';
import { type CsvTokenizer, type MalformedRecord, FieldQuoting, fieldText } from './csv-tokenizer.js';
import type { DateFormat } from './date-format.js';
import { lastParsed, parseDecimalNumber } from './decimal-number.js';
import { MAX_ROW_AMOUNT, MAX_ROW_AMOUNT_TEXT, roundToDecimals } from './money.js';
import { describeIsoDateProblem, parseIsoDate } from './iso-date.js';
import type { SkipReason } from './data-quality.js';
import { CLI_WORDING, type SettingWording } from './setting-wording.js';

/**
 * The longest customer id read, in bytes (UTF-8): 256. Real ids (numbers, e-mail addresses, UUIDs)
 * are far shorter; a longer field is a mis-mapped column (a description, a JSON blob), and a limit
 * keeps the id table's memory bounded (README, "Size").
 */
export const MAX_CUSTOMER_ID_BYTES = 256;

/** Statuses (trimmed, lower case) that make a row a return. */
export const CANCELLED_STATUSES: ReadonlySet<string> = new Set(['cancelled', 'canceled', 'cancellation', 'returned', 'return', 'refunded', 'refund', 'void', 'voided', 'reversed']);

export interface TransactionLineSettings {
  columns: ColumnIndexes;
  header: string[];
  /** `.` or `,` */
  decimal: '.' | ',';
  /** Explicit `--date-format`; without it, ISO 8601 and YYYYMMDD are read. */
  dateFormat?: DateFormat;
  /** How hints name the settings (default: as CLI options). */
  wording?: SettingWording;
}

export class TransactionLineReader {
  // The line read, valid after read() returned true.
  /** Byte range of the (trimmed) customer id in the tokenizer's bytes, and whether it has `""` escapes. */
  customerIdStart = 0;
  customerIdEnd = 0;
  customerIdEscaped = false;
  day = 0;
  value = 0;
  margin = NaN;
  isReturn = false;
  orderId: string | null = null;
  /**
   * The most decimal places of any value and margin read so far (NaN once one came with an
   * exponent that leaves them unknown): the places sums of them are rounded to (money.ts).
   */
  maxDecimals = 0;

  // Why read() returned false.
  skipReason: SkipReason = 'badNumber';
  /** `column 'amount'` (the header's name), or undefined for problems of the whole record. */
  problemField: string | undefined;
  /** `'abc' is not a number` */
  problemMessage = '';
  problemHint: string | undefined;

  private readonly columns: ColumnIndexes;
  private readonly fieldCount: number;
  private readonly decimalByte: number;
  private readonly hasAmount: boolean;
  private readonly wording: SettingWording;

  constructor(private readonly settings: TransactionLineSettings) {
    this.columns = settings.columns;
    this.fieldCount = settings.header.length;
    this.decimalByte = settings.decimal.charCodeAt(0);
    this.hasAmount = settings.columns.amount >= 0;
    this.wording = settings.wording ?? CLI_WORDING;
  }

  /** Read the current record of `tokenizer`; false (with skipReason and problem set) when it cannot be used. */
  read(tokenizer: CsvTokenizer, fieldCount: number, malformed: MalformedRecord | null): boolean {
    if (malformed !== null) {
      return this.reject(
        'malformedQuotes',
        undefined,
        malformed === 'unclosedQuote' ? 'a quoted field is never closed' : 'text follows the closing quote of a field',
        'Inside quotes, write a quote as two quotes ("").',
      );
    }
    if (fieldCount !== this.fieldCount) {
      return this.reject(
        'wrongFieldCount',
        undefined,
        `expected ${this.fieldCount} fields as in the header, found ${fieldCount}`,
        `Quote fields that contain the delimiter, or check ${this.wording.name('delimiter')}.`,
      );
    }
    const columns = this.columns;
    const bytes = tokenizer.bytes;

    let start = tokenizer.fieldStart[columns.customer];
    let end = tokenizer.fieldEnd[columns.customer];
    while (start < end && (bytes[start] === 32 || bytes[start] === 9)) start++;
    while (end > start && (bytes[end - 1] === 32 || bytes[end - 1] === 9)) end--;
    if (start === end) return this.reject('missingCustomerId', this.columnLabel('customer'), 'the customer id is blank', undefined);
    if (end - start > MAX_CUSTOMER_ID_BYTES) {
      return this.reject(
        'longCustomerId',
        this.columnLabel('customer'),
        `the customer id is ${(end - start).toLocaleString('en-US')} bytes long; ids of more than ${MAX_CUSTOMER_ID_BYTES} bytes are not read`,
        `Is the customer column mapped to the right column (${this.wording.example('columns', 'customer=...')})? Shorten the ids, or ${this.wording.give('onBadRow', 'skip')} to skip and count such rows.`,
      );
    }
    this.customerIdStart = start;
    this.customerIdEnd = end;
    this.customerIdEscaped = tokenizer.fieldQuoting[columns.customer] === FieldQuoting.QuotedWithEscapes;

    const dateIndex = columns.date;
    const dateFormat = this.settings.dateFormat;
    const day = dateFormat
      ? dateFormat.parse(bytes, tokenizer.fieldStart[dateIndex], tokenizer.fieldEnd[dateIndex])
      : parseIsoDate(bytes, tokenizer.fieldStart[dateIndex], tokenizer.fieldEnd[dateIndex]);
    if (day !== day) return this.rejectDate(tokenizer);
    this.day = day;

    let quantity = NaN;
    let quantityDecimals = 0;
    if (columns.quantity >= 0) {
      quantity = this.number(tokenizer, columns.quantity);
      if (quantity !== quantity) return this.rejectNumber(tokenizer, 'quantity');
      quantityDecimals = lastParsed.decimals;
    }
    let value: number;
    let valueDecimals: number;
    if (this.hasAmount) {
      value = this.number(tokenizer, columns.amount);
      if (value !== value) return this.rejectNumber(tokenizer, 'amount');
      valueDecimals = lastParsed.decimals;
    } else {
      const unitPrice = this.number(tokenizer, columns.unit_price);
      if (unitPrice !== unitPrice) return this.rejectNumber(tokenizer, 'unit_price');
      valueDecimals = quantityDecimals + lastParsed.decimals;
      value = roundToDecimals(quantity * unitPrice, valueDecimals);
      if (!(Math.abs(value) <= MAX_ROW_AMOUNT)) return this.rejectProduct(quantity, unitPrice);
    }
    let isReturn = value < 0 || quantity < 0;
    if (!isReturn && columns.status >= 0) isReturn = this.isCancelledStatus(tokenizer);

    let margin = NaN;
    let decimals = valueDecimals;
    if (columns.margin >= 0) {
      margin = this.number(tokenizer, columns.margin);
      if (margin !== margin) return this.rejectNumber(tokenizer, 'margin');
      if (isReturn) margin = -Math.abs(margin);
      if (!(lastParsed.decimals <= decimals)) decimals = lastParsed.decimals;
    } else if (columns.cost >= 0) {
      const cost = this.number(tokenizer, columns.cost);
      if (cost !== cost) return this.rejectNumber(tokenizer, 'cost');
      if (!(lastParsed.decimals <= decimals)) decimals = lastParsed.decimals;
      margin = roundToDecimals(isReturn ? -(Math.abs(value) - Math.abs(cost)) : value - cost, decimals);
    }
    if (!(decimals <= this.maxDecimals)) this.maxDecimals = decimals;
    this.value = isReturn ? -Math.abs(value) : value;
    this.margin = margin;
    this.isReturn = isReturn;
    if (columns.order >= 0) {
      const orderId = fieldText(tokenizer, columns.order).trim();
      this.orderId = orderId === '' ? null : orderId;
    }
    return true;
  }

  /** The number in field `index`, or NaN when it is not one or above MAX_ROW_AMOUNT; its places in lastParsed. */
  private number(tokenizer: CsvTokenizer, index: number): number {
    if (tokenizer.fieldQuoting[index] === FieldQuoting.QuotedWithEscapes) return NaN;
    const value = parseDecimalNumber(tokenizer.bytes, tokenizer.fieldStart[index], tokenizer.fieldEnd[index], this.decimalByte);
    return value >= -MAX_ROW_AMOUNT && value <= MAX_ROW_AMOUNT ? value : NaN;
  }

  private isCancelledStatus(tokenizer: CsvTokenizer): boolean {
    const index = this.columns.status;
    if (tokenizer.fieldEnd[index] === tokenizer.fieldStart[index]) return false;
    return CANCELLED_STATUSES.has(fieldText(tokenizer, index).trim().toLowerCase());
  }

  private columnLabel(role: ColumnRole): string {
    return `column '${this.settings.header[this.columns[role]]}'`;
  }

  private reject(reason: SkipReason, field: string | undefined, message: string, hint: string | undefined): false {
    this.skipReason = reason;
    this.problemField = field;
    this.problemMessage = message;
    this.problemHint = hint;
    return false;
  }

  private rejectDate(tokenizer: CsvTokenizer): false {
    const text = shortened(fieldText(tokenizer, this.columns.date));
    const format = this.settings.dateFormat;
    if (text.trim() === '') return this.reject('badDate', this.columnLabel('date'), 'the date is blank', 'Every row needs a purchase date.');
    if (format) {
      return this.reject('badDate', this.columnLabel('date'), `'${text}' does not match ${this.wording.name('dateFormat')} '${format.pattern}'`, `Fix the row, or ${this.wording.give('onBadRow', 'skip')} to skip and count bad rows.`);
    }
    const problem = describeIsoDateProblem(text);
    if (problem !== null) {
      return this.reject(
        'badDate',
        this.columnLabel('date'),
        `'${text}' is not a date: ${problem}`,
        `Fix the row, or ${this.wording.give('onBadRow', 'skip')} to skip and count bad rows; if the file writes its dates in another order, give ${this.wording.example('dateFormat', 'YYYY-DD-MM')}.`,
      );
    }
    return this.reject(
      'badDate',
      this.columnLabel('date'),
      `'${text}' is not a date in a known form`,
      `Dates are read as ISO 8601 (2024-03-05, 2024-03-05 14:30:00) or YYYYMMDD; for other forms ${this.wording.give('dateFormat', 'DD.MM.YYYY')} (or another pattern, e.g. "M/D/YYYY H:mm").`,
    );
  }

  private rejectProduct(quantity: number, unitPrice: number): false {
    return this.reject(
      'badNumber',
      `${this.columnLabel('quantity')} x ${this.columnLabel('unit_price')}`,
      `${quantity} x ${unitPrice} = ${quantity * unitPrice} is too large: values above ${MAX_ROW_AMOUNT_TEXT} per row are not read`,
      `Is a column in another unit, or a code rather than a number? Fix the row, or ${this.wording.give('onBadRow', 'skip')} to skip and count bad rows.`,
    );
  }

  private rejectNumber(tokenizer: CsvTokenizer, role: ColumnRole): false {
    const full = fieldText(tokenizer, this.columns[role]);
    const text = shortened(full);
    if (text.trim() === '') return this.reject('badNumber', this.columnLabel(role), 'the value is blank', `Fill in the value, or ${this.wording.give('onBadRow', 'skip')} to skip and count bad rows.`);
    // A well-formed number (with the file's decimal mark) that is too large, or infinite, like 1e309.
    const written = Number(full.trim().replace(this.settings.decimal, '.'));
    const wellFormed = this.settings.decimal === ',' ? /^\s*[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?\s*$/ : /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
    if (wellFormed.test(full) && Math.abs(written) > MAX_ROW_AMOUNT) {
      return this.reject(
        'badNumber',
        this.columnLabel(role),
        `'${text}' is too large: values above ${MAX_ROW_AMOUNT_TEXT} per row are not read`,
        `Is the column in another unit, or a code rather than an amount? Fix the row, or ${this.wording.give('onBadRow', 'skip')} to skip and count bad rows.`,
      );
    }
    const looksLikeDecimalComma = this.settings.decimal === '.' && /^\s*[+-]?\d*,\d+\s*$/.test(text);
    return this.reject(
      'badNumber',
      this.columnLabel(role),
      `'${text}' is not a number`,
      looksLikeDecimalComma
        ? `This looks like a decimal comma: ${this.wording.give('decimal', ',')} (and ${this.wording.example('delimiter', ';')} if fields are separated by semicolons).`
        : `Numbers are written like 1234.5 or -12 (no thousands separators or currency symbols); fix the row, or ${this.wording.give('onBadRow', 'skip')} to skip and count bad rows.`,
    );
  }
}

