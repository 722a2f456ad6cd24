/**
 * A small command-line parser: long options (`--name value`, `--name=value`), boolean flags, a few short aliases,
 * `--` to end options, positionals anywhere. Anything unknown is a usage error naming the option, never a guess.
 */
import { UsageError } from './exitCodes';

export interface OptionSpec {
  /** Long name without dashes, e.g. `format`. */
  name: string;
  /** `flag` takes no value; `value` takes exactly one. */
  kind: 'flag' | 'value';
  /** One-letter alias without the dash, e.g. `h`. */
  short?: string;
  /** Value placeholder shown in help, e.g. `SECONDS`. */
  valueName?: string;
  /** Allowed values, checked here so that every command reports them the same way. */
  choices?: readonly string[];
  /** A value option that may be given several times (`--name a --name b`); its values are in `lists`. */
  repeatable?: boolean;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
  /** Every value of each repeatable option, in the order given. */
  lists: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.filter((spec) => spec.short !== undefined).map((spec) => [spec.short!, spec]));
  const result: ParsedArgs = { positionals: [], flags: new Set(), values: new Map(), lists: new Map() };
  const hint = `Run "auth0-connections ${command} --help" for the options.`;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      result.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      result.positionals.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inlineValue: string | undefined;
    let shown = arg;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inlineValue = eq === -1 ? undefined : arg.slice(eq + 1);
      shown = `--${name}`;
      spec = byName.get(name);
    } else if (arg.length === 2) {
      spec = byShort.get(arg.slice(1));
    }
    if (spec === undefined) {
      throw new UsageError(`Unknown option ${shown} for "${command}". ${hint}`);
    }
    if (spec.kind === 'flag') {
      if (inlineValue !== undefined) {
        throw new UsageError(`The option --${spec.name} takes no value (got "${shown}=${inlineValue}"). ${hint}`);
      }
      result.flags.add(spec.name);
      continue;
    }
    let value = inlineValue;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new UsageError(`The option --${spec.name} needs a value (${spec.valueName ?? 'VALUE'}). ${hint}`);
      }
      value = next;
      i++;
    }
    if (spec.choices !== undefined && !spec.choices.includes(value)) {
      throw new UsageError(`--${spec.name} must be one of ${spec.choices.join(', ')} (got "${value}").`);
    }
    if (spec.repeatable) {
      result.lists.set(spec.name, [...(result.lists.get(spec.name) ?? []), value]);
      continue;
    }
    if (result.values.has(spec.name)) {
      throw new UsageError(`The option --${spec.name} was given twice.`);
    }
    result.values.set(spec.name, value);
  }
  return result;
}
