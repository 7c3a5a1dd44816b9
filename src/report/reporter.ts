/**
 * A reporter turns one command's result object into the text of one output format; reporters only
 * format, they never compute. The commands' reporters are listed in reporters.ts.
 */

export interface Reporter<Result> {
  /**
   * The output, in pieces to be written in order: one piece for a report, many for a long CSV
   * table, so that writing it needs no more memory than one piece. A reporter that renders with
   * an asynchronous library (the HTML report's charts) gives a promise of the pieces.
   */
  render(result: Result): Iterable<string> | Promise<Iterable<string>>;
}

/** A file a command writes beside its report (an --out-dir's data files): its name and its reporter. */
export interface ReportFile<Result> {
  name: string;
  reporter: Reporter<Result>;
}

/** A reporter whose whole output is one string. */
export function textReporter<Result>(render: (result: Result) => string): Reporter<Result> {
  return { render: (result) => [render(result)] };
}

/** The reporter of `format` among a command's reporters. */
export function pickReporter<Format extends string, Result>(reporters: Readonly<Record<Format, Reporter<Result>>>, format: Format): Reporter<Result> {
  const reporter = reporters[format];
  if (reporter === undefined) throw new Error(`no reporter for the format '${format}'`);
  return reporter;
}

/** The whole output of a reporter as one string (for callers that keep it in memory). */
export async function renderToString<Result>(reporter: Reporter<Result>, result: Result): Promise<string> {
  let text = '';
  for (const piece of await reporter.render(result)) text += piece;
  return text;
}
