/**
 * A parsed YAML file that remembers where every value came from, so that an error found later
 * (by the schema, or by a run that finds a category missing from the data) can name the file,
 * line and column of the offending key or value.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { parseDistributionText } from '../schema/distribution-text.js';
import { formatKeyPath, type KeyPath } from '../schema/issue-text.js';

export type { KeyPath } from '../schema/issue-text.js';

/** One problem in a configuration file, located as precisely as the file allows. */
export interface ConfigIssue {
  /** The file as the user named it (relative paths stay relative). */
  file: string;
  line: number;
  column: number;
  /** Key path inside the file, e.g. `programs[1].enrolment.share`; empty at the top level. */
  field: string;
  message: string;
  /** What to do about it, when the message alone does not say. */
  hint?: string;
}

/** The most values aliases may expand to (yaml's maxAliasCount): far above any scenario, far below an alias bomb. */
export const MAX_ALIAS_COUNT = 1000;

export class YamlSource {
  private constructor(
    /** The file as the user named it. */
    readonly file: string,
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    /** The parsed content as plain JavaScript values. */
    readonly value: unknown,
  ) {}

  /** Parse YAML text; syntax errors (and distributions cut apart by a flow mapping's commas) come back as issues. */
  static parse(text: string, file: string): { source: YamlSource; issues: ConfigIssue[] } {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
    const issues: ConfigIssue[] = document.errors.map((error) => {
      const position = lineCounter.linePos(error.pos[0]);
      return { file, line: position.line, column: position.col, field: '', message: yamlErrorMessage(error.code, error.message) };
    });
    let value: unknown;
    if (issues.length === 0) {
      try {
        value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        // yaml refuses aliases that expand beyond maxAliasCount (a "billion laughs" file).
        if (!/alias/i.test((err as Error).message)) throw err;
        let firstAlias: Node | undefined;
        visit(document, { Alias: (_key, node) => ((firstAlias = node), visit.BREAK) });
        const { line, col } = lineCounter.linePos(firstAlias?.range?.[0] ?? 0);
        issues.push({
          file,
          line,
          column: col,
          field: '',
          message: `YAML aliases expand to more than ${MAX_ALIAS_COUNT} values (an alias bomb)`,
          hint: 'Write the values out, or use fewer aliases of aliases.',
        });
      }
    }
    const source = new YamlSource(file, document, lineCounter, value);
    if (issues.length === 0) issues.push(...source.cutDistributions());
    return { source, issues };
  }

  /**
   * Inside `{ ... }` or `[ ... ]` YAML splits plain text at commas, so `{ share: pert(0, 0.5, 1) }`
   * reads as `share: "pert(0"` plus two odd keys. Report that as the one real mistake it is.
   */
  private cutDistributions(): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    visit(this.document, {
      Scalar: (_key, node, path) => {
        const parent = path[path.length - 1];
        const collection = isPair(parent) ? path[path.length - 2] : parent;
        if (!isCollection(collection) || !collection.flow || node.type !== 'PLAIN' || typeof node.value !== 'string') return;
        if (!/^[A-Za-z_]\w*\s*\([^)]*$/.test(node.value)) return;
        const parsed = parseDistributionText(node.value, { percentAllowed: true });
        if (!parsed.ok) issues.push({ ...this.positionOf(node), file: this.file, field: '', message: parsed.message });
      },
    });
    return issues;
  }

  private positionOf(node: Node | null | undefined): { line: number; column: number } {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where the value at `path` is written. When the path leads to a key that is absent, the
   * position of the closest enclosing key (or, at the top, of the mapping) is given instead. A
   * mapping or list is shown at the key it is the value of. With `key`, the position of that key
   * inside the mapping at `path` (for unknown keys).
   */
  locate(path: KeyPath, options: { key?: string } = {}): { line: number; column: number } {
    let node: unknown = this.document.contents;
    let keyNode: unknown;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.document);
      if (isMap(node)) {
        const pair = node.items.find((item) => scalarText(item.key) === String(segment));
        if (!pair) return this.positionOf((keyNode ?? node) as Node);
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        keyNode = undefined;
        node = node.items[segment];
      } else {
        return this.positionOf((keyNode ?? node) as Node);
      }
    }
    if (isAlias(node)) node = node.resolve(this.document);
    if (options.key !== undefined && isMap(node)) {
      const pair = node.items.find((item) => scalarText(item.key) === options.key);
      if (pair) return this.positionOf(pair.key as Node);
    }
    // A problem with a whole mapping or list, or with a key left empty, is shown at its key.
    const atKey = isCollection(node) || (isScalar(node) && node.value === null);
    if (keyNode !== undefined && atKey) return this.positionOf(keyNode as Node);
    return this.positionOf(node as Node);
  }

  /** A located issue at `path` in this file. */
  issueAt(path: KeyPath, message: string, hint?: string, at: { key?: string } = {}): ConfigIssue {
    return { file: this.file, ...this.locate(path, at), field: formatKeyPath(path), message, hint };
  }
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) ? String(node.value) : undefined;
}

/** yaml's message, reworded where it speaks of its own API; the location is shown separately. */
function yamlErrorMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return "YAML syntax: the file holds more than one document; remove the '---' separator";
  if (code === 'DUPLICATE_KEY') return 'YAML syntax: this key appears twice in the same mapping';
  return `YAML syntax: ${message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '')}`;
}
