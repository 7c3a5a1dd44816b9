/**
 * `loyalty-sim optimise <scenario.yaml> --vary 'PATH=FROM..TO' [--vary ...] --maximise METRIC.STAT
 * [--subject-to 'METRIC.STAT<=BOUND' ...] [--tie 'PATH=A*x+B'] [--tolerance T]`: the best setting of
 * one or two program parameters under constraints, found by grid refinement on common random
 * numbers (run/optimise.ts). Only argument parsing, progress and the choice of reporter live here.
 */
import type { Command } from 'commander';
import { loadScenario, type LoadedScenario } from '../config/load.js';
import { parseSettingRange, parseTiedSetting, resolveSettingPath, splitSetting } from '../config/scenario-settings.js';
import { ExitCode, UserInputError } from '../errors.js';
import { parseBound, parseMetricCondition, parseMetricReference, selectPrograms, type MetricReference } from '../report/metric-expression.js';
import { OPTIMISE_FORMATS, optimiseReporter, type OptimiseFormat } from '../report/reporters.js';
import type { OptimiseReport } from '../report/optimise-report.js';
import { addReportOutputOptions, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';
import { runOptimise, type OptimiseSpec, type SearchedSetting } from '../run/optimise.js';
import type { CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import { addSimulationOptions, parseSimulationOptions, scenarioInputFiles, simulationFeedback, type SimulationOptionValues } from './simulation-options.js';
import { checkDistinctPaths } from './sweep.js';

/** optimise's formats: the search and its optimum as a table or JSON. */
const OPTIMISE_OUTPUT: ReportOutputSpec<OptimiseFormat, OptimiseReport> = { formats: OPTIMISE_FORMATS, reporter: optimiseReporter, defaultFormat: 'table' };

interface OptimiseOptionValues extends SimulationOptionValues, ReportOutputValues {
  vary?: string[];
  tie?: string[];
  maximise?: string;
  minimise?: string;
  subjectTo?: string[];
  tolerance?: string;
}

/** The default tolerance: a hundredth of the range. */
const DEFAULT_TOLERANCE_SHARE = 0.01;

/** A repeatable option's values (commander passes undefined before the first). */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The searched parameters: each `PATH=FROM..TO`, its path checked against the schema. */
function searchedSettings(options: OptimiseOptionValues, loaded: LoadedScenario): SearchedSetting[] {
  const vary = options.vary ?? [];
  if (vary.length === 0 || vary.length > 2) {
    throw new UserInputError(
      vary.length === 0 ? 'nothing to optimise' : `${vary.length} parameters: optimise searches one or two`,
      { field: '--vary' },
      "Give one or two --vary 'PATH=FROM..TO', e.g. --vary 'programs[0].discount.percent=1%..15%'.",
    );
  }
  const tolerances = options.tolerance === undefined ? [] : options.tolerance.split(',');
  if (tolerances.length > vary.length) throw new UserInputError(`${tolerances.length} tolerances for ${vary.length} parameter(s)`, { field: '--tolerance' }, 'Give one tolerance, or one per --vary separated by a comma.');
  return vary.map((text, j) => {
    const { path, values } = splitSetting(text, '--vary');
    const resolved = resolveSettingPath(path, loaded, '--vary');
    const range = parseSettingRange(values, '--vary');
    if (range === undefined) throw new UserInputError(`'${values}' is not a range FROM..TO`, { field: '--vary' }, 'optimise searches a range, e.g. 1%..15% or 2..8; use sweep for a list of values.');
    if (range.stepped !== undefined) throw new UserInputError(`'${values}': optimise chooses its own points; leave out 'by'`, { field: '--vary' }, 'Set how precisely the optimum is found with --tolerance.');
    const toleranceText = tolerances[j] ?? tolerances[0];
    const tolerance = toleranceText === undefined ? (range.to - range.from) * DEFAULT_TOLERANCE_SHARE : parseBound(toleranceText, '--tolerance', options.tolerance!);
    if (!(tolerance > 0)) throw new UserInputError(`the tolerance must be above 0, got '${toleranceText}'`, { field: '--tolerance' });
    return { path: resolved, from: range.from, to: range.to, percent: range.percent, tolerance };
  });
}

/** The one program a reference names: its own `programs[...]`, or else the program every searched and tied setting belongs to. */
function referencedProgram(reference: MetricReference, varied: readonly number[], loaded: LoadedScenario, field: string): number[] {
  if (reference.program !== undefined) return selectPrograms(loaded.scenario.programs, reference.program, field).map(({ index }) => index);
  return [...new Set(varied)];
}

function optimiseSpec(options: OptimiseOptionValues, loaded: LoadedScenario): OptimiseSpec {
  if ((options.maximise === undefined) === (options.minimise === undefined)) {
    throw new UserInputError(
      options.maximise === undefined ? 'no objective' : 'both --maximise and --minimise',
      { field: '--maximise' },
      'Give one of --maximise METRIC.STAT or --minimise METRIC.STAT, e.g. --maximise incrementalProfit.p50.',
    );
  }
  const settings = searchedSettings(options, loaded);
  const ties = (options.tie ?? []).map((text) => parseTiedSetting(text, loaded, '--tie'));
  checkDistinctPaths([...settings.map((s) => s.path), ...ties.map((t) => t.path)], ties.length > 0 ? '--tie' : '--vary');
  const varied = [...settings.map((s) => s.path.program), ...ties.map((t) => t.path.program)];
  const direction = options.maximise !== undefined ? 'maximise' : 'minimise';
  const field = `--${direction}`;
  const reference = parseMetricReference((options.maximise ?? options.minimise)!, field);
  const objectivePrograms = referencedProgram(reference, varied, loaded, field);
  if (objectivePrograms.length !== 1) {
    throw new UserInputError(
      'the settings belong to several programs: say whose figure to optimise',
      { field },
      `Put the program in front, e.g. ${field} 'programs[${objectivePrograms[0]}].${reference.metric}.${reference.statistic}'.`,
    );
  }
  const constraints = (options.subjectTo ?? []).map((text) => {
    const condition = parseMetricCondition(text, '--subject-to');
    return { condition, programs: referencedProgram(condition, varied, loaded, '--subject-to') };
  });
  return { settings, ties, objective: { reference, program: objectivePrograms[0], direction }, constraints };
}

export function registerOptimiseCommand(program: Command, context: CommandContext): void {
  const { io } = context;
  const command = program
    .command('optimise')
    .alias('optimize')
    .description('Find the best setting of one or two program parameters under constraints, on common random numbers, with the curve searched.')
    .argument('<scenario>', 'scenario YAML file')
    .option('--vary <path=from..to>', 'a program setting and the range to search (1%..15%, 2..8); once or twice', collect)
    .option('--maximise <metric.stat>', "the figure to maximise, e.g. incrementalProfit.p50 or programs[\"name\"].npv.mean")
    .option('--minimise <metric.stat>', 'the figure to minimise, e.g. programCost.mean')
    .option('--subject-to <condition>', "a constraint such as 'probabilityOfLoss.mean<=0.2' or 'roi.p5>=0'; repeatable", collect)
    .option('--tie <path=formula>', 'a program setting written as A*x+B of the first --vary value at every point (x: 5% is 0.05); repeatable', collect)
    .option('--tolerance <t>', 'how precisely to find the optimum, in the units of the range (0.5%, 0.1); one, or one per --vary (default: a hundredth of each range)');
  addReportOutputOptions(addSimulationOptions(command), OPTIMISE_OUTPUT)
    .addHelpText(
      'after',
      `
The search: a grid over the range (9 points; 5 x 5 for two parameters), then a finer grid around
the best point that meets every constraint, until the grid step is at most the tolerance. Every
point is simulated on the same random numbers, so the curve is smooth and its best point stable.
A figure without programs[...] in front is that of the program the --vary settings belong to;
a constraint must hold for each program it names. Exit code 1 when no setting meets them.

Examples:
  loyalty-sim optimise my.yaml --vary 'programs[0].discount.percent=1%..15%' --maximise incrementalProfit.p50 --subject-to 'probabilityOfLoss.mean<=0.2'
  loyalty-sim optimise my.yaml --vary 'programs[0].discount.percent=1%..40%' --tie 'programs[0].effects.frequencyUplift=4*x' --maximise incrementalProfit.mean --tolerance 0.25%
  loyalty-sim optimise my.yaml --vary 'programs[1].points.earnRate=1..10' --vary 'programs[1].points.minimumToRedeem=100..1000' --maximise npv.mean --format json`,
    )
    .action(async (file: string, options: OptimiseOptionValues) => {
      const simulation = parseSimulationOptions(options);
      const plan = reportOutputPlan(options, OPTIMISE_OUTPUT);
      const onWaiting = waitingNotice(io.stderr);
      const loaded = await loadScenario(file, { onWaiting });
      const spec = optimiseSpec(options, loaded);
      const output = await openReportOutput(plan, OPTIMISE_OUTPUT, io, scenarioInputFiles(loaded));
      try {
        const feedback = simulationFeedback(simulation, io);
        let report;
        try {
          report = await runOptimise(loaded, spec, feedback.overrides);
        } finally {
          feedback.stop();
        }
        await output.write(report);
        if (report.optimum === null) context.setExitCode(ExitCode.checkFailed);
      } finally {
        await output.discard();
      }
    });
}
