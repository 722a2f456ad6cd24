/**
 * Schema validation of one deploy-cli connection item, from the engine's tree of the whole document (JSON or YAML)
 * without parsing anything again: the item's nodes are handed to vscode-json-languageservice's validator as its own
 * AST (the library's node classes, offsets those of the document). It is the validator the JSON mode uses, and the
 * one yaml-language-server's is a fork of, so the messages read as in a connection file. Problems come back as
 * offsets (see OFFSET_DOCUMENT), coded and with severities as the JSON mode gives them.
 */
import { getLanguageService, type DocumentLanguageSettings, type JSONDocument, type LanguageService } from 'vscode-json-languageservice';
import {
  ArrayASTNodeImpl,
  BooleanASTNodeImpl,
  newJSONDocument,
  NullASTNodeImpl,
  NumberASTNodeImpl,
  ObjectASTNodeImpl,
  PropertyASTNodeImpl,
  StringASTNodeImpl,
  type ASTNodeImpl,
} from 'vscode-json-languageservice/lib/esm/parser/jsonParser.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
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
    const json = newJSONDocument(toAst(item, undefined)) as unknown as JSONDocument;
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

/** The engine's node as the library's AST node (iterative over properties and items would gain nothing: items are shallow). */
function toAst(node: BodyNode, parent: ASTNodeImpl | undefined): ASTNodeImpl {
  switch (node.kind) {
    case 'object': {
      const object = new ObjectASTNodeImpl(parent, node.offset);
      object.length = node.length;
      for (const property of node.properties) {
        const astProperty = new PropertyASTNodeImpl(object, property.keyOffset, undefined);
        const key = new StringASTNodeImpl(astProperty, property.keyOffset, property.keyLength);
        key.value = property.key;
        astProperty.keyNode = key;
        if (property.value) {
          astProperty.valueNode = toAst(property.value, astProperty);
          astProperty.length = property.value.offset + property.value.length - property.keyOffset;
        } else {
          astProperty.length = property.keyLength;
        }
        object.properties.push(astProperty);
      }
      return object;
    }
    case 'array': {
      const array = new ArrayASTNodeImpl(parent, node.offset);
      array.length = node.length;
      for (const item of node.items) array.items.push(toAst(item, array));
      return array;
    }
    case 'string': {
      const string = new StringASTNodeImpl(parent, node.offset, node.length);
      string.value = String(node.value);
      return string;
    }
    case 'number': {
      const number = new NumberASTNodeImpl(parent, node.offset);
      number.length = node.length;
      number.value = Number(node.value);
      number.isInteger = Number.isInteger(node.value);
      return number;
    }
    case 'boolean': {
      const boolean = new BooleanASTNodeImpl(parent, node.value === true, node.offset);
      boolean.length = node.length;
      return boolean;
    }
    case 'null': {
      const nullNode = new NullASTNodeImpl(parent, node.offset);
      nullNode.length = node.length;
      return nullNode;
    }
  }
}
