#!/usr/bin/env node
// Launcher for the built CLI (dist/ is produced by `npm run build`, which `npm ci` runs through `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
