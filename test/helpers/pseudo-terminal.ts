/**
 * Run the built CLI in a pseudo-terminal (util-linux `script`), as a user at a terminal would: wait
 * for a text to appear on the screen, then type. The output is read without its escape sequences.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { BIN } from './run-cli.js';

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', backspace: '\x7f', ctrlC: '\x03' } as const;

export interface Terminal {
  /** Everything shown so far, without escape sequences. */
  screen(): string;
  /** Resolves once `text` appears after what earlier waits found (the test's timeout fails it otherwise). */
  waitFor(text: string | RegExp): Promise<void>;
  /** Type keys (text, or KEY values). */
  type(keys: string): void;
  /** Wait for `question`, then type the answer and Enter. */
  answer(question: string | RegExp, keys: string): Promise<void>;
  /** The exit code of the command. */
  exit: Promise<number | null>;
}

function quote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

/** Start `loyalty-sim <args>` in `cwd` in a pseudo-terminal of 160 columns. */
export function startInTerminal(args: readonly string[], cwd: string): Terminal {
  const command = `stty cols 160 rows 60; exec ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}`;
  const child: ChildProcess = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let raw = '';
  let searchedUpTo = 0;
  const waiters: { test: (text: string) => number; resolve: () => void }[] = [];
  const check = () => {
    const text = stripVTControlCharacters(raw);
    for (let i = 0; i < waiters.length; i++) {
      const end = waiters[i].test(text.slice(searchedUpTo));
      if (end >= 0) {
        searchedUpTo += end;
        const [waiter] = waiters.splice(i, 1);
        waiter.resolve();
        i--;
      }
    }
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    check();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    check();
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const terminal: Terminal = {
    screen: () => stripVTControlCharacters(raw),
    waitFor(text) {
      return new Promise((resolve) => {
        const test = (screen: string): number => {
          if (typeof text === 'string') {
            const at = screen.indexOf(text);
            return at < 0 ? -1 : at + text.length;
          }
          const match = text.exec(screen);
          return match === null ? -1 : match.index + match[0].length;
        };
        waiters.push({ test, resolve });
        check();
      });
    },
    type(keys) {
      child.stdin!.write(keys);
    },
    async answer(question, keys) {
      await terminal.waitFor(question);
      terminal.type(`${keys}${KEY.enter}`);
    },
    exit,
  };
  return terminal;
}
