import { describe, expect, it } from 'vitest';
import {
  importCycles,
  importSpecifiers,
  layerViolations,
  readImportGraph,
  SRC_DIRECTORY,
  type ImportGraph,
} from './import-graph.js';

function graphOf(edges: Record<string, string[]>): ImportGraph {
  return new Map(Object.entries(edges));
}

describe('the import check on a made-up graph', () => {
  it('reports an import from a higher layer, naming both files', () => {
    const graph = graphOf({
      'data/ingest.ts': ['errors.ts', 'model/parameters.ts'],
      'model/parameters.ts': [],
      'errors.ts': [],
    });
    expect(layerViolations(graph)).toEqual([
      { from: 'data/ingest.ts', to: 'model/parameters.ts', reason: 'data imports the higher layer model' },
    ]);
  });

  it('accepts imports from the same layer and lower ones', () => {
    const graph = graphOf({
      'sim/simulate.ts': ['sim/tally.ts', 'programs/program.ts', 'data/calendar.ts', 'errors.ts'],
      'index.ts': ['cli/main.ts', 'sim/simulate.ts'],
    });
    expect(layerViolations(graph)).toEqual([]);
  });

  it('reports a file outside the listed layers', () => {
    const graph = graphOf({ 'helpers/x.ts': ['data/a.ts'], 'data/a.ts': [] });
    expect(layerViolations(graph)).toEqual([{ from: 'helpers/x.ts', to: 'data/a.ts', reason: "'helpers' is not a layer" }]);
  });

  it('reports a cycle as the files around it, and a self-import', () => {
    const graph = graphOf({
      'programs/bonus.ts': ['programs/points-account.ts'],
      'programs/points-account.ts': ['programs/ledger.ts'],
      'programs/ledger.ts': ['programs/bonus.ts', 'data/a.ts'],
      'data/a.ts': ['data/b.ts'],
      'data/b.ts': [],
      'data/self.ts': ['data/self.ts'],
    });
    expect(importCycles(graph)).toEqual(
      expect.arrayContaining([
        ['programs/bonus.ts', 'programs/points-account.ts', 'programs/ledger.ts', 'programs/bonus.ts'],
        ['data/self.ts', 'data/self.ts'],
      ]),
    );
    expect(importCycles(graph)).toHaveLength(2);
  });

  it('finds no cycle in a graph without one', () => {
    const graph = graphOf({ 'a/x.ts': ['a/y.ts', 'a/z.ts'], 'a/y.ts': ['a/z.ts'], 'a/z.ts': [] });
    expect(importCycles(graph)).toEqual([]);
  });

  it('reads relative specifiers of import, export-from, type and multi-line imports, not comments', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../model/b.js';",
      'import {',
      '  c,',
      '  d,',
      "} from './cd.js';",
      "export { e } from './e.js';",
      "export * from './f.js';",
      "import seedrandom from 'seedrandom';",
      "// import { g } from './g.js';",
      "/* import { h } from './h.js'; */",
      "export const label = 'not an import';",
      "export function where() { return new URL('../../scenarios/x.yaml', import.meta.url); }",
      "const lazy = await import('./lazy.js');",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.js', '../model/b.js', './cd.js', './e.js', './f.js', './lazy.js']);
  });
});

describe('the import graph of src/', () => {
  const graph = readImportGraph(SRC_DIRECTORY);

  it('is read from every source file', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('index.ts')?.length).toBeGreaterThan(10);
  });

  it('imports only from the same layer or lower ones', () => {
    const lines = layerViolations(graph).map((v) => `src/${v.from} -> src/${v.to}: ${v.reason}`);
    expect(lines).toEqual([]);
  });

  it('has no import cycles', () => {
    const lines = importCycles(graph).map((cycle) => cycle.map((file) => `src/${file}`).join(' -> '));
    expect(lines).toEqual([]);
  });
});
