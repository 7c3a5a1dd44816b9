/** A growable list of days (Float64Array with a length): arrival days of customers of one world. */
export class DayList {
  private days = new Float64Array(64);
  length = 0;

  clear(): void {
    this.length = 0;
  }

  push(day: number): void {
    if (this.length === this.days.length) {
      const grown = new Float64Array(2 * this.days.length);
      grown.set(this.days);
      this.days = grown;
    }
    this.days[this.length++] = day;
  }

  at(index: number): number {
    return this.days[index];
  }
}
