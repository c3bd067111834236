import { RE2JS, RE2JSSyntaxException } from 're2js';

/** The longest pattern a rule condition may hold. */
export const RULE_PATTERN_MAX_LENGTH = 500;

/** A pattern looks at most at this much of a message: the longest text Backtalk sends or a carrier delivers as one SMS. */
export const RULE_PATTERN_MAX_TEXT_LENGTH = 1600;

/**
 * RE2 takes time proportional to its compiled program's size times the text's length, never more. Counted repetition
 * inflates the program (`.{0,1000}` is a thousand steps), and in RE2's slowest mode a 500-character pattern of them
 * would take seconds per message; this bound keeps the worst pattern over the longest SMS to tens of milliseconds,
 * far above what a real pattern needs (`order\s*#?\d{4,}` is 20).
 */
export const RULE_PATTERN_MAX_PROGRAM_SIZE = 1000;

/** What RE2 could not read in a pattern, by the parser's own error (re2js `Parser.ERR_…`); `other` for any it adds later. */
export type RulePatternSyntax =
  | 'invalid_char_range'
  | 'invalid_escape'
  | 'invalid_named_capture'
  | 'invalid_perl_op'
  | 'invalid_repeat_op'
  | 'invalid_repeat_size'
  | 'missing_bracket'
  | 'missing_paren'
  | 'missing_repeat_argument'
  | 'trailing_backslash'
  | 'duplicate_named_capture'
  | 'unexpected_paren'
  | 'nesting_depth'
  | 'too_large'
  | 'other';

/**
 * Why a pattern cannot be used, as a code with its details, for the console to word in its language. `at`: the part of
 * the pattern RE2 stopped at, quoted from what the person typed.
 */
export type RulePatternIssue =
  | { code: 'too_long'; max: number }
  | { code: 'unsupported'; construct: 'backreference' | 'lookahead' | 'lookbehind'; at: string }
  | { code: 'syntax'; syntax: RulePatternSyntax; at: string | null }
  | { code: 'too_complex'; steps: number; max: number };

export type CompiledRulePattern = { ok: true; regex: RE2JS } | { ok: false; issue: RulePatternIssue; problem: string };

const SYNTAX_BY_DESCRIPTION: Record<string, RulePatternSyntax> = {
  'invalid character class range': 'invalid_char_range',
  'invalid escape sequence': 'invalid_escape',
  'invalid named capture': 'invalid_named_capture',
  'invalid or unsupported Perl syntax': 'invalid_perl_op',
  'invalid nested repetition operator': 'invalid_repeat_op',
  'invalid repeat count': 'invalid_repeat_size',
  'missing closing ]': 'missing_bracket',
  'missing closing )': 'missing_paren',
  'missing argument to repetition operator': 'missing_repeat_argument',
  'trailing backslash at end of expression': 'trailing_backslash',
  'duplicate capture group name': 'duplicate_named_capture',
  'unexpected )': 'unexpected_paren',
  'expression nests too deeply': 'nesting_depth',
  'expression too large': 'too_large',
};

const DESCRIPTION_BY_SYNTAX = new Map(Object.entries(SYNTAX_BY_DESCRIPTION).map(([description, syntax]) => [syntax, description]));

const LINEAR_TIME = 'which patterns cannot have: they are matched in linear time (RE2 syntax) so that no message can stall the server';

/** The construct RE2 stopped at, when it is one it leaves out on purpose rather than a typing mistake. */
function unsupportedConstruct(at: string | null): { construct: 'backreference' | 'lookahead' | 'lookbehind'; at: string } | null {
  if (at === null) return null;
  if (/^\\[1-9]/.test(at) || at.startsWith('\\k')) return { construct: 'backreference', at: at.slice(0, 2) };
  if (at.startsWith('(?=') || at.startsWith('(?!')) return { construct: 'lookahead', at: at.slice(0, 3) };
  if (at.startsWith('(?<=') || at.startsWith('(?<!')) return { construct: 'lookbehind', at: at.slice(0, 4) };
  return null;
}

/**
 * The issue in English, following "the pattern": for the API's validation messages and the logs. The console words the
 * issue itself, in its language.
 */
export function describeRulePatternIssue(issue: RulePatternIssue): string {
  switch (issue.code) {
    case 'too_long':
      return `is longer than ${issue.max} characters`;
    case 'unsupported':
      return `uses a ${issue.construct} (${issue.at}), ${LINEAR_TIME}`;
    case 'syntax':
      return `does not compile${DESCRIPTION_BY_SYNTAX.has(issue.syntax) ? `: ${DESCRIPTION_BY_SYNTAX.get(issue.syntax)}` : ''}${issue.at ? ` at ${issue.at}` : ''}`;
    case 'too_complex':
      return `is too complex to run on every message (${issue.steps} steps, at most ${issue.max}): use smaller repetition counts, such as {1,50} instead of {1,1000}`;
  }
}

/**
 * JavaScript's `\uXXXX` and `\u{X…}` escapes, which patterns written for the previous engine use, become RE2's
 * `\x{…}`. Escapes are read pairwise from the left, so an escaped backslash followed by `u` stays as it was.
 */
function fromJavaScriptEscapes(pattern: string): string {
  return pattern.replace(/\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|[\s\S])/g, (escape, braced?: string, four?: string) => {
    const code = braced ?? four;
    return code === undefined ? escape : `\\x{${code}}`;
  });
}

function issueOf(pattern: string): RulePatternIssue | RE2JS {
  if (pattern.length > RULE_PATTERN_MAX_LENGTH) return { code: 'too_long', max: RULE_PATTERN_MAX_LENGTH };
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(fromJavaScriptEscapes(pattern), RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) return { code: 'syntax', syntax: 'other', at: null };
    const construct = unsupportedConstruct(error.getPattern());
    if (construct) return { code: 'unsupported', ...construct };
    const at = error.getPattern();
    return { code: 'syntax', syntax: SYNTAX_BY_DESCRIPTION[error.getDescription()] ?? 'other', at: at && !at.startsWith('(?i)') ? at : null };
  }
  const size = regex.programSize();
  if (size > RULE_PATTERN_MAX_PROGRAM_SIZE) return { code: 'too_complex', steps: size, max: RULE_PATTERN_MAX_PROGRAM_SIZE };
  return regex;
}

function compile(pattern: string): CompiledRulePattern {
  const result = issueOf(pattern);
  return result instanceof RE2JS ? { ok: true, regex: result } : { ok: false, issue: result, problem: describeRulePatternIssue(result) };
}

/** Rules are few and evaluated on every message: each pattern is compiled once, and the cache cannot grow unbounded. */
const compiled = new Map<string, CompiledRulePattern>();
const CACHE_LIMIT = 1000;

/**
 * A rule's pattern compiled for RE2 (linear-time matching, case-insensitive, Unicode), or why it cannot be used: a
 * sentence that follows "the pattern", e.g. "uses a backreference (\1), which patterns cannot have: …".
 */
export function compileRulePattern(pattern: string): CompiledRulePattern {
  let result = compiled.get(pattern);
  if (!result) {
    result = compile(pattern);
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(pattern, result);
  }
  return result;
}

/** Why a pattern cannot be saved, in English (see describeRulePatternIssue), or null when it can. */
export function rulePatternProblem(pattern: string): string | null {
  const result = compileRulePattern(pattern);
  return result.ok ? null : result.problem;
}

/** Why a pattern cannot be saved, as a code with details, or null when it can. */
export function rulePatternIssue(pattern: string): RulePatternIssue | null {
  const result = compileRulePattern(pattern);
  return result.ok ? null : result.issue;
}

/** Whether the pattern is found in the text's first RULE_PATTERN_MAX_TEXT_LENGTH characters. */
export function matchesRulePattern(regex: RE2JS, text: string): boolean {
  if (text.length <= RULE_PATTERN_MAX_TEXT_LENGTH) return regex.test(text);
  // Cutting between the halves of a surrogate pair would leave half a character at the end.
  const end = /[\uD800-\uDBFF]/.test(text[RULE_PATTERN_MAX_TEXT_LENGTH - 1]) ? RULE_PATTERN_MAX_TEXT_LENGTH - 1 : RULE_PATTERN_MAX_TEXT_LENGTH;
  return regex.test(text.slice(0, end));
}
