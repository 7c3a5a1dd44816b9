/**
 * The header line of a purchase-history CSV, read as the ingest reads it (byte-order mark skipped,
 * UTF-8 checked, the delimiter detected unless given) without reading the rest of the file: for
 * showing which columns play which role before a scenario is written.
 */
import { readCsvRecords } from './csv-file-reader.js';
import { assertLooksLikeText, byteOrderMarkLength, detectDelimiter, type Delimiter } from './csv-dialect.js';
import { CsvTokenizer, fieldText } from './csv-tokenizer.js';
import { UserInputError } from '../errors.js';

export interface CsvHeader {
  /** The column names, in file order. */
  names: string[];
  /** The field delimiter, as given or detected from the first bytes. */
  delimiter: Delimiter;
}

/** Thrown from the record handler to stop reading after the header. */
class HeaderRead extends Error {}

/** The header of `file`; a UserInputError naming the file when it is empty, not text, or cannot be read. */
export async function readCsvHeader(file: string, options: { delimiter?: Delimiter } = {}): Promise<CsvHeader> {
  let tokenizer: CsvTokenizer | undefined;
  let delimiter: Delimiter = options.delimiter ?? ',';
  let names: string[] | undefined;
  try {
    await readCsvRecords(
      file,
      (head) => {
        const skipBytes = byteOrderMarkLength(head);
        if (head.length === skipBytes) throw new UserInputError('the file is empty', { file }, 'Expected a header line (e.g. customer_id,date,amount) and one row per purchase line.');
        assertLooksLikeText(head, file);
        delimiter = options.delimiter ?? detectDelimiter(head, skipBytes);
        tokenizer = new CsvTokenizer(delimiter.charCodeAt(0));
        return { tokenizer, skipBytes };
      },
      (fieldCount) => {
        names = Array.from({ length: fieldCount }, (_, k) => fieldText(tokenizer!, k).trim());
        throw new HeaderRead();
      },
    );
  } catch (err) {
    if (!(err instanceof HeaderRead)) throw err;
  }
  if (names === undefined) throw new UserInputError('the file has no header line', { file }, 'Expected a header line (e.g. customer_id,date,amount) and one row per purchase line.');
  return { names, delimiter };
}
