/**
 * Revenue, gross margin and purchase lines per category (or per coalition partner). The
 * simulator draws each simulated purchase's category from the revenue shares and prices it with
 * the category's margin rate (grossMargin / revenue).
 *
 * Totals cover every used row of the file, calibration and holdout alike: they describe the
 * product mix, not customer behaviour.
 */

export interface CategoryTotals {
  /** The category as written in the file; blank fields are grouped as `(none)`. */
  name: string;
  /** Net revenue (returns subtracted), in the data currency. */
  revenue: number;
  /** Gross margin in the data currency; NaN when the file has no margin or cost column. */
  grossMargin: number;
  /** Purchase lines (rows with a positive value that are not returns). */
  purchases: number;
  /** Return rows. */
  returns: number;
}

/** Accumulates CategoryTotals by name, in order of first appearance. */
export class CategoryAccumulator {
  private readonly indexByName = new Map<string, number>();
  private readonly totals: CategoryTotals[] = [];
  private lastName: string | null = null;
  private lastTotals: CategoryTotals | null = null;

  add(name: string, value: number, margin: number, isPurchase: boolean, isReturn: boolean): void {
    let totals = this.lastTotals;
    if (name !== this.lastName || totals === null) {
      let index = this.indexByName.get(name);
      if (index === undefined) {
        index = this.totals.length;
        this.indexByName.set(name, index);
        this.totals.push({ name, revenue: 0, grossMargin: 0, purchases: 0, returns: 0 });
      }
      totals = this.totals[index];
      this.lastName = name;
      this.lastTotals = totals;
    }
    totals.revenue += value;
    totals.grossMargin += margin;
    if (isPurchase) totals.purchases++;
    if (isReturn) totals.returns++;
  }

  /** The totals, largest revenue first (ties by name), so the order does not depend on row order. */
  result(): CategoryTotals[] {
    return [...this.totals].sort((a, b) => b.revenue - a.revenue || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
