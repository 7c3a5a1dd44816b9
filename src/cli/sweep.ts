/**
 * `loyalty-sim sweep <scenario.yaml> --set 'PATH=VALUES' [--set ...] [--tie 'PATH=A*x+B']`: the grid
 * of what-ifs over program settings, every point on the same random numbers with one shared
 * baseline, one row per point and program. Only argument parsing, progress and the choice of
 * reporter live here (run/sweep.ts simulates).
 */
import type { Command } from 'commander';
import { loadScenario, type LoadedScenario } from '../config/load.js';
import { parseTiedSetting, resolveSettingPath, splitSetting, sweepValueTexts, yamlValue, type TiedSetting } from '../config/scenario-settings.js';
import { UserInputError } from '../errors.js';
import { SWEEP_FORMATS, sweepReporter, type SweepFormat } from '../report/reporters.js';
import type { SweepReport } from '../report/sweep-report.js';
import { addReportOutputOptions, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';
import { runSweep, type SweepSetting } from '../run/sweep.js';
import type { CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import { addSimulationOptions, parseSimulationOptions, scenarioInputFiles, simulationFeedback, type SimulationOptionValues } from './simulation-options.js';

interface SweepOptionValues extends SimulationOptionValues, ReportOutputValues {
  set?: string[];
  tie?: string[];
}

/** sweep's formats: the grid as a table, JSON or CSV. */
const SWEEP_OUTPUT: ReportOutputSpec<SweepFormat, SweepReport> = { formats: SWEEP_FORMATS, reporter: sweepReporter, defaultFormat: 'table' };

/** A repeatable option's values (commander passes undefined before the first). */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The `--set` settings, their paths checked against the schema and their values read as YAML. */
function sweepSettings(texts: readonly string[], loaded: LoadedScenario): SweepSetting[] {
  if (texts.length === 0) {
    throw new UserInputError('nothing to sweep', { field: '--set' }, `Give at least one --set 'PATH=VALUES', e.g. --set 'programs[0].discount.percent=2%,5%,10%'.`);
  }
  const settings = texts.map((text) => {
    const { path, values } = splitSetting(text, '--set');
    const resolved = resolveSettingPath(path, loaded, '--set');
    return { path: resolved, values: sweepValueTexts(values, '--set').map((value) => yamlValue(value, '--set')) };
  });
  checkDistinctPaths(settings.map((s) => s.path), '--set');
  return settings;
}

/** No key set twice (by two --set, or a --set and a --tie). */
export function checkDistinctPaths(paths: readonly { text: string; keyPath: readonly (string | number)[] }[], flag: string): void {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const key = JSON.stringify(path.keyPath);
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new UserInputError(`'${path.text}' sets the same key as '${earlier}'`, { field: flag }, 'Set each key once.');
    seen.set(key, path.text);
  }
}

export function registerSweepCommand(program: Command, { io }: CommandContext): void {
  const command = program
    .command('sweep')
    .description('Simulate a grid of program settings on the same random numbers, with one shared baseline: one row per setting and program.')
    .argument('<scenario>', 'scenario YAML file')
    .option('--set <path=values>', 'a program setting and its values: a list (3,5,7) or a range (3..7 by 2, 1%..15% by 2%); repeatable, the grid is every combination', collect)
    .option('--tie <path=formula>', 'a program setting written as A*x+B of the first --set value at every point (x: 5% is 0.05); repeatable', collect);
  addReportOutputOptions(addSimulationOptions(command), SWEEP_OUTPUT)
    .addHelpText(
      'after',
      `
A path names a program by name or position, then its keys as in the YAML; values are written as
in the YAML (5%, 0.05, pert(0, 0.03, 0.1)) and replace the file's value. Every path is checked
before anything is simulated. Only program settings can be swept: economics, population and the
horizon change the baseline, which the sweep simulates once and shares. Break-even figures are
not computed per point (run a point for them).

Examples:
  loyalty-sim sweep scenarios/default.yaml --set 'programs["5% back in points"].points.earnRate=3,5,7'
  loyalty-sim sweep my.yaml --set 'programs[0].discount.percent=2%..10% by 2%' --set 'programs[0].enrolment.share=40%,60%'
  loyalty-sim sweep my.yaml --set 'programs[0].discount.percent=5%,10%,15%' --tie 'programs[0].effects.frequencyUplift=2*x'
  loyalty-sim sweep my.yaml --set 'programs[1].points.earnRate=1..5 by 1' --format csv -o sweep.csv`,
    )
    .action(async (file: string, options: SweepOptionValues) => {
      const simulation = parseSimulationOptions(options);
      const plan = reportOutputPlan(options, SWEEP_OUTPUT);
      const onWaiting = waitingNotice(io.stderr);
      const loaded = await loadScenario(file, { onWaiting });
      const settings = sweepSettings(options.set ?? [], loaded);
      const ties: TiedSetting[] = (options.tie ?? []).map((text) => parseTiedSetting(text, loaded, '--tie'));
      checkDistinctPaths([...settings.map((s) => s.path), ...ties.map((t) => t.path)], '--tie');
      const output = await openReportOutput(plan, SWEEP_OUTPUT, io, scenarioInputFiles(loaded));
      try {
        const feedback = simulationFeedback(simulation, io);
        let report;
        try {
          report = await runSweep(loaded, settings, ties, feedback.overrides);
        } finally {
          feedback.stop();
        }
        await output.write(report);
      } finally {
        await output.discard();
      }
    });
}
