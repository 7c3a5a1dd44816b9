// Ingest benchmark: stream a 10-million-row, 1-million-customer purchase history through
// ingestPurchaseHistory and report rows per second (the runner adds peak RSS).
// Target: at least 800,000 rows/s end to end and under 1.5 GB peak RSS.
//
// The CSV (customer_id,date,amount,category,margin; two years of daily rows in date order, each
// row a uniformly drawn customer) is generated once into bench/out/ by a seeded generator and
// reused; generating it is not timed. A second file holds the same rows with the days in reverse
// order, so that every customer's rows are out of date order: the worst case, which reads the
// file twice (see src/data/out-of-order-days.ts). Peak RSS covers both runs.
import { existsSync, mkdirSync, openSync, writeSync, closeSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPurchaseHistory } from '../dist/data/ingest.js';

const ROWS = Number(process.env.INGEST_BENCH_ROWS ?? 10_000_000);
const CUSTOMERS = Number(process.env.INGEST_BENCH_CUSTOMERS ?? 1_000_000);
const DAYS = 730;
const CATEGORIES = ['fuel', 'shop', 'cafe'];
const MARGIN_PERCENT = [8, 35, 60];

const outFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const fileInDateOrder = path.join(outFolder, `ingest-${ROWS}-rows-${CUSTOMERS}-customers-v1.csv`);
const fileInReverseDateOrder = path.join(outFolder, `ingest-${ROWS}-rows-${CUSTOMERS}-customers-reversed-v1.csv`);

/** xorshift32: a tiny seeded generator, enough for benchmark data. */
function randomGenerator(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Write the benchmark CSV with hand-rolled byte formatting (a string per row would take minutes). */
function generate(target, reverseDays) {
  const random = randomGenerator(20240101);
  const temporary = `${target}.tmp`;
  const fd = openSync(temporary, 'w');
  const buffer = Buffer.allocUnsafe(1 << 22);
  let p = buffer.write('customer_id,date,amount,category,margin\n', 0, 'latin1');
  const writeDigits = (value, minDigits) => {
    const text = String(value).padStart(minDigits, '0');
    p += buffer.write(text, p, 'latin1');
  };
  const dates = Array.from({ length: DAYS }, (_, d) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  let written = 0;
  for (let d = 0; d < DAYS; d++) {
    const rowsToday = d === DAYS - 1 ? ROWS - written : Math.round((ROWS * (d + 1)) / DAYS) - written;
    const date = dates[reverseDays ? DAYS - 1 - d : d];
    for (let k = 0; k < rowsToday; k++) {
      const customer = Math.floor(random() * CUSTOMERS);
      const cents = 100 + Math.floor(random() * random() * 15_000);
      const category = customer % 3;
      const marginCents = Math.round((cents * MARGIN_PERCENT[category]) / 100);
      buffer[p++] = 67; // C
      writeDigits(customer, 7);
      buffer[p++] = 44;
      p += buffer.write(date, p, 'latin1');
      buffer[p++] = 44;
      writeDigits(Math.floor(cents / 100), 1);
      buffer[p++] = 46;
      writeDigits(cents % 100, 2);
      buffer[p++] = 44;
      p += buffer.write(CATEGORIES[category], p, 'latin1');
      buffer[p++] = 44;
      writeDigits(Math.floor(marginCents / 100), 1);
      buffer[p++] = 46;
      writeDigits(marginCents % 100, 2);
      buffer[p++] = 10;
      if (p > buffer.length - 256) {
        writeSync(fd, buffer, 0, p);
        p = 0;
      }
    }
    written += rowsToday;
  }
  writeSync(fd, buffer, 0, p);
  closeSync(fd);
  renameSync(temporary, target);
}

async function timeIngest(file, log) {
  if (!existsSync(file)) {
    log(`generating ${ROWS.toLocaleString('en')} rows into ${path.relative(process.cwd(), file)} (not timed)`);
    const started = performance.now();
    generate(file, file === fileInReverseDateOrder);
    log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const megabytes = statSync(file).size / 1024 / 1024;
  log(`ingesting ${path.basename(file)}, ${megabytes.toFixed(0)} MiB`);
  const started = performance.now();
  const result = await ingestPurchaseHistory(file, { period: 'week' });
  const seconds = (performance.now() - started) / 1000;
  return { result, seconds, megabytes };
}

export async function run(log) {
  mkdirSync(outFolder, { recursive: true });
  const inOrder = await timeIngest(fileInDateOrder, log);
  const reversed = await timeIngest(fileInReverseDateOrder, log);
  const { quality } = inOrder.result;
  return {
    rows: quality.rowsRead,
    customers: quality.customers,
    purchases: quality.purchases,
    seconds: Number(inOrder.seconds.toFixed(2)),
    rowsPerSecond: Math.round(quality.rowsRead / inOrder.seconds),
    megabytesPerSecond: Number((inOrder.megabytes / inOrder.seconds).toFixed(1)),
    notInDateOrderSeconds: Number(reversed.seconds.toFixed(2)),
    notInDateOrderRowsPerSecond: Math.round(reversed.result.quality.rowsRead / reversed.seconds),
    notInDateOrderCustomersRebuilt: reversed.result.quality.customersOutOfDateOrder,
  };
}
