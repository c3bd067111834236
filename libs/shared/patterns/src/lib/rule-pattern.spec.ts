import { compileRulePattern, matchesRulePattern, rulePatternIssue, rulePatternProblem } from './rule-pattern';

const regexOf = (pattern: string) => {
  const compiled = compileRulePattern(pattern);
  if (!compiled.ok) throw new Error(`${pattern} ${compiled.problem}`);
  return compiled.regex;
};

describe('rule patterns', () => {
  it('run on RE2: a nested repetition over the longest SMS is decided in one pass, where a backtracking engine would never finish', () => {
    const onlyA = regexOf('^(a+)+$');
    expect(matchesRulePattern(onlyA, `${'a'.repeat(1599)}!`)).toBe(false);
    expect(matchesRulePattern(onlyA, 'a'.repeat(1600))).toBe(true);
  });

  it('match without regard to case, in any alphabet', () => {
    expect(matchesRulePattern(regexOf('терміново'), 'ТЕРМІНОВО!')).toBe(true);
    expect(matchesRulePattern(regexOf('^\\p{Lu}\\p{Ll}+$'), 'жук')).toBe(true);
  });

  it('read the \\u escapes of JavaScript patterns, but not an escaped backslash followed by u', () => {
    expect(matchesRulePattern(regexOf('\\u0416\\u{1F600}'), 'Ж😀')).toBe(true);
    expect(matchesRulePattern(regexOf('[\\u0410-\\u042F]'), 'я')).toBe(true);
    expect(matchesRulePattern(regexOf('\\\\u0416'), '\\u0416')).toBe(true);
  });

  it('say in words what cannot be used', () => {
    expect(rulePatternProblem('(order')).toBe('does not compile: missing closing )');
    expect(rulePatternProblem('(?<n>\\w+) \\k<n>')).toMatch(/^uses a backreference \(\\k\), which patterns cannot have: they are matched in linear time/);
    expect(rulePatternProblem('x'.repeat(501))).toBe('is longer than 500 characters');
    expect(rulePatternProblem('(?:.{0,1000}a)z')).toMatch(/^is too complex to run on every message \(\d+ steps, at most 1000\)/);
    expect(rulePatternProblem('order\\s*#?\\d{4,}')).toBeNull();
  });

  it('say what cannot be used as a code with details, for the console to word in its language', () => {
    expect(rulePatternIssue('(order')).toEqual({ code: 'syntax', syntax: 'missing_paren', at: null });
    expect(rulePatternIssue('[z-a]')).toEqual({ code: 'syntax', syntax: 'invalid_char_range', at: 'z-a' });
    expect(rulePatternIssue('(a)\\1')).toEqual({ code: 'unsupported', construct: 'backreference', at: '\\1' });
    expect(rulePatternIssue('price(?=\\d)')).toEqual({ code: 'unsupported', construct: 'lookahead', at: '(?=' });
    expect(rulePatternIssue('(?<!no )refund')).toEqual({ code: 'unsupported', construct: 'lookbehind', at: '(?<!' });
    expect(rulePatternIssue('x'.repeat(501))).toEqual({ code: 'too_long', max: 500 });
    expect(rulePatternIssue('(?:.{0,1000}a)z')).toEqual({ code: 'too_complex', steps: expect.any(Number), max: 1000 });
    expect(rulePatternIssue('order\\s*#?\\d{4,}')).toBeNull();
  });

  it('look at the first 1,600 characters of a text, without cutting a character in half', () => {
    expect(matchesRulePattern(regexOf('x$'), `${'x'.repeat(1599)}😀`)).toBe(true);
    expect(matchesRulePattern(regexOf('😀'), `${'x'.repeat(1599)}😀`)).toBe(false);
  });

  it('are compiled once', () => {
    expect(compileRulePattern('refund|money back')).toBe(compileRulePattern('refund|money back'));
  });
});
