/**
 * `loyalty-sim check <scenario.yaml> [--require EXPR ...] [--strict] [--junit FILE] [--format table|json|junit] [-o FILE]`:
 * run the scenario, then test its guardrails (the scenario's `guardrails:` and every --require)
 * for each program they apply to. Exit 0 when all hold, 1 when any fails (with --strict also
 * when one is too close to call), 2 on bad input, found before any simulation.
 */
import type { Command } from 'commander';
import { loadScenario } from '../config/load.js';
import { ExitCode, UserInputError } from '../errors.js';
import type { CheckReport } from '../report/check-report.js';
import type { MetricName } from '../metrics/metric-definitions.js';
import { CHECK_FORMATS, checkReporter, type CheckFormat } from '../report/reporters.js';
import { addReportOutputOptions, checkDistinctOutputs, openReportOutput, reportOutputPlan, type ReportOutputSpec, type ReportOutputValues } from './report-output.js';
import { checkGuardrails, requiredGuardrails, scenarioGuardrails } from '../run/guardrails.js';
import type { CommandContext } from './command-context.js';
import { waitingNotice } from './ingest-options.js';
import { openOutputFile } from './output.js';
import { addSimulationOptions, parseSimulationOptions, runScenarioWithProgress, scenarioInputFiles, type SimulationOptionValues } from './simulation-options.js';

interface CheckOptionValues extends SimulationOptionValues, ReportOutputValues {
  require?: string[];
  strict?: boolean;
  junit?: string;
}

/** check's formats: the verdicts as a table, JSON or JUnit XML. */
const CHECK_OUTPUT: ReportOutputSpec<CheckFormat, CheckReport> = { formats: CHECK_FORMATS, reporter: checkReporter, defaultFormat: 'table' };

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerCheckCommand(program: Command, { io, setExitCode }: CommandContext): void {
  const command = program
    .command('check')
    .description('run a scenario and test its guardrails; exit 0 when all hold, 1 when any fails, 2 on bad input')
    .argument('<scenario>', 'scenario YAML file')
    .option('--require <condition>', "a guardrail such as 'roi.p5>=0' or 'programs[\"Points\"].breakageRate.p50<=0.4' (repeatable)", collect)
    .option('--strict', 'a figure too close to call (within 2 MCSE of its bound) fails instead of warning')
    .option('--junit <file>', 'also write the verdicts as JUnit XML, one test case per guardrail and program (written atomically)');
  addReportOutputOptions(addSimulationOptions(command), CHECK_OUTPUT).addHelpText(
    'after',
    `
A guardrail is a metric of the JSON report, a statistic (mean, p5, p50, p95) and a bound, for every
program or for one (programs["name"] or programs[index], from 0). Guardrails come from the
scenario's guardrails: key, e.g.
  guardrails:
    - { program: "*", metric: roi, stat: p5, min: 0 }
    - { metric: breakageRate, stat: p50, max: 0.4 }
and from --require. A figure within 2 MCSE of its bound is too close to call: a warning, or a
failure with --strict; more iterations settle it.

Examples:
  loyalty-sim check scenarios/default.yaml --require 'roi.p5>=0'
  loyalty-sim check my.yaml --require 'probabilityOfLoss.mean<=0.2' --require 'programs[0].npv.p50>0'
  loyalty-sim check my.yaml --strict --junit guardrails.xml        in CI
  loyalty-sim check my.yaml --format json > verdicts.json`,
  );
  command.action(async (file: string, options: CheckOptionValues) => {
    const settings = parseSimulationOptions(options);
    const plan = reportOutputPlan(options, CHECK_OUTPUT);
    checkDistinctOutputs([{ path: options.out, option: '--out' }, { path: options.junit, option: '--junit' }]);
    const loaded = await loadScenario(file, { onWaiting: waitingNotice(io.stderr) });
    const guardrails = [...scenarioGuardrails(loaded), ...requiredGuardrails(options.require ?? [], loaded.scenario.programs, '--require')];
    if (guardrails.length === 0) {
      throw new UserInputError(
        `the scenario has no guardrails and no --require was given: there is nothing to check`,
        { file },
        "Add a guardrails: list to the scenario (e.g. - { metric: roi, stat: p5, min: 0 }) or give --require 'roi.p5>=0'.",
      );
    }
    const output = await openReportOutput(plan, CHECK_OUTPUT, io, scenarioInputFiles(loaded));
    const junit = options.junit === undefined ? undefined : await openOutputFile(options.junit, '--junit', scenarioInputFiles(loaded));
    try {
      let iterationValues: readonly Record<MetricName, Float64Array>[] = [];
      const report = await runScenarioWithProgress(loaded, settings, io, {
        // The guardrails need no break-even figures: the quick first-order ones spare the extra simulations.
        breakEven: 'first-order',
        onIterationMetrics: (values) => {
          iterationValues = values;
        },
      });
      const check = checkGuardrails(report, iterationValues, guardrails, options.strict === true);
      if (junit !== undefined) await junit.commit(await checkReporter('junit').render(check));
      await output.write(check);
      setExitCode(check.passed ? ExitCode.ok : ExitCode.checkFailed);
    } finally {
      await junit?.discard();
      await output.discard();
    }
  });
}
