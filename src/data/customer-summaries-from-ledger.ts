/**
 * The customer summaries of a read purchase history: per customer whose first purchase is on or
 * before the calibration end, x = repeat purchase days, t_x = last purchase day - first, T =
 * calibration end - first (both in periods), the mean repeat value, calibration spend and margin,
 * and the holdout purchase days and value (see customer-ledger.ts for what a purchase day is).
 */
import { UserInputError } from '../errors.js';
import { isoDate } from './calendar.js';
import { type CustomerLedger, NO_DAY } from './customer-ledger.js';
import { type CustomerSummaries, type Period, DAYS_PER_PERIOD } from './customer-summary.js';
import { CLI_WORDING, type SettingWording } from './setting-wording.js';
import { roundToDecimals } from './money.js';

/** What the summaries need to know of the whole file, for their error messages. */
export interface FileTotals {
  /** Rows used (not skipped). */
  rowsUsed: number;
  /** Day number of the last date in the file. */
  lastDay: number;
  /** How messages name the ingest settings (default: as CLI options). */
  wording?: SettingWording;
  /** Zero-value rows are not purchases (`zeroAmount: 'ignore'`). */
  zeroAmountIgnored: boolean;
  /** Decimal places of the file's values (NaN when unknown); sums are rounded to them (money.ts). */
  moneyDecimals: number;
}

/** The customers whose first purchase is on or before the calibration end, in order of first appearance. */
export function buildSummaries(ledger: CustomerLedger, calibrationEnd: number, period: Period, file: string, pass: FileTotals): CustomerSummaries {
  let count = 0;
  let calibrationStart = Infinity;
  let firstPurchaseAnywhere = Infinity;
  for (let customer = 0; customer < ledger.count; customer++) {
    const first = ledger.firstPurchaseDay(customer);
    if (first === NO_DAY) continue;
    if (first < firstPurchaseAnywhere) firstPurchaseAnywhere = first;
    if (first <= calibrationEnd) {
      count++;
      if (first < calibrationStart) calibrationStart = first;
    }
  }
  if (firstPurchaseAnywhere === Infinity) {
    throw new UserInputError(
      `no purchases: all ${pass.rowsUsed} used rows are returns${pass.zeroAmountIgnored ? ' or have zero value' : ''}`,
      { file },
      `A purchase is a row with a positive${pass.zeroAmountIgnored ? '' : ' or zero'} amount (or quantity x unit price) that is not a return.`,
    );
  }
  if (count === 0) {
    throw new UserInputError(
      `the calibration end ${isoDate(calibrationEnd)} is before the first purchase (${isoDate(firstPurchaseAnywhere)})`,
      (pass.wording ?? CLI_WORDING).where('calibrationEnd'),
      `Choose a date between ${isoDate(firstPurchaseAnywhere)} and ${isoDate(pass.lastDay)}.`,
    );
  }
  const daysPerPeriod = DAYS_PER_PERIOD[period];
  // Sums of money are rounded back to the decimals of the values summed (money.ts).
  const decimals = pass.moneyDecimals;
  const ids: string[] = new Array(count);
  const x = new Float64Array(count);
  const tx = new Float64Array(count);
  const T = new Float64Array(count);
  const monetaryValue = new Float64Array(count);
  const totalSpend = new Float64Array(count);
  const grossMargin = new Float64Array(count);
  const holdoutPurchases = new Float64Array(count);
  const holdoutValue = new Float64Array(count);
  const repeatValue = new Float64Array(count);
  const valuedRepeats = new Float64Array(count);
  const allIds = ledger.takeCustomerIds();
  let k = 0;
  for (let customer = 0; customer < ledger.count; customer++) {
    const first = ledger.firstPurchaseDay(customer);
    if (first === NO_DAY || first > calibrationEnd) continue;
    const repeats = ledger.repeatDays(customer);
    ids[k] = allIds[customer];
    x[k] = repeats;
    tx[k] = (ledger.lastPurchaseDay(customer) - first) / daysPerPeriod;
    T[k] = (calibrationEnd - first) / daysPerPeriod;
    const valued = ledger.valuedRepeatDays(customer);
    valuedRepeats[k] = valued;
    repeatValue[k] = valued > 0 ? roundToDecimals(ledger.repeatValue(customer), decimals) : 0;
    monetaryValue[k] = valued > 0 ? repeatValue[k] / valued : 0;
    totalSpend[k] = roundToDecimals(ledger.calibrationSpend(customer), decimals);
    grossMargin[k] = roundToDecimals(ledger.calibrationMargin(customer), decimals);
    holdoutPurchases[k] = ledger.holdoutDays(customer);
    holdoutValue[k] = roundToDecimals(ledger.holdoutValue(customer), decimals);
    k++;
  }
  const summaries: CustomerSummaries = {
    period,
    calibrationStart: isoDate(calibrationStart),
    calibrationEnd: isoDate(calibrationEnd),
    ids,
    x,
    tx,
    T,
    monetaryValue,
    totalSpend,
    grossMargin,
    holdoutPurchases,
    holdoutValue,
    repeatValue,
    valuedRepeats,
  };
  if (pass.lastDay > calibrationEnd) summaries.holdoutEnd = isoDate(pass.lastDay);
  return summaries;
}
