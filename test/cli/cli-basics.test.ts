import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('CLI basics', () => {
  it('prints help with exit code 0', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: loyalty-sim');
  });

  it('prints the package version', async () => {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
    const result = runCli(['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it('exits 2 on an unknown command, without a stack trace', () => {
    const result = runCli(['no-such-command']);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
