// Types of fuzz/cases.js for the fuzz sample (test/fuzz/fuzz-sample.test.ts).
/** Each category of generated case and its weight in the draw. */
export const CATEGORIES: Readonly<Record<string, number>>;
