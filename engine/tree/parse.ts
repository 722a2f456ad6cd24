/** The entry to both parsers: the depth guard first, then JSON or YAML. */
import type { DocumentFormat, ParsedBody } from './bodyTree';
import { parseJsonBody } from './jsonTree';
import { tooDeepBody } from './nesting';
import { parsePlainYaml } from './plainYaml';
import { parseYamlBody } from './yamlTree';

export function parseBody(text: string, format: DocumentFormat): ParsedBody {
  return tooDeepBody(text, format) ?? (format === 'json' ? parseJsonBody(text) : parseYamlBody(text));
}

/**
 * parseBody with the plain-YAML fast path tried first (plainYaml.ts): the same tree, several times faster on the
 * block YAML exporters write. deploy-cli tenant files (up to megabytes of exported connections) are read with it.
 */
export function parseBodyPreferPlain(text: string, format: DocumentFormat): ParsedBody {
  return tooDeepBody(text, format) ?? (format === 'yaml' ? parsePlainYaml(text) : undefined) ?? parseBody(text, format);
}
