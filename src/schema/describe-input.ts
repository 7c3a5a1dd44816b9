/** How a value read from YAML is shown in an error message: `'abc'`, `true`, `a list`, `nothing`. */
export function describeInput(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
