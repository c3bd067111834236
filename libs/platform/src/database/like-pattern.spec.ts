import { containsPattern } from './like-pattern';

describe('containsPattern', () => {
  it('matches the text anywhere and takes wildcards typed by a person literally', () => {
    expect(containsPattern('100%_off\\')).toBe('%100\\%\\_off\\\\%');
    expect(containsPattern('refund')).toBe('%refund%');
  });
});
