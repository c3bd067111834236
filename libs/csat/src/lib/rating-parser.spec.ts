import { parseRating } from './rating-parser';

describe('parseRating', () => {
  it.each([
    ['5', 5],
    ['1', 1],
    [' 3 ', 3],
    ['4.', 4],
    ['5!!!', 5],
    ['4/5', 4],
    ['4 / 5', 4],
    ['3 out of 5', 3],
    ['5 stars', 5],
    ['4️⃣', 4],
  ])('reads the digit answer %p as %p with no comment', (text, rating) => {
    expect(parseRating(text)).toEqual({ rating, comment: null });
  });

  it.each([
    ['five', 5],
    ['Four', 4],
    ['THREE', 3],
    ["п'ять", 5],
    ['п’ять', 5],
    ['пʼять', 5],
    ['чотири', 4],
    ['дві', 2],
    ['один', 1],
    ['пять', 5],
    ['четыре', 4],
    ['две', 2],
  ])('reads the number word %p as %p', (text, rating) => {
    expect(parseRating(text)).toEqual({ rating, comment: null });
  });

  it.each([
    ['★★★★', 4],
    ['⭐⭐⭐⭐⭐', 5],
    ['★★★☆☆', 3],
    ['⭐️⭐️', 2],
  ])('counts the filled stars of %p as %p', (text, rating) => {
    expect(parseRating(text)).toEqual({ rating, comment: null });
  });

  it('reads a thumbs-up as 5 and a thumbs-down as 1, with any skin tone', () => {
    expect(parseRating('👍')).toEqual({ rating: 5, comment: null });
    expect(parseRating('👍🏽')).toEqual({ rating: 5, comment: null });
    expect(parseRating('👎')).toEqual({ rating: 1, comment: null });
  });

  it.each([
    ['4 спасибі', 4, 'спасибі'],
    ['4 thanks!', 4, 'thanks!'],
    ['5 - quick and friendly', 5, 'quick and friendly'],
    ['2, the courier was late', 2, 'the courier was late'],
    ['3/5 slow answer', 3, 'slow answer'],
    ["п'ять, дякую", 5, 'дякую'],
    ['five stars, great help', 5, 'great help'],
    ['★★★★ good', 4, 'good'],
    ['👍 thanks', 5, 'thanks'],
    ['1\nnobody answered for two days', 1, 'nobody answered for two days'],
  ])('keeps what follows the score in %p as the comment', (text, rating, comment) => {
    expect(parseRating(text)).toEqual({ rating, comment });
  });

  it.each([
    [''],
    ['   '],
    ['thanks'],
    ['I have 2 more questions'],
    ['0'],
    ['6'],
    ['10'],
    ['45'],
    ['5pm works for me'],
    ['3.5'],
    ['2nd order is missing'],
    ['5:30'],
    ['5%'],
    ['fivefold'],
    ['🙂'],
    ['Where is my order?'],
  ])('does not read %p as a rating', (text) => {
    expect(parseRating(text)).toBeNull();
  });
});
