/**
 * Types for the one internal module of vscode-json-languageservice we use (its AST node classes, so that a deploy-cli
 * item already parsed by the engine can be validated without a second parse; see itemValidator.ts). The package
 * ships no typings for it; these declare only what itemValidator.ts touches.
 */
declare module 'vscode-json-languageservice/lib/esm/parser/jsonParser.js' {
  export class ASTNodeImpl {
    offset: number;
    length: number;
    parent: ASTNodeImpl | undefined;
  }
  export class NullASTNodeImpl extends ASTNodeImpl {
    constructor(parent: ASTNodeImpl | undefined, offset: number);
  }
  export class BooleanASTNodeImpl extends ASTNodeImpl {
    constructor(parent: ASTNodeImpl | undefined, value: boolean, offset: number);
  }
  export class ArrayASTNodeImpl extends ASTNodeImpl {
    constructor(parent: ASTNodeImpl | undefined, offset: number);
    items: ASTNodeImpl[];
  }
  export class NumberASTNodeImpl extends ASTNodeImpl {
    constructor(parent: ASTNodeImpl | undefined, offset: number);
    value: number;
    isInteger: boolean;
  }
  export class StringASTNodeImpl extends ASTNodeImpl {
    constructor(parent: ASTNodeImpl | undefined, offset: number, length: number);
    value: string;
  }
  export class PropertyASTNodeImpl extends ASTNodeImpl {
    constructor(parent: ASTNodeImpl | undefined, offset: number, keyNode: StringASTNodeImpl | undefined);
    keyNode: StringASTNodeImpl;
    valueNode?: ASTNodeImpl;
  }
  export class ObjectASTNodeImpl extends ASTNodeImpl {
    constructor(parent: ASTNodeImpl | undefined, offset: number);
    properties: PropertyASTNodeImpl[];
  }
  export function newJSONDocument(root: ASTNodeImpl, diagnostics?: unknown[], comments?: unknown[]): unknown;
}
