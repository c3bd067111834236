type PatternProblem = (pattern: string) => string | null;

let loaded: PatternProblem | undefined;
let loading: Promise<void> | undefined;

/**
 * Patterns are checked by the engine the API runs them on (RE2), whose Unicode tables weigh a quarter of a megabyte:
 * the rule editor fetches it when a rule has a pattern, not the console at start.
 */
export function loadPatternCheck(): Promise<void> {
  loading ??= import('@backtalk/patterns').then(
    (patterns) => {
      loaded = patterns.rulePatternProblem;
    },
    () => {
      loading = undefined;
    },
  );
  return loading;
}

/**
 * Why a pattern cannot be saved, in the API's words ("uses a backreference (\1), which …"); null until the engine has
 * loaded, since the API checks every pattern again when the rule is saved.
 */
export function patternProblem(pattern: string): string | null {
  return loaded ? loaded(pattern) : null;
}
