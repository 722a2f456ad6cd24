/**
 * Schema validation of one deploy-cli connection item, from the engine's tree of the whole document (JSON or YAML)
 * without parsing anything again: the item's nodes are handed to vscode-json-languageservice's validator as its own
 * AST (the library's node classes, offsets those of the document). It is the validator the JSON mode uses, and the
 * one yaml-language-server's is a fork of, so the messages read as in a connection file. Problems come back as
 * offsets (see offsetDocument), coded and with severities as the JSON mode gives them.
 */
import { getLanguageService, type DocumentLanguageSettings, type JSONDocument, type LanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticTag } from 'vscode-languageserver-types';
import { LibraryDiagnosticCodes } from '../common/protocol';
import type { BodyNode, DeployCliItemKind, ObjectNode } from '../engine/index';
import { validationVariantFor, validationVariants } from './itemSchemas';

/** A schema problem of an item, by offset in the document. */
export interface ItemSchemaProblem {
  offset: number;
  length: number;
  message: string;
  severity: 'error' | 'warning';
  code: string;
  deprecated: boolean;
}

const VALIDATION_SETTINGS: DocumentLanguageSettings = { schemaValidation: 'error', schemaRequest: 'warning' };
const VARIANT_URI = (name: string) => `auth0-deploy-cli-item:/${name}.json`;

/**
 * The library computes ranges with `document.positionAt`; this document answers with the offset itself as the
 * character of line 0, so ranges come back as offsets and no line table of a 1 MB document is ever built.
 */
function offsetDocument(uri: string): TextDocument {
  // Only uri, positionAt and offsetAt are read by the validation path.
  const document = {
    uri,
    languageId: 'json',
    version: 1,
    lineCount: 1,
    getText: () => '',
    positionAt: (offset: number) => ({ line: 0, character: offset }),
    offsetAt: (position: { character: number }) => position.character,
  };
  return document as unknown as TextDocument;
}

/**
 * One language service per variant, each with its one schema for every document: the service then finds a
 * document's schema from its cache (the same resource every time) instead of matching the resource against every
 * variant's pattern, which took a quarter of the validation time on a 2,000-item tenant file.
 */
export class ItemSchemaValidator {
  readonly #services = new Map<string, { service: LanguageService; document: TextDocument }>();
  readonly #variants = new Map(validationVariants().map(({ name, schema }) => [name, schema]));
  #classes: AstClasses | undefined;

  #serviceFor(variant: string): { service: LanguageService; document: TextDocument } {
    let entry = this.#services.get(variant);
    if (!entry) {
      const service = getLanguageService({ schemaRequestService: () => Promise.reject(new Error('deploy-cli item schemas are bundled')) });
      service.configure({ validate: true, schemas: [{ uri: VARIANT_URI(variant), fileMatch: ['*'], schema: this.#variants.get(variant) ?? {} }] });
      entry = { service, document: offsetDocument(`auth0-deploy-cli:/item/${variant}.json`) };
      this.#services.set(variant, entry);
    }
    return entry;
  }

  /** The schema problems of one item (its strategy's own variant of the item schema). */
  async validate(item: ObjectNode, kind: DeployCliItemKind, strategy: string | undefined): Promise<ItemSchemaProblem[]> {
    const { service, document } = this.#serviceFor(validationVariantFor(kind, strategy));
    const classes = (this.#classes ??= astClasses(service));
    const json = new classes.document(toAst(classes, item, undefined), [], []);
    const diagnostics = await service.doValidation(document, json, VALIDATION_SETTINGS);
    return diagnostics.map((diagnostic) => ({
      offset: diagnostic.range.start.character,
      length: diagnostic.range.end.character - diagnostic.range.start.character,
      message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message),
      severity: diagnostic.severity === 1 ? 'error' : 'warning',
      code: LibraryDiagnosticCodes.schema,
      deprecated: diagnostic.tags?.includes(DiagnosticTag.Deprecated) === true,
    }));
  }
}

/** The library's AST nodes, as far as its validator reads them. */
interface AstNode {
  offset: number;
  length: number;
  value?: unknown;
  isInteger?: boolean;
  properties?: AstNode[];
  items?: AstNode[];
  keyNode?: AstNode;
  valueNode?: AstNode;
}
type Parent = AstNode | undefined;

/** The library's own AST classes (and its JSONDocument), whichever build of it is loaded (the bundle's ESM, tsx's UMD). */
interface AstClasses {
  object: new (parent: Parent, offset: number) => AstNode;
  property: new (parent: Parent, offset: number, keyNode: AstNode | undefined) => AstNode;
  array: new (parent: Parent, offset: number) => AstNode;
  string: new (parent: Parent, offset: number, length: number) => AstNode;
  number: new (parent: Parent, offset: number) => AstNode;
  boolean: new (parent: Parent, value: boolean, offset: number) => AstNode;
  null: new (parent: Parent, offset: number) => AstNode;
  document: new (root: AstNode, syntaxErrors: unknown[], comments: unknown[]) => JSONDocument;
}

/**
 * Taken from a document the library parsed: its node classes are not exported from its entry, and importing its
 * internal module would load a second copy of it next to the one the service runs (a different build under tsx).
 */
function astClasses(service: LanguageService): AstClasses {
  const sample = service.parseJSONDocument(TextDocument.create('auth0-deploy-cli:/sample.json', 'json', 1, '{"k":["s",1,true,null]}'));
  const root = sample.root as unknown as AstNode;
  const property = root.properties?.[0] as AstNode;
  const items = property.valueNode?.items ?? [];
  const classOf = (node: unknown) => (node as { constructor: unknown }).constructor as never;
  return {
    object: classOf(root),
    property: classOf(property),
    array: classOf(property.valueNode),
    string: classOf(items[0]),
    number: classOf(items[1]),
    boolean: classOf(items[2]),
    null: classOf(items[3]),
    document: classOf(sample),
  };
}

/** The engine's node as the library's AST node, with the library's own classes. */
function toAst(classes: AstClasses, node: BodyNode, parent: Parent): AstNode {
  let ast: AstNode;
  switch (node.kind) {
    case 'object': {
      ast = new classes.object(parent, node.offset);
      for (const property of node.properties) {
        const astProperty = new classes.property(ast, property.keyOffset, undefined);
        const key = new classes.string(astProperty, property.keyOffset, property.keyLength);
        key.value = property.key;
        astProperty.keyNode = key;
        if (property.value) astProperty.valueNode = toAst(classes, property.value, astProperty);
        astProperty.length = property.value ? property.value.offset + property.value.length - property.keyOffset : property.keyLength;
        ast.properties?.push(astProperty);
      }
      break;
    }
    case 'array':
      ast = new classes.array(parent, node.offset);
      for (const item of node.items) ast.items?.push(toAst(classes, item, ast));
      break;
    case 'string':
      ast = new classes.string(parent, node.offset, node.length);
      ast.value = String(node.value);
      break;
    case 'number':
      ast = new classes.number(parent, node.offset);
      ast.value = Number(node.value);
      ast.isInteger = Number.isInteger(node.value);
      break;
    case 'boolean':
      ast = new classes.boolean(parent, node.value === true, node.offset);
      break;
    case 'null':
      ast = new classes.null(parent, node.offset);
      break;
  }
  ast.length = node.length;
  return ast;
}
