/**
 * Which CSV column plays which role. Each role has a default header name; `--columns` maps roles
 * to other names (`customer=CustomerID,date=InvoiceDate`). Header names match exactly, or else
 * ignoring case and surrounding spaces.
 *
 * Required: customer, date, and either amount or both quantity and unit_price
 * (amount = quantity x unit price). Everything else is optional and used when present.
 */
import { UserInputError } from '../errors.js';
import { CLI_WORDING, type SettingWording } from './setting-wording.js';

export type ColumnRole =
  | 'customer'
  | 'date'
  | 'amount'
  | 'order'
  | 'quantity'
  | 'unit_price'
  | 'margin'
  | 'cost'
  | 'category'
  | 'partner'
  | 'status';

/** Default header name of each role, and what the role means (shown in errors and the README). */
export const COLUMN_ROLES: Record<ColumnRole, { defaultName: string; meaning: string }> = {
  customer: { defaultName: 'customer_id', meaning: 'customer id; rows without one are skipped and counted' },
  date: { defaultName: 'date', meaning: 'purchase date (ISO 8601, YYYYMMDD, or as given by --date-format)' },
  amount: { defaultName: 'amount', meaning: 'value of the row in the data currency; negative for a return' },
  order: { defaultName: 'order_id', meaning: 'order number: consecutive lines of a customer with the same number are one order, dated by its first line' },
  quantity: { defaultName: 'quantity', meaning: 'units; negative for a return' },
  unit_price: { defaultName: 'unit_price', meaning: 'price per unit (amount = quantity x unit price when there is no amount column)' },
  margin: { defaultName: 'margin', meaning: 'gross margin of the row in the data currency (not a percentage)' },
  cost: { defaultName: 'cost', meaning: 'cost of goods of the row in the data currency (margin = amount - cost)' },
  category: { defaultName: 'category', meaning: 'product category' },
  partner: { defaultName: 'partner', meaning: 'coalition partner where the purchase was made' },
  status: { defaultName: 'status', meaning: 'order status: cancelled, canceled, cancellation, returned, return, refunded, refund, void, voided or reversed make the row a return' },
};

export const ALL_COLUMN_ROLES = Object.keys(COLUMN_ROLES) as ColumnRole[];

/** Column index of each role found in the header (-1 when the role has no column). */
export type ColumnIndexes = Record<ColumnRole, number>;

/**
 * Parse `--columns role=Header,role=Header`. The header name is everything after the first `=`
 * (it may contain spaces); a role may appear once.
 */
export function parseColumnMapping(text: string, option = '--columns'): Partial<Record<ColumnRole, string>> {
  const mapping: Partial<Record<ColumnRole, string>> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    const role = (equals < 0 ? pair : pair.slice(0, equals)).trim();
    const name = equals < 0 ? '' : pair.slice(equals + 1).trim();
    if (!isColumnRole(role)) {
      throw new UserInputError(`unknown column role '${role}'`, { field: option }, `Roles: ${ALL_COLUMN_ROLES.join(', ')}. Example: --columns customer=CustomerID,date=InvoiceDate`);
    }
    if (name === '') {
      throw new UserInputError(`'${pair.trim()}' names no column`, { field: option }, `Write role=ColumnName, e.g. ${role}=${COLUMN_ROLES[role].defaultName}`);
    }
    if (mapping[role] !== undefined) {
      throw new UserInputError(`the role '${role}' is mapped twice`, { field: option });
    }
    mapping[role] = name;
  }
  return mapping;
}

function isColumnRole(text: string): text is ColumnRole {
  return Object.hasOwn(COLUMN_ROLES, text);
}

/**
 * Find each role's column in the header. A role mapped with `--columns` must be found; a role left
 * at its default name is optional unless required. Throws a UserInputError naming the missing
 * column and listing the header.
 */
export function resolveColumns(header: string[], mapping: Partial<Record<ColumnRole, string>>, file: string, wording: SettingWording = CLI_WORDING): ColumnIndexes {
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  header.forEach((name, index) => {
    if (!exact.has(name)) exact.set(name, index);
    const key = name.trim().toLowerCase();
    if (!loose.has(key)) loose.set(key, index);
  });
  const find = (name: string): number => exact.get(name) ?? loose.get(name.trim().toLowerCase()) ?? -1;
  const headerList = header.map((name) => `'${name}'`).join(', ');
  const indexes = {} as ColumnIndexes;
  for (const role of ALL_COLUMN_ROLES) {
    const mapped = mapping[role];
    const index = find(mapped ?? COLUMN_ROLES[role].defaultName);
    if (mapped !== undefined && index < 0) {
      throw new UserInputError(`column '${mapped}' (mapped to ${role} by ${wording.name('columns')}) is not in the header`, { file, line: 1 }, `The header has: ${headerList}.`);
    }
    indexes[role] = index;
  }
  const missing = (role: ColumnRole): UserInputError => {
    const name = mapping[role] ?? COLUMN_ROLES[role].defaultName;
    return new UserInputError(
      `missing required column '${name}' (${COLUMN_ROLES[role].meaning})`,
      { file, line: 1 },
      `The header has: ${headerList}. Map your own names with ${wording.name('columns')}, e.g. ${wording.example('columns', wording === CLI_WORDING ? `${role}=YourColumn` : `{ ${role}: YourColumn }`)}`,
    );
  };
  if (indexes.customer < 0) throw missing('customer');
  if (indexes.date < 0) throw missing('date');
  if (indexes.amount < 0 && (indexes.quantity < 0 || indexes.unit_price < 0)) {
    const error = missing('amount');
    throw new UserInputError(error.message, error.location, `${error.hint} (or give quantity and unit_price columns).`);
  }
  const roleOf = new Map<number, ColumnRole>();
  for (const role of ALL_COLUMN_ROLES) {
    const index = indexes[role];
    if (index < 0) continue;
    const other = roleOf.get(index);
    if (other !== undefined) {
      throw new UserInputError(`column '${header[index]}' is used both as ${other} and as ${role}`, { file, line: 1, field: wording.name('columns') }, 'Map each role to its own column.');
    }
    roleOf.set(index, role);
  }
  return indexes;
}
