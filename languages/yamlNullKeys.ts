/**
 * A YAML mapping key that is null (`: value`, `? ` with nothing after it, or what is left of a line that the parser
 * could not read as the flow mapping it was meant to be) must not make the schema validator throw.
 *
 * Why: yaml-language-server's validator names each key by its AST value, which is `null` for such a key, and reports
 * one that the schema does not allow with `l10n.t('Property {0} is not allowed.', name)`. @vscode/l10n takes a
 * non-string second argument as the record of named arguments, and `Object.keys(null)` throws. That TypeError escaped
 * every hover on the document (found with `\ufeff\ufeff{ "options": { ... [[[ ... }, "strategy": "oauth2" }`: the
 * second byte-order mark is text, so the line is read as a block mapping whose last key is empty), and validation,
 * where the library catches it, returned no diagnostic at all, not even the syntax errors.
 *
 * How: the method is wrapped on the validator's prototype so that a null name reaches it as the text `null`, the
 * name the validator already files the key under (`seenKeys[null]` is `seenKeys['null']`) and the name the engine's
 * own tree gives it. Every other name is passed through unchanged.
 */
import { BaseValidator } from 'yaml-language-server/lib/esm/languageservice/parser/schemaValidation/baseValidator';

type ApplyAdditionalProperties = (this: BaseValidator, ...args: unknown[]) => void;

const UNPROCESSED_PROPERTIES_ARGUMENT = 7;
let installed = false;

export function installNullKeyNames(): void {
  if (installed) return;
  installed = true;
  const prototype = BaseValidator.prototype as unknown as { applyAdditionalProperties: ApplyAdditionalProperties };
  const original = prototype.applyAdditionalProperties;
  prototype.applyAdditionalProperties = function (this: BaseValidator, ...args: unknown[]): void {
    const names = args[UNPROCESSED_PROPERTIES_ARGUMENT];
    if (Array.isArray(names) && names.some((name) => name === null || name === undefined)) {
      args[UNPROCESSED_PROPERTIES_ARGUMENT] = names.map((name: unknown) => (name === null || name === undefined ? String(name) : name));
    }
    original.apply(this, args);
  };
}
