/**
 * Same seed, same bytes, whatever the number of workers: random scenarios with up to three
 * programs of any family, run by the built CLI (dist/, whose worker threads are compiled) with 1, 2
 * and 3 workers, give byte-identical JSON reports, with break-even figures re-simulated (each a
 * search of its own over the workers) or to first order.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { main as Main } from '../../src/cli/main.js';
import { PROPERTY_SEED, programArbitrary, scenarioBaseArbitrary, scenarioFolder } from './scenarios.js';

const folder = scenarioFolder();
afterAll(() => folder.remove());

// The built CLI: simulate() runs in worker threads only from compiled code (npm test builds first).
// Starting the worker threads of each simulation takes most of the time of these small runs, hence
// few cases, and the re-simulated break-even (a dozen simulations) in a third of them.
const { main } = (await import(new URL('../../dist/cli/main.js', import.meta.url).href)) as { main: typeof Main };

async function runJson(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        into.push(chunk.toString());
        done();
      },
    });
  const status = await main(args, { stdout: sink(out), stderr: sink(err), env: { NO_COLOR: '1' } });
  return { status, stdout: out.join(''), stderr: err.join('') };
}

describe('worker count (property)', () => {
  it('1, 2 and 3 workers write the same JSON report byte for byte', async () => {
    const scenario = fc
      .tuple(scenarioBaseArbitrary, fc.array(programArbitrary(), { minLength: 1, maxLength: 3 }))
      .map(([base, programs]) => ({ ...base, programs: programs.map((p, i) => ({ ...p, name: `${p.name} ${i + 1}` })) }));
    await fc.assert(
      fc.asyncProperty(scenario, fc.integer({ min: 2, max: 4 }), fc.constantFrom('first-order', 'first-order', 're-simulated'), async (yaml, iterations, breakEven) => {
        const file = folder.write('scenario', yaml);
        const reports = [];
        for (const workers of [1, 2, 3]) {
          const result = await runJson(['run', file, '--iterations', String(iterations), '--workers', String(workers), '--break-even', breakEven, '--json', '--no-progress']);
          expect(result.status, result.stderr).toBe(0);
          reports.push(result.stdout);
        }
        expect(JSON.parse(reports[0]).programs.length).toBe(yaml.programs.length);
        expect(reports[1]).toBe(reports[0]);
        expect(reports[2]).toBe(reports[0]);
      }),
      { seed: PROPERTY_SEED, numRuns: 5 },
    );
  });
});
