import { findUnacceptableInput, MAX_INPUT_DEPTH } from './input-guard';

/** `levels` objects, each inside the previous one, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let current = root;
  for (let level = 1; level < levels; level += 1) {
    const next: Record<string, unknown> = {};
    current['a'] = next;
    current = next;
  }
  return root;
}

describe('findUnacceptableInput', () => {
  it('accepts ordinary text, emoji (surrogate pairs), Cyrillic and arrays of objects', () => {
    const body = { name: 'Олена 👋', tags: ['a', 'b'], weekly: { mon: [{ start: '09:00', end: '18:00' }] }, count: 3, off: null };

    expect(findUnacceptableInput(body, 'body')).toBeNull();
  });

  it('names the field that holds a NUL character', () => {
    expect(findUnacceptableInput({ weekly: { mon: [{ start: '09:\u000000' }] } }, 'body')).toEqual({
      field: 'body.weekly.mon.0.start',
      messages: ['body.weekly.mon.0.start must not contain NUL characters'],
    });
  });

  it('refuses a lone high or low surrogate, in values and in field names', () => {
    expect(findUnacceptableInput({ email: '\ud800@x.com' }, 'body')?.field).toBe('body.email');
    expect(findUnacceptableInput(['ok', 'x\udc00'], 'query')?.field).toBe('query.1');
    expect(findUnacceptableInput({ 'na\u0000me': 'x' }, 'body')?.messages).toEqual(['a field name in body must not contain NUL characters']);
  });

  it(`accepts ${MAX_INPUT_DEPTH} levels of nesting and refuses one more`, () => {
    expect(findUnacceptableInput(nested(MAX_INPUT_DEPTH), 'body')).toBeNull();
    expect(findUnacceptableInput(nested(MAX_INPUT_DEPTH + 1), 'body')?.messages).toEqual([`${'body' + '.a'.repeat(MAX_INPUT_DEPTH)} nests deeper than ${MAX_INPUT_DEPTH} levels`]);
  });

  it('refuses a body nested 100,000 deep without running out of stack', () => {
    expect(findUnacceptableInput(nested(100_000), 'body')).not.toBeNull();
  });
});
