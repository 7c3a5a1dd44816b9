/** The tool's name and version, as its package.json gives them: stamped on every report and printed by --version. */
import { readFileSync } from 'node:fs';

export const TOOL_NAME = 'loyalty-sim';

let version: string | undefined;

/** The version in package.json (read once). */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
