/**
 * Completion without a deep copy of the whole document on every request.
 *
 * Why: yaml-language-server's `doComplete` starts with `currentDoc.clone()` ("as we modify AST for completion, we
 * need to use copy of original document"): a deep copy of the `yaml` Document (Node.clone goes through
 * Object.getOwnPropertyDescriptors for every node) plus a fresh conversion of the copy to its JSON AST. On a 0.9 MB
 * document that is ~60-75% of each completion, paid again on every request although the document did not change.
 *
 * How: completion only changes its copy in a few branches (a temporary `{word: null}` map put where the caret is),
 * and every one of them calls `updateFromInternalDocument()` on the copy right after changing it (the copy's JSON AST
 * must follow). So a copy on which that was never called after it was handed out is still identical to a fresh
 * clone of the same original, and the next completion on the same document version can take it instead of cloning
 * again. A copy that was changed is dropped; the next request clones afresh, exactly as the library would.
 *
 * Reuse is scoped: only `SingleYAMLDocument.clone()` calls made synchronously inside `withCompletionCopies` (our YAML
 * mode's doComplete; the library calls clone() before its first await) take a spare, and a spare is taken out of
 * the pool while a request holds it, so two overlapping completions never share a copy. The pool is a WeakMap keyed
 * by the original document: a new version or a closed document (evicted from the library's cache) takes its spare
 * with it. Everything else calling clone() gets the library's own behaviour.
 */
import { SingleYAMLDocument } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';

/** The fields `clone()` copies from the original besides the document itself (may change between requests). */
interface CloneFields {
  isKubernetes: boolean;
  disableAdditionalProperties: boolean;
  uri: string;
  currentDocIndex: number;
  lineComments: string[];
  documentHeaderComments: string[];
}

interface Lease {
  taken: Array<{ original: SingleYAMLDocument; copy: SingleYAMLDocument }>;
}

const spares = new WeakMap<SingleYAMLDocument, SingleYAMLDocument>();
/** Copies changed since they were made: never handed out again. */
const changed = new WeakSet<SingleYAMLDocument>();
/** Copies made by us (the only ones whose changes we need to notice). */
const ours = new WeakSet<SingleYAMLDocument>();
let activeLease: Lease | undefined;
let installed = false;
let enabled = true;
/** How many completions took a spare copy and how many cloned (for the tests). */
const counts = { reused: 0, cloned: 0 };
/** The library's own clone, kept by installCompletionCopies (prepareCompletionCopy makes a spare with it). */
let libraryClone: ((this: SingleYAMLDocument) => SingleYAMLDocument) | undefined;

export function installCompletionCopies(): void {
  if (installed) return;
  installed = true;
  const prototype = SingleYAMLDocument.prototype;
  const originalClone = prototype.clone;
  libraryClone = originalClone;
  const originalUpdate = prototype.updateFromInternalDocument;

  prototype.updateFromInternalDocument = function (this: SingleYAMLDocument): void {
    if (ours.has(this)) changed.add(this);
    originalUpdate.call(this);
  };

  prototype.clone = function (this: SingleYAMLDocument): SingleYAMLDocument {
    const lease = activeLease;
    if (!lease || !enabled) return originalClone.call(this);
    let copy = spares.get(this);
    if (copy && !changed.has(copy)) {
      spares.delete(this);
      refreshFields(copy, this);
      counts.reused++;
    } else {
      copy = originalClone.call(this);
      counts.cloned++;
      // Registered after the clone: building the copy calls updateFromInternalDocument on it, which is no change.
      ours.add(copy);
    }
    lease.taken.push({ original: this, copy });
    return copy;
  };
}

function refreshFields(copy: SingleYAMLDocument, original: SingleYAMLDocument): void {
  const from = original as unknown as CloneFields;
  const to = copy as unknown as CloneFields;
  to.isKubernetes = from.isKubernetes;
  to.disableAdditionalProperties = from.disableAdditionalProperties;
  to.uri = from.uri;
  to.currentDocIndex = from.currentDocIndex;
  to.lineComments = from.lineComments.slice();
  to.documentHeaderComments = from.documentHeaderComments.slice();
}

/**
 * Runs one completion request; clone() calls made synchronously inside `run` may take a spare copy, and unchanged
 * copies go back to the pool when the request settles.
 */
export async function withCompletionCopies<T>(run: () => Promise<T>): Promise<T> {
  const lease: Lease = { taken: [] };
  const outer = activeLease;
  activeLease = lease;
  let pending: Promise<T>;
  try {
    pending = run();
  } finally {
    activeLease = outer;
  }
  try {
    return await pending;
  } finally {
    for (const { original, copy } of lease.taken) {
      if (!changed.has(copy) && !spares.has(original)) spares.set(original, copy);
    }
  }
}

/**
 * Makes the copy the next completion on `original` will take, ahead of time (the server calls it after publishing a
 * document's diagnostics, when it is idle): the first completion after an open or an edit then costs what later ones
 * do instead of paying for the copy. Returns the copy waiting for the next completion (made now, or already there);
 * nothing when reuse is off.
 */
export function prepareCompletionCopy(original: SingleYAMLDocument): SingleYAMLDocument | undefined {
  if (!enabled || !libraryClone) return undefined;
  const waiting = spares.get(original);
  if (waiting) return waiting;
  const copy = libraryClone.call(original);
  ours.add(copy);
  spares.set(original, copy);
  return copy;
}

/**
 * A copy made here and not changed since: what it answers depends only on the original it was made from (see
 * completionMatchingSchemas.ts). Anything else (originals, the library's own clones, changed copies) is not.
 */
export function isUnchangedCopy(document: object): boolean {
  return ours.has(document as SingleYAMLDocument) && !changed.has(document as SingleYAMLDocument);
}

/** For the equivalence test: off makes every completion clone afresh, as the library does. */
export function setCompletionCopyReuse(on: boolean): void {
  enabled = on;
}

export function completionCopyCounts(): { reused: number; cloned: number } {
  return { ...counts };
}

/** For the tests: the copy waiting in the pool for `original`, if any. */
export function pooledCopyOf(original: SingleYAMLDocument): SingleYAMLDocument | undefined {
  return spares.get(original);
}
