/**
 * What the engine reports, independent of LSP and VS Code. Offsets are UTF-16 offsets in the document text; the
 * server turns them into LSP ranges and the CLI into line:column.
 */
export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface Finding {
  /** Stable code shown with the message, e.g. "attributes-with-validation". Schema findings use "schema". */
  code: string;
  severity: FindingSeverity;
  message: string;
  offset: number;
  length: number;
  /** Rendered struck-through (deprecated) or faded (unnecessary) by editors. */
  tags?: Array<'deprecated' | 'unnecessary'>;
  /** Facts a quick fix needs (e.g. the suggested replacement); carried in the LSP diagnostic's `data`. */
  data?: Record<string, unknown>;
}

/** The `source` shown in VS Code's Problems panel for everything we report. */
export const DIAGNOSTIC_SOURCE = 'auth0-connections';
