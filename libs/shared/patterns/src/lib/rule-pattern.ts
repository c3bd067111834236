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

export type CompiledRulePattern = { ok: true; regex: RE2JS } | { ok: false; problem: string };

const LINEAR_TIME = 'which patterns cannot have: they are matched in linear time (RE2 syntax) so that no message can stall the server';

/** The construct RE2 stopped at, when it is one it leaves out on purpose rather than a typing mistake. */
function unsupportedConstruct(at: string | null): string | null {
  if (at === null) return null;
  if (/^\\[1-9]/.test(at) || at.startsWith('\\k')) return `a backreference (${at})`;
  if (at.startsWith('(?=') || at.startsWith('(?!')) return `a lookahead (${at.slice(0, 3)})`;
  if (at.startsWith('(?<=') || at.startsWith('(?<!')) return `a lookbehind (${at.slice(0, 4)})`;
  return null;
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

function compile(pattern: string): CompiledRulePattern {
  if (pattern.length > RULE_PATTERN_MAX_LENGTH) return { ok: false, problem: `is longer than ${RULE_PATTERN_MAX_LENGTH} characters` };
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(fromJavaScriptEscapes(pattern), RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) return { ok: false, problem: `does not compile: ${(error as Error).message}` };
    const construct = unsupportedConstruct(error.getPattern());
    if (construct) return { ok: false, problem: `uses ${construct}, ${LINEAR_TIME}` };
    const at = error.getPattern();
    // With the case-insensitive flag RE2 quotes the whole pattern behind a `(?i)` of its own: saying where adds nothing.
    return { ok: false, problem: `does not compile: ${error.getDescription()}${at && !at.startsWith('(?i)') ? ` at ${at}` : ''}` };
  }
  const size = regex.programSize();
  if (size > RULE_PATTERN_MAX_PROGRAM_SIZE) {
    return { ok: false, problem: `is too complex to run on every message (${size} steps, at most ${RULE_PATTERN_MAX_PROGRAM_SIZE}): use smaller repetition counts, such as {1,50} instead of {1,1000}` };
  }
  return { ok: true, regex };
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

/** Why a pattern cannot be saved, or null when it can. */
export function rulePatternProblem(pattern: string): string | null {
  const result = compileRulePattern(pattern);
  return result.ok ? null : result.problem;
}

/** Whether the pattern is found in the text's first RULE_PATTERN_MAX_TEXT_LENGTH characters. */
export function matchesRulePattern(regex: RE2JS, text: string): boolean {
  if (text.length <= RULE_PATTERN_MAX_TEXT_LENGTH) return regex.test(text);
  // Cutting between the halves of a surrogate pair would leave half a character at the end.
  const end = /[\uD800-\uDBFF]/.test(text[RULE_PATTERN_MAX_TEXT_LENGTH - 1]) ? RULE_PATTERN_MAX_TEXT_LENGTH - 1 : RULE_PATTERN_MAX_TEXT_LENGTH;
  return regex.test(text.slice(0, end));
}
