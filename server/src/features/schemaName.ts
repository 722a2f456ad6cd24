import { describeStrategy, strategyInfo } from '../../../common/strategies';
import { getProperty, stringValue, type ParsedBody } from '../../../engine/index';

/** What the language status item shows as "the schema in use" for a document. */
export function schemaNameFor(parsed: ParsedBody): string {
  const strategy = stringValue(getProperty(parsed.root, 'strategy')?.value);
  const base = 'POST /api/v2/connections';
  if (!strategy) return base;
  return strategyInfo(strategy) ? `${base} · ${strategy}: ${describeStrategy(strategy)}` : `${base} · unknown strategy "${strategy}"`;
}
