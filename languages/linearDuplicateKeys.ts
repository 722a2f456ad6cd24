/**
 * A linear duplicate-key check for the `yaml` library, installed once for the whole process.
 *
 * Why: yaml-language-server composes every document with `new Composer(options)` and the default
 * `uniqueKeys: true`, so for each key of a mapping the library's `mapIncludes` scans all earlier keys
 * (`items.some(...)`): quadratic in the keys of one mapping. A 0.9 MB body whose `options.configuration` holds
 * 11,000 keys spends ~7 s there, which is most of the peer's didOpen -> diagnostics time.
 *
 * How: the library calls that function through its CommonJS exports object on every use
 * (`utilMapIncludes.mapIncludes(ctx, map.items, keyNode)` in compose/resolve-block-map.js and
 * resolve-flow-collection.js), so replacing the property on that one module object swaps the check for every
 * composer in the process (yaml-language-server's, ours, the CLI's) without forking or re-bundling either library.
 * The replacement answers exactly what the original answers (same predicate: identical node, or two scalars with
 * `===` values; same `uniqueKeys: false` and custom-function behaviour), so the library still reports each
 * duplicate key itself, at the same offset, in the same order, with the same message: diagnostics are unchanged.
 * It keeps, per mapping being composed, an index of the keys seen so far, extended incrementally as the composer
 * pushes pairs, so each question costs O(1) amortised.
 *
 * This reaches one file inside the `yaml` package by path (its `exports` map does not list it), so it is tied to the
 * version yaml-language-server pins (2.8.3). Any other version, layout or export shape leaves the library untouched:
 * correct, only slower, and `duplicateKeyCheckStatus()` says so (the benchmark prints it).
 */
import { isScalar } from 'yaml';
import { parse as parseWithLanguageService } from 'yaml-language-server/lib/esm/languageservice/parser/yamlParser07';

interface KeyedPair {
  key: unknown;
}
interface ComposeContextLike {
  options: { uniqueKeys?: boolean | ((a: unknown, b: unknown) => boolean) };
}
type MapIncludes = (ctx: ComposeContextLike, items: KeyedPair[], search: unknown) => boolean;

/** The version whose internal module layout this was written against (yaml-language-server 1.25.0 pins it). */
const EXPECTED_YAML_VERSION = '2.8.3';
/** Below this many keys a plain scan is as fast as an index and keeps no memory. */
const INDEX_THRESHOLD = 16;

interface KeyIndex {
  /** How many leading items of the array are in the index. */
  indexed: number;
  /** The key node of the last indexed item, to notice an array changed behind our back. */
  lastKey: unknown;
  nodes: Set<unknown>;
  values: Set<unknown>;
}

// Keyed by the composer's `map.items` array: the index lives exactly as long as the mapping it describes.
const indexes = new WeakMap<object, KeyIndex>();

function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (isScalar(a) && isScalar(b) && a.value === b.value);
}

export const linearMapIncludes: MapIncludes = (ctx, items, search) => {
  const { uniqueKeys } = ctx.options;
  if (uniqueKeys === false) return false;
  if (typeof uniqueKeys === 'function') return items.some((pair) => uniqueKeys(pair.key, search));
  if (items.length < INDEX_THRESHOLD) return items.some((pair) => sameKey(pair.key, search));

  let index = indexes.get(items);
  if (!index || index.indexed > items.length || items[index.indexed - 1]?.key !== index.lastKey) {
    index = { indexed: 0, lastKey: undefined, nodes: new Set(), values: new Set() };
    indexes.set(items, index);
  }
  for (; index.indexed < items.length; index.indexed++) {
    const key = items[index.indexed]?.key;
    index.nodes.add(key);
    // A Set compares with SameValueZero, which differs from === only for NaN (NaN !== NaN): leave NaN out.
    if (isScalar(key) && !Number.isNaN(key.value)) index.values.add(key.value);
    index.lastKey = key;
  }
  if (index.nodes.has(search)) return true;
  return isScalar(search) && !Number.isNaN(search.value) && index.values.has(search.value);
};

export type DuplicateKeyCheckStatus = 'linear' | 'library (not installed: unexpected yaml version or layout)';
let status: DuplicateKeyCheckStatus | undefined;
/** The library's exports object and its own function, once installed (for the equivalence test's switch). */
let patched: { target: { mapIncludes: unknown }; original: unknown } | undefined;

/** Installs the linear check (idempotent) and says which check is in force. */
export function installLinearDuplicateKeyCheck(): DuplicateKeyCheckStatus {
  if (status) return status;
  status = 'library (not installed: unexpected yaml version or layout)';
  try {
    // Static paths so that esbuild bundles them: these resolve to the same files the library itself requires, so
    // the bundle (and Node's require cache under tsx) holds one module object, shared with the composer.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const version = (require('../node_modules/yaml/package.json') as { version?: string }).version;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const target = require('../node_modules/yaml/dist/compose/util-map-includes.js') as { mapIncludes: unknown };
    if (version !== EXPECTED_YAML_VERSION || typeof target.mapIncludes !== 'function') return status;
    const original = target.mapIncludes;
    // Prove that yaml-language-server's own parser (whichever copy of `yaml` it was bundled with) now calls us and
    // still reports a duplicate; otherwise put the original back.
    let called = false;
    target.mapIncludes = ((ctx, items, search) => {
      called = true;
      return linearMapIncludes(ctx, items, search);
    }) as MapIncludes;
    const keys = Array.from({ length: INDEX_THRESHOLD + 1 }, (_, i) => `k${i}: ${i}\n`).join('');
    const probe = parseWithLanguageService(`${keys}k0: again\n`);
    const reported = probe.documents.some((document) =>
      document.internalDocument.errors.some((error) => error.code === 'DUPLICATE_KEY'),
    );
    if (called && reported) {
      target.mapIncludes = linearMapIncludes;
      patched = { target, original };
      status = 'linear';
    } else {
      target.mapIncludes = original;
    }
  } catch {
    // The file is not where this version keeps it: the library's own check stays in force.
  }
  return status;
}

export function duplicateKeyCheckStatus(): DuplicateKeyCheckStatus {
  return installLinearDuplicateKeyCheck();
}

/** For the equivalence test: false puts the library's own (quadratic) check back, true the linear one. */
export function useLinearDuplicateKeyCheck(on: boolean): void {
  if (!patched) return;
  patched.target.mapIncludes = on ? linearMapIncludes : patched.original;
}
