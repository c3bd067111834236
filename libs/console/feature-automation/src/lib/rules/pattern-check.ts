import type { RulePatternIssue } from '@backtalk/patterns';

type PatternProblem = (pattern: string) => RulePatternIssue | null;

let loaded: PatternProblem | undefined;
let loading: Promise<void> | undefined;

/**
 * Patterns are checked by the engine the API runs them on (RE2), whose Unicode tables weigh a quarter of a megabyte:
 * the rule editor fetches it when a rule has a pattern, not the console at start.
 */
export function loadPatternCheck(): Promise<void> {
  loading ??= import('@backtalk/patterns').then(
    (patterns) => {
      loaded = patterns.rulePatternIssue;
    },
    () => {
      loading = undefined;
    },
  );
  return loading;
}

/**
 * Why a pattern cannot be saved, as the code and details the API decides by (the form words it); null until the engine
 * has loaded, since the API checks every pattern again when the rule is saved.
 */
export function patternProblem(pattern: string): RulePatternIssue | null {
  return loaded ? loaded(pattern) : null;
}
