#!/usr/bin/env node
// Launcher for the built CLI (dist/ is produced by `npm run build`, which `npm ci` runs through `prepare`).

// An interrupted command (Ctrl-C, `kill`, a closed terminal) leaves no temporary file behind and
// exits with 128 + the signal's number (130 for SIGINT, 143 for SIGTERM); worker threads end with
// the process. The handlers are installed before the CLI's modules are loaded, so that a signal
// arriving while they load also ends the process this way.
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
/** Replaced by the CLI's own once it is loaded; until then no temporary file exists. */
let removeTemporaryFiles = () => {};
for (const [signal, number] of Object.entries(SIGNAL_NUMBERS)) {
  process.on(signal, () => {
    removeTemporaryFiles();
    // The progress bar hides the terminal's cursor while it runs: show it again.
    if (process.stderr.isTTY) process.stderr.write('\x1b[?25h');
    process.exit(128 + number);
  });
}
process.on('exit', () => removeTemporaryFiles());

const { main, removeTemporaryFilesSync, reportUncaughtError } = await import('../dist/cli/main.js');
removeTemporaryFiles = removeTemporaryFilesSync;

process.stdout.on('error', (err) => {
  // A closed pipe (`loyalty-sim ... | head`) is not an error of ours.
  if (err.code === 'EPIPE') process.exit(0);
  process.exit(reportUncaughtError(err, process.stderr, 'stdout'));
});
// Nothing more can be said when stderr itself fails; the exit code still tells.
process.stderr.on('error', () => {});
process.on('uncaughtException', (err) => {
  process.exit(reportUncaughtError(err, process.stderr));
});

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
