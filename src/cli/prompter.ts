/**
 * Questions for a command that may ask them (`init`): each answered by its option when given, else
 * at the terminal (inquirer), else by its default with --yes. Without a terminal and without
 * --yes, a question no option answers is an error naming the option, never a wait for input that
 * cannot come.
 */
import inquirer from 'inquirer';
import { UserInputError } from '../errors.js';
import type { CliIo } from './command-context.js';

/** Whether an answer is acceptable: true, or what is wrong with it. */
export type Check = (answer: string) => true | string | Promise<true | string>;

export interface TextQuestion {
  /** The option that answers it (`--earn-rate`). */
  option: string;
  message: string;
  /** The answer taken on Enter, or with --yes; without one, an answer is required. */
  default?: string;
  /** The value of the option, when given. */
  given?: string;
  check?: Check;
}

export interface ChoiceQuestion<T extends string> {
  option: string;
  message: string;
  choices: readonly { value: T; name: string }[];
  default?: T;
  given?: string;
}

/** Asks the questions: at the terminal, or from the options and defaults only. */
export interface Prompter {
  /** True when questions are asked at a terminal. */
  readonly interactive: boolean;
  text(question: TextQuestion): Promise<string>;
  choose<T extends string>(question: ChoiceQuestion<T>): Promise<T>;
  /** A yes/no question with no option of its own: at the terminal (unless --yes), else `otherwise`. */
  confirm(message: string, defaultAnswer: boolean, otherwise: boolean): Promise<boolean>;
  /** Write a line for the user (on the terminal the questions are asked on). */
  say(text: string): void;
}

/** The answer given as an option, checked: a bad one is an error at the option. */
async function givenAnswer(option: string, given: string, check: Check | undefined): Promise<string> {
  const problem = await check?.(given);
  if (problem !== undefined && problem !== true) throw new UserInputError(problem, { field: option });
  return given;
}

function missing(option: string, message: string): UserInputError {
  return new UserInputError(
    `no answer to '${message}' and no terminal to ask it on`,
    { field: option },
    `Give it as ${option} VALUE, or run the command in a terminal to be asked; --yes takes the defaults of the questions that have one.`,
  );
}

/** A prompter that asks nothing: options, else defaults (only with `yes`), else an error naming the option. */
export function optionsOnlyPrompter(yes: boolean, io: CliIo): Prompter {
  return {
    interactive: false,
    async text({ option, message, default: fallback, given, check }) {
      if (given !== undefined) return givenAnswer(option, given, check);
      if (yes && fallback !== undefined) return fallback;
      throw missing(option, message);
    },
    async choose({ option, message, choices, default: fallback, given }) {
      if (given !== undefined) return chosen(option, given, choices);
      if (yes && fallback !== undefined) return fallback;
      throw missing(option, message);
    },
    async confirm(_message, _default, otherwise) {
      return otherwise;
    },
    say(text) {
      io.stderr.write(`${text}\n`);
    },
  };
}

function chosen<T extends string>(option: string, given: string, choices: readonly { value: T }[]): T {
  const match = choices.find((choice) => choice.value === given.trim());
  if (match === undefined) throw new UserInputError(`'${given}' is not one of the choices`, { field: option }, `Give one of: ${choices.map((c) => c.value).join(', ')}.`);
  return match.value;
}

/** A prompter asking at the terminal `input`/`output` what no option answers (with `yes`, the defaults are taken unasked). */
export function terminalPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, yes: boolean): Prompter {
  const prompt = inquirer.createPromptModule({ input, output } as never);
  const ask = async <T>(question: Record<string, unknown>): Promise<T> => ((await prompt([{ name: 'answer', ...question } as never])) as { answer: T }).answer;
  return {
    interactive: true,
    async text({ option, message, default: fallback, given, check }) {
      if (given !== undefined) return givenAnswer(option, given, check);
      if (yes && fallback !== undefined) return fallback;
      const answer = await ask<string>({
        type: 'input',
        message,
        ...(fallback !== undefined && fallback !== '' ? { default: fallback } : {}),
        validate: async (text: string) => {
          const value = text.trim() === '' && fallback !== undefined ? fallback : text;
          if (value.trim() === '' && fallback === undefined) return 'An answer is needed here.';
          return (await check?.(value)) ?? true;
        },
      });
      return answer.trim() === '' && fallback !== undefined ? fallback : answer.trim();
    },
    async choose({ option, message, choices, default: fallback, given }) {
      if (given !== undefined) return chosen(option, given, choices);
      if (yes && fallback !== undefined) return fallback;
      return ask({ type: 'select', message, choices: choices.map((c) => ({ value: c.value, name: c.name })), default: fallback, pageSize: choices.length });
    },
    async confirm(message, defaultAnswer, otherwise) {
      if (yes) return otherwise;
      return ask<boolean>({ type: 'confirm', message, default: defaultAnswer });
    },
    say(text) {
      output.write(`${text}\n`);
    },
  };
}

/** Whether `err` is inquirer's report that the user pressed Ctrl-C at a question. */
export function isPromptCancelled(err: unknown): boolean {
  return err instanceof Error && err.name === 'ExitPromptError';
}
