/**
 * Options Auth0 refuses to create an enterprise connection without, each quoting the 400 it answered
 * (engine/evidence.ts REQUIRED_ON_CREATE has the sources). An option counts as given when it, or any option a
 * recording shows Auth0 accepting in its place, holds a value other than null or "" (which the API reads as unset).
 */
import { requiredOnCreate, type RequiredOnCreate } from '../evidence';
import type { BodyNode } from '../tree/bodyTree';
import { getProperty } from '../tree/navigate';
import { findingAt, keyRange, valueRange, type RuleContext, type RuleDefinition } from './ruleContext';

function isSet(node: BodyNode | undefined): boolean {
  return node !== undefined && node.kind !== 'null' && !(node.kind === 'string' && node.value === '');
}

/** Where to point: the option's key when it is there but unset, else `options`, else the strategy that needs it. */
function placeOf({ root, options, optionsProperty }: RuleContext, entry: RequiredOnCreate): { offset: number; length: number } {
  const unset = getProperty(options, entry.option);
  if (unset) return keyRange(unset);
  if (optionsProperty) return keyRange(optionsProperty);
  const strategy = getProperty(root, 'strategy');
  return strategy ? valueRange(strategy) : { offset: root.offset, length: 1 };
}

export const missingRequiredOption: RuleDefinition = {
  code: 'missing-required-option',
  severity: 'error',
  summary: 'An option Auth0 refuses to create the connection without (okta `domain` or `issuer`, oidc `client_id`, adfs `adfs_server` or `fedMetadataXml`).',
  check: (context) => {
    const { strategy, options } = context;
    if (strategy === undefined) return [];
    return requiredOnCreate(strategy).flatMap((entry) => {
      if ([entry.option, ...entry.alternatives].some((name) => isSet(getProperty(options, name)?.value))) return [];
      return [findingAt(missingRequiredOption, placeOf(context, entry), `Auth0 rejects this body: "${entry.auth0Message}". ${entry.advice}.`)];
    });
  },
};

export const requiredOptionRules: readonly RuleDefinition[] = [missingRequiredOption];
