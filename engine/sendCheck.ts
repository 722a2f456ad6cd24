/**
 * The one check before a document is sent to Auth0, shared by the editor's and the CLI's create (and apply): a body
 * that does not parse, has an error, or is not an object is never sent. What is sent is the body as the document
 * says it (YAML aliases resolved), without the `$schema` editor hint.
 */
import { prepareBody } from '../common/auth0/body';
import type { ParsedBody, SyntaxProblem } from './tree/bodyTree';
import { toPlainValue } from './tree/navigate';

export type SendCheck<E = unknown> =
  | {
      ok: true;
      /** The request body: a deep copy without `$schema`. */
      body: Record<string, unknown>;
      name: string | undefined;
      strategy: string | undefined;
    }
  /** Not well-formed: the first syntax problem, when the parser named one (an empty document has none); or, with no errors given, a YAML alias left unexpanded. */
  | { ok: false; reason: 'syntax'; problem: SyntaxProblem | undefined }
  /** Parses, but has errors (ours and the schema's): Auth0 would refuse it, or create something else. */
  | { ok: false; reason: 'errors'; errors: readonly E[] }
  /** Parses without errors but is not one object. */
  | { ok: false; reason: 'body'; message: string };

/**
 * `errors` are the document's current error diagnostics (computed for this very text, not a debounced publication),
 * in whatever shape the caller holds them: LSP diagnostics in the CLI, VS Code's in the editor.
 */
export function checkBeforeSending<E>(parsed: ParsedBody, errors: readonly E[]): SendCheck<E> {
  const problem = parsed.syntaxProblems[0];
  if (problem || parsed.root === undefined) return { ok: false, reason: 'syntax', problem };
  if (errors.length > 0) return { ok: false, reason: 'errors', errors };
  // An alias whose value the tree could not hold stands there as null, so what would be sent is not what is written.
  // It is among the errors of a full check (yaml-alias); this holds for a caller that passed none.
  const aliasProblem = parsed.aliasProblems?.[0];
  if (aliasProblem) return { ok: false, reason: 'syntax', problem: aliasProblem };
  const prepared = prepareBody(toPlainValue(parsed.root));
  if (!prepared.ok) return { ok: false, reason: 'body', message: prepared.message };
  return { ok: true, body: prepared.body, name: prepared.name, strategy: prepared.strategy };
}
