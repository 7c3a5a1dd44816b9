#!/usr/bin/env node
// Launcher for the built CLI (dist/ is produced by `npm run build`, which `npm ci` runs through `prepare`).
import { main } from '../dist/cli/main.js';

process.stdout.on('error', (err) => {
  // A closed pipe (`loyalty-sim ... | head`) is not an error of ours.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
