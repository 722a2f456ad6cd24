/** The entry to both parsers: the depth guard first, then JSON or YAML. */
import type { DocumentFormat, ParsedBody } from './bodyTree';
import { parseJsonBody } from './jsonTree';
import { tooDeepBody } from './nesting';
import { parseYamlBody } from './yamlTree';

export function parseBody(text: string, format: DocumentFormat): ParsedBody {
  return tooDeepBody(text, format) ?? (format === 'json' ? parseJsonBody(text) : parseYamlBody(text));
}
