// Preloaded (node --import) into the child process of each signal case: writes one byte to file
// descriptor 3 once the launcher has registered its SIGTERM listener (its last signal listener),
// so the fuzzer knows whether a signal it sent arrived before the process could handle it.
import { writeSync } from 'node:fs';

const on = process.on;
process.on = function (event, listener) {
  const result = on.call(this, event, listener);
  if (event === 'SIGTERM') {
    try {
      writeSync(3, 'h');
    } catch {
      // No descriptor 3: not run by the fuzzer.
    }
  }
  return result;
};
