/** The CDNOW sample (2,357 customers, weeks) from test/fixtures/cdnow, as arrays. */
import { readFileSync } from 'node:fs';

export interface CdnowSummaries {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  monetaryValue: Float64Array;
}

export function loadCdnow(): CdnowSummaries {
  const text = readFileSync(new URL('../fixtures/cdnow/cdnow_customers_summary_with_transactions.csv', import.meta.url), 'utf8');
  const lines = text.trim().split('\n').slice(1);
  const data: CdnowSummaries = {
    x: new Float64Array(lines.length),
    tx: new Float64Array(lines.length),
    T: new Float64Array(lines.length),
    monetaryValue: new Float64Array(lines.length),
  };
  lines.forEach((line, i) => {
    const [, x, tx, T, zbar] = line.split(',').map(Number);
    data.x[i] = x;
    data.tx[i] = tx;
    data.T[i] = T;
    data.monetaryValue[i] = zbar;
  });
  return data;
}

/** Published estimates (Fader, Hardie and Lee 2005). */
export const PUBLISHED_BG_NBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
export const PUBLISHED_BG_NBD_LOG_LIKELIHOOD = -9582.4;
export const PUBLISHED_GAMMA_GAMMA = { p: 6.25, q: 3.74, v: 15.44 };
