/**
 * `check --junit FILE`: the verdicts as JUnit XML, which CI dashboards read (the
 * testsuites / testsuite / testcase layout of Ant's JUnit task, as the common JUnit report
 * actions and GitLab parse it). One test suite for the scenario, one test case per guardrail and
 * program (classname: the program, name: the guardrail and the program, unique in the suite); a failed guardrail, or with --strict one
 * too close to call, has a failure element whose message is the verdict in plain words; one that
 * does not apply to the program (a metric it does not have) is skipped. Each test
 * case carries the figure, its MCSE and the verdict as properties and the sentence as system-out.
 * No timings, so the same run gives the same file byte for byte.
 */
import type { CheckReport, GuardrailVerdict } from './check-report.js';
import { verdictSentence } from './check-text.js';
import { jsonDocument } from './json-writer.js';

/** Text for an XML attribute or element: markup characters escaped, characters XML 1.0 cannot hold dropped. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** A number as the JSON report writes it (15 significant digits; null when not finite). */
function numberText(value: number): string {
  return jsonDocument(value).trim();
}

function failed(verdict: GuardrailVerdict, strict: boolean): boolean {
  return verdict.verdict === 'fail' || (strict && verdict.verdict === 'too-close');
}

function property(name: string, value: string, indent: string): string {
  return `${indent}<property name="${xmlText(name)}" value="${xmlText(value)}"/>`;
}

export function renderCheckJunit(report: CheckReport): string {
  const failures = report.verdicts.filter((v) => failed(v, report.strict)).length;
  const tests = report.verdicts.length;
  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${report.counts.notApplicable}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loyalty-sim check" ${counts}>`,
    `  <testsuite name="${xmlText(report.scenario)}" ${counts}>`,
    '    <properties>',
    property('scenarioFile', report.scenarioFile, '      '),
    property('seed', String(report.seed), '      '),
    property('iterations', String(report.iterations), '      '),
    property('strict', String(report.strict), '      '),
    '    </properties>',
  ];
  for (const verdict of report.verdicts) {
    const sentence = verdictSentence(verdict, report.iterations);
    lines.push(`    <testcase classname="${xmlText(verdict.program)}" name="${xmlText(`${verdict.guardrail} (${verdict.program})`)}">`);
    lines.push('      <properties>');
    lines.push(property('source', verdict.source, '        '));
    lines.push(property('value', numberText(verdict.value), '        '));
    lines.push(property('mcse', numberText(verdict.mcse), '        '));
    lines.push(property('verdict', verdict.verdict, '        '));
    lines.push('      </properties>');
    if (failed(verdict, report.strict)) {
      const type = verdict.verdict === 'too-close' ? 'too close to call' : 'guardrail failed';
      lines.push(`      <failure message="${xmlText(sentence)}" type="${type}">${xmlText(`${verdict.guardrail} for '${verdict.program}': ${sentence}`)}</failure>`);
    } else if (verdict.verdict === 'not-applicable') {
      lines.push(`      <skipped message="${xmlText(sentence)}"/>`);
    }
    lines.push(`      <system-out>${xmlText(sentence)}</system-out>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
