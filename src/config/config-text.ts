/**
 * The text of a scenario or program file, read with stated limits before the YAML parser sees it:
 * at most MAX_CONFIG_FILE_BYTES, read as a stream (so `/dev/zero` or a pipe stops at the limit),
 * UTF-8 text without NUL bytes, and nested at most MAX_YAML_NESTING levels deep (the parser's
 * recursion cannot be trusted with deeper nesting). Each refusal names the line and column.
 */
import { createReadStream } from 'node:fs';

/** The largest scenario or program file read: 1 MiB. The bundled scenarios are under 10 KiB. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/** When a config input gives no data for this long (a FIFO without a writer), the caller is told once. */
export const CONFIG_WAITING_NOTICE_MS = 2000;

/**
 * The deepest nesting of mappings and lists read. A scenario nests about 6 levels
 * (programs[0].redemption.catalogue[0].name); YAML nested thousands of levels deep exhausts the
 * parser's stack or memory.
 */
export const MAX_YAML_NESTING = 64;

/** A problem with the text of a file, at a 1-based line and column. */
export interface TextProblem {
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/**
 * The bytes of `file`, read as a stream; 'too big' as soon as more than MAX_CONFIG_FILE_BYTES
 * arrive; `onWaiting` is called once when nothing arrives for CONFIG_WAITING_NOTICE_MS. File-system errors (ENOENT, EISDIR, ...) are thrown as Node raises them.
 */
export async function readConfigBytes(file: string, onWaiting?: () => void): Promise<Buffer | 'too big'> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  // A FIFO nobody writes to yet gives no data and no end: say what is awaited rather than hang in silence.
  let waiting: NodeJS.Timeout | undefined = onWaiting ? setTimeout(onWaiting, CONFIG_WAITING_NOTICE_MS) : undefined;
  try {
    for await (const chunk of stream) {
      clearTimeout(waiting);
      waiting = undefined;
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > MAX_CONFIG_FILE_BYTES) return 'too big';
      chunks.push(bytes);
    }
  } finally {
    clearTimeout(waiting);
    stream.destroy();
  }
  return Buffer.concat(chunks);
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

/** The file's bytes as text (without a byte-order mark), or the first reason they are not YAML text. */
export function configText(bytes: Uint8Array): { text: string } | { problem: TextProblem } {
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    const lenient = LENIENT_UTF8.decode(bytes);
    const at = positionOf(lenient, Math.max(0, lenient.indexOf('\uFFFD')));
    return { problem: { ...at, message: 'the file is not UTF-8 text', hint: 'Save the file as UTF-8 (ISO 8859-1 and Windows-1252 text must be converted).' } };
  }
  text = text.replace(/^\uFEFF/, '');
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return { problem: { ...positionOf(text, nul), message: 'the file contains a NUL byte: it is binary data, not YAML text', hint: 'Give a scenario or program YAML file.' } };
  }
  const deep = nestingProblem(text);
  return deep ? { problem: deep } : { text };
}

/**
 * The first place where mappings and lists nest deeper than MAX_YAML_NESTING: block levels by
 * indentation (each `- ` opening a line counts as one more), plus the open `[` and `{` of flow
 * collections outside quotes and comments. A lexical estimate that never undercounts the
 * parser's nesting by more than a few levels, which is all the limit needs.
 */
function nestingProblem(text: string): TextProblem | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = '';
  let lineStart = 0;
  /** The indentation of the key a block scalar (`|` or `>`) belongs to, while in its text; -1 outside. */
  let blockScalarIndent = -1;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let i = lineStart;
    let indent = -1;
    if (quote === '' && flow === 0) {
      while (i < lineEnd && text[i] === ' ') i++;
      indent = i - lineStart;
      const blank = i === lineEnd || text[i] === '\r';
      if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
        // The text of a block scalar: brackets and dashes in it are not YAML structure.
        lineStart = lineEnd + 1;
        continue;
      }
      blockScalarIndent = -1;
      if (!blank && text[i] !== '#') {
        while (indents.length > 0 && indents[indents.length - 1] > indent) indents.pop();
        if (indents.length === 0 || indents[indents.length - 1] < indent) indents.push(indent);
        let markers = 0;
        while (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === lineEnd)) {
          markers++;
          i += 2;
          while (i < lineEnd && text[i] === ' ') i++;
        }
        if (indents.length + markers > MAX_YAML_NESTING) return tooDeep(text, i);
      }
    }
    let contentEnd = i;
    for (; i < lineEnd; i++) {
      const c = text[i];
      if (c !== ' ' && c !== '\t' && c !== '\r') contentEnd = i + 1;
      if (quote !== '') {
        if (c === quote) quote = '';
        else if (c === '\\' && quote === '"') i++;
      } else if ((c === '"' || c === "'") && (i === lineStart || ' \t[{,:-?'.includes(text[i - 1]))) {
        // A quote opens a quoted scalar only where a scalar starts (not in O'Brien or 5").
        quote = c;
      } else if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        contentEnd = i;
        break;
      } else if (c === '[' || c === '{') {
        flow++;
        if (indents.length + flow > MAX_YAML_NESTING) return tooDeep(text, i);
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      }
    }
    // A single-quoted scalar may span lines, but a stray apostrophe in plain text must not hide the rest.
    if (quote === "'" && flow === 0) quote = '';
    if (indent >= 0 && quote === '' && flow === 0 && /(?:^|[\s:-])[|>][0-9+-]*\s*$/.test(text.slice(lineStart, contentEnd))) blockScalarIndent = indent;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function tooDeep(text: string, offset: number): TextProblem {
  return {
    ...positionOf(text, offset),
    message: `mappings and lists nest more than ${MAX_YAML_NESTING} levels deep here`,
    hint: 'A scenario nests about 6 levels (programs[0].redemption.catalogue[0].name); check the indentation and the brackets.',
  };
}
