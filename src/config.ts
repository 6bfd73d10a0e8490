// The configuration file `.mapsafe.json`: data only (no code is loaded), validated against
// schema/mapsafe-config.schema.json. Found by walking up from a start directory (the cwd)
// to the file system root; `--config FILE` names one instead. Command line flags override it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import type { Severity } from './diagnostic.js';
import { packageRoot } from './version.js';

export const configFileName = '.mapsafe.json';

export interface Config {
  enable?: string[];
  disable?: string[];
  severity?: Record<string, Severity>;
  exclude?: string[];
  tests?: boolean;
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  config: Config;
}

/** A configuration file that cannot be used; the message starts with the file's path. */
export class ConfigError extends Error {}

const require = createRequire(import.meta.url);
// require, not import: Node's ESM loader takes 4-5 times longer to wrap a CommonJS package.
const ignore = require('ignore') as typeof import('ignore');
let validator: ReturnType<AjvClass['compile']> | undefined;

function validate(data: unknown): readonly ErrorObject[] {
  // The schema compiled ahead of time by scripts/config-validator.mjs, loaded only when there
  // is a config file to check: loading ajv and compiling the schema here cost 70-90 ms.
  validator ??= require(join(packageRoot, 'schema', 'mapsafe-config.validate.cjs')) as ReturnType<AjvClass['compile']>;
  return validator(data) ? [] : (validator.errors ?? []);
}

/** One line for the first schema error, in the file's own terms. */
function describe(e: ErrorObject): string {
  const at = e.instancePath === '' ? '' : e.instancePath.slice(1).split('/').join('.');
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      return at === '' ? `unknown key "${key}"` : `${at}: unknown key "${key}"`;
    }
    case 'enum':
      return `${at}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames':
      return `${at}: "${(e.params as { propertyName: string }).propertyName}" is not a rule id`;
    case 'pattern':
      return `${at}: ${JSON.stringify(e.data)} is not a rule id`;
    default:
      return `${at === '' ? 'the file' : at}: ${e.message ?? 'is invalid'}`;
  }
}

/** The nearest `.mapsafe.json` at or above `dir`, or undefined. */
export function findConfig(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const p = join(d, configFileName);
    if (existsSync(p)) return p;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * Reads and validates a configuration file. `display` is how the path is named in errors.
 * Rule ids are checked against `knownRules`.
 */
export function readConfig(path: string, knownRules: ReadonlySet<string>, display = path): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`${display}: cannot read file${code === 'ENOENT' ? ': no such file' : code ? `: ${code}` : ''}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${display}: not valid JSON: ${(e as Error).message}`);
  }
  const errors = validate(data);
  if (errors.length > 0) {
    // Unknown keys first: the most common mistake, and the clearest message.
    const first = errors.find((e) => e.keyword === 'additionalProperties') ?? errors.find((e) => e.keyword !== 'if') ?? errors[0]!;
    throw new ConfigError(`${display}: ${describe(first)}`);
  }
  const config = data as Config & { $schema?: string };
  const ids = [...(config.enable ?? []), ...(config.disable ?? []), ...Object.keys(config.severity ?? {})];
  const unknown = ids.find((id) => !knownRules.has(id));
  if (unknown !== undefined) throw new ConfigError(`${display}: unknown rule "${unknown}" (see mapsafe --list-rules)`);
  const { $schema: _ignored, ...rest } = config;
  return { path: resolve(path), config: rest };
}

/** A predicate for files the config's `exclude` patterns match (gitignore semantics). */
export function excluder(loaded: LoadedConfig | undefined): (file: string) => boolean {
  const patterns = loaded?.config.exclude ?? [];
  if (patterns.length === 0) return () => false;
  const base = dirname(loaded!.path);
  const ig = ignore().add(patterns);
  return (file) => {
    const rel = relative(base, file);
    if (rel === '' || rel.startsWith('..') || resolve(base, rel) !== resolve(file)) return false;
    return ig.ignores(rel.split(sep).join('/'));
  };
}
