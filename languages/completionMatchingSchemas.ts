/**
 * The schemas matching a completion copy's nodes, worked out once per copy instead of on every completion.
 *
 * Why: yaml-language-server's completion asks its copy of the document for `getMatchingSchemas(schema, -1, null,
 * true)`, which validates the whole document against the schema to learn which schema applies to each node: 75-85%
 * of a completion on the 0.9 MB large.yaml (35-70 ms of 45-115 ms, measured in-process), paid again on every request.
 * The answer depends only on the copy, the schema and the copy's parser flags. A copy that is handed out again is
 * unchanged (completionClone.ts drops a copy the moment completion changes it), so the answer can be kept with the
 * copy; and it can be worked out ahead, in idle time, when the copy is prepared after validation, with the schema that
 * validation used: the first completion after an open then costs what later ones do.
 *
 * Only the whole-document question (focus -1, nothing excluded) of our unchanged copies is kept; every other call,
 * and every call on a copy that completion changed, goes to the library as before. Callers only read the answer
 * (checked in yamlCompletion.js: find/filter/iterate), and each gets its own array.
 */
import { JSONDocument } from 'yaml-language-server/lib/esm/languageservice/parser/jsonDocument';
import type { SingleYAMLDocument } from 'yaml-language-server/lib/esm/languageservice/parser/yaml-documents';
import { isUnchangedCopy } from './completionClone';

type MatchingSchemas = ReturnType<JSONDocument['getMatchingSchemas']>;
type Schema = Parameters<JSONDocument['getMatchingSchemas']>[0];

interface Remembered {
  schema: Schema;
  /** The copy's flags the validator reads (they can be set again when the copy is handed out). */
  isKubernetes: boolean;
  disableAdditionalProperties: boolean;
  fromCompletion: boolean;
  schemas: MatchingSchemas;
}

interface ParserFlags {
  isKubernetes: boolean;
  disableAdditionalProperties: boolean;
}

const remembered = new WeakMap<JSONDocument, Remembered>();
/** The schema each parsed document was last validated with: what completion on its copies will ask about. */
const validatedWith = new WeakMap<JSONDocument, Schema>();
let installed = false;
let libraryGetMatchingSchemas: JSONDocument['getMatchingSchemas'] | undefined;
/** How many whole-document questions were answered from memory and how many were worked out (for the tests). */
const counts = { remembered: 0, workedOut: 0 };

export function installMatchingSchemasMemory(): void {
  if (installed) return;
  installed = true;
  const prototype = JSONDocument.prototype;
  const original = prototype.getMatchingSchemas;
  libraryGetMatchingSchemas = original;
  const originalValidate = prototype.validate;

  prototype.validate = function (this: JSONDocument, ...args: Parameters<JSONDocument['validate']>) {
    const [, schema] = args;
    if (schema) validatedWith.set(this, schema);
    return originalValidate.apply(this, args);
  };

  prototype.getMatchingSchemas = function (
    this: JSONDocument,
    schema: Schema,
    focusOffset = -1,
    exclude?: Parameters<JSONDocument['getMatchingSchemas']>[2],
    fromCompletion?: boolean,
  ): MatchingSchemas {
    // The library passes null for "nothing excluded" (its default); its types say undefined.
    if (focusOffset !== -1 || exclude != null || !isUnchangedCopy(this)) {
      return original.call(this, schema, focusOffset, exclude, fromCompletion);
    }
    const flags = this as unknown as ParserFlags;
    const known = remembered.get(this);
    if (
      known?.schema === schema &&
      known.fromCompletion === Boolean(fromCompletion) &&
      known.isKubernetes === flags.isKubernetes &&
      known.disableAdditionalProperties === flags.disableAdditionalProperties
    ) {
      counts.remembered++;
      return known.schemas.slice();
    }
    const schemas = original.call(this, schema, focusOffset, exclude, fromCompletion);
    counts.workedOut++;
    remembered.set(this, {
      schema,
      isKubernetes: flags.isKubernetes,
      disableAdditionalProperties: flags.disableAdditionalProperties,
      fromCompletion: Boolean(fromCompletion),
      schemas,
    });
    return schemas.slice();
  };
}

/**
 * Works out, ahead of a request, what completion on `copy` (a prepared copy of `original`) will ask: the schemas
 * matching its nodes under the schema `original` was validated with. Nothing happens when `original` was never
 * validated or the answer is already known.
 */
export function prepareMatchingSchemas(original: SingleYAMLDocument, copy: SingleYAMLDocument): void {
  const schema = validatedWith.get(original);
  if (!installed || !schema || !isUnchangedCopy(copy)) return;
  const known = remembered.get(copy);
  if (known?.schema === schema) return;
  // Asked as completion asks (through the memory above, which keeps the answer with the copy).
  copy.getMatchingSchemas(schema, -1, undefined, true);
}

/** The library's own answer, never remembered (for the equivalence tests). */
export function libraryMatchingSchemas(document: JSONDocument, schema: Schema): MatchingSchemas {
  if (!libraryGetMatchingSchemas) throw new Error('installMatchingSchemasMemory() was not called');
  return libraryGetMatchingSchemas.call(document, schema, -1, undefined, true);
}

/** For the tests: what is remembered for `copy`, if anything. */
export function rememberedMatchingSchemas(copy: JSONDocument): { schema: Schema; schemas: MatchingSchemas } | undefined {
  const known = remembered.get(copy);
  return known && { schema: known.schema, schemas: known.schemas };
}

export function matchingSchemasCounts(): { remembered: number; workedOut: number } {
  return { ...counts };
}
