/** Where the bundled default scenario lives: scenarios/default.yaml in the package (beside src/ and dist/). */
import { fileURLToPath } from 'node:url';

export function defaultScenarioPath(): string {
  return fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
}
