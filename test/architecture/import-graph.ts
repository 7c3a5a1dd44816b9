/**
 * The import graph of src/ and the two rules it must follow:
 *   - layers: a file imports from its own layer or a lower one (LAYER_ORDER, lowest first);
 *   - no cycles between files.
 * Only relative imports count (packages are outside the graph). Type-only imports count too: a
 * type is as much a dependency for the reader as a value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Layers from lowest to highest. A folder of src/ is a layer; so are the top-level files
 * src/errors.ts and src/index.ts (named without the extension).
 */
export const LAYER_ORDER = [
  'errors',
  'data',
  'model',
  'schema',
  'programs',
  'config',
  'sim',
  'metrics',
  'report',
  'run',
  'cli',
  'index',
] as const;

/** File (path relative to src/, '/'-separated, e.g. 'data/ingest.ts') -> the files it imports. */
export type ImportGraph = Map<string, string[]>;

/**
 * The module of an import or export statement: `import ... from 'm'`, `export ... from 'm'`,
 * `import 'm'` and `import('m')`. The names between keyword and `from` are identifiers, braces,
 * commas, `*` and whitespace, which keeps `export const x = '...'` out.
 */
const IMPORT_SPECIFIER =
  /(?:(?:^|\n)\s*(?:import|export)\s+[\w$*\s,{}]*?\bfrom\s*|(?:^|\n)\s*import\s*|\bimport\(\s*)['"]([^'"]+)['"]/g;

/** The relative module specifiers a TypeScript source imports, in order of appearance. */
export function importSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const match of withoutComments.matchAll(IMPORT_SPECIFIER)) {
    if (match[1].startsWith('.')) found.push(match[1]);
  }
  return found;
}

/** The import graph of every .ts file under `srcDirectory`. */
export function readImportGraph(srcDirectory: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const visit = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) {
        const file = relative(srcDirectory, path).split('\\').join('/');
        const targets = importSpecifiers(readFileSync(path, 'utf8')).map((specifier) =>
          posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, '.ts'),
        );
        graph.set(file, targets);
      }
    }
  };
  visit(srcDirectory);
  return graph;
}

/** The layer of a file: its top folder, or its own name for a top-level file. */
export function layerOf(file: string): string {
  const slash = file.indexOf('/');
  return slash >= 0 ? file.slice(0, slash) : file.replace(/\.ts$/, '');
}

/** One import that goes up the layers (or out of them): `from` imports `to`. */
export interface LayerViolation {
  from: string;
  to: string;
  reason: string;
}

/** Every import from a higher layer, or from or into a layer that is not in `order`. */
export function layerViolations(graph: ImportGraph, order: readonly string[] = LAYER_ORDER): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const [from, targets] of graph) {
    const fromRank = order.indexOf(layerOf(from));
    for (const to of targets) {
      const toRank = order.indexOf(layerOf(to));
      if (fromRank < 0) violations.push({ from, to, reason: `'${layerOf(from)}' is not a layer` });
      else if (toRank < 0) violations.push({ from, to, reason: `'${layerOf(to)}' is not a layer` });
      else if (toRank > fromRank) violations.push({ from, to, reason: `${layerOf(from)} imports the higher layer ${layerOf(to)}` });
    }
  }
  return violations;
}

/**
 * Every import cycle between files, each as the files around it (first file repeated at the end),
 * found as the strongly connected components of the graph (Tarjan 1972). A component of several
 * files is reported once, along one cycle through its first file; a file importing itself is a
 * cycle too.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const connect = (file: string): void => {
    index.set(file, counter);
    lowLink.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        connect(target);
        lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(target)!));
      } else if (onStack.has(target)) {
        lowLink.set(file, Math.min(lowLink.get(file)!, index.get(target)!));
      }
    }
    if (lowLink.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) components.push(component);
    }
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) connect(file);
  return components.map((component) => cycleThrough(graph, new Set(component)));
}

/** A shortest path from the first (sorted) file of a component back to itself, inside it. */
function cycleThrough(graph: ImportGraph, component: Set<string>): string[] {
  const start = [...component].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const file = queue[head];
    for (const target of graph.get(file) ?? []) {
      if (!component.has(target)) continue;
      if (target === start) {
        const between: string[] = [];
        for (let at = file; at !== start; at = previous.get(at)!) between.unshift(at);
        return [start, ...between, start];
      }
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/** The src/ directory of this repository. */
export const SRC_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
