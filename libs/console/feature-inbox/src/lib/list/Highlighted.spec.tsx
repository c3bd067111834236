import { renderToStaticMarkup } from 'react-dom/server';
import { Highlighted } from './Highlighted';

const render = (text: string, query: string) => renderToStaticMarkup(<Highlighted text={text} query={query} />);
const marks = (html: string) => [...html.matchAll(/<mark class="bt-search-match">(.*?)<\/mark>/g)].map(([, match]) => match);

describe('Highlighted', () => {
  it('marks every match of the search in any case and leaves the rest of the text as it was', () => {
    const html = render('Kettle broke; the new kettle is fine', 'kettle');

    expect(marks(html)).toEqual(['Kettle', 'kettle']);
    expect(html).toBe('<mark class="bt-search-match">Kettle</mark> broke; the new <mark class="bt-search-match">kettle</mark> is fine');
  });

  it('marks each word of a search of several, the longer one where two overlap', () => {
    expect(marks(render('Order KX-200 for the office', 'office order'))).toEqual(['Order', 'office']);
    expect(marks(render('a parcel and its parcels', 'parcel parcels'))).toEqual(['parcel', 'parcels']);
  });

  it('takes regular expression characters in the search literally', () => {
    expect(marks(render('Is it $12.40 (with VAT)? Or 12x40?', '$12.40 (with'))).toEqual(['$12.40', '(with']);
    expect(marks(render('a+b and aab', 'a+b'))).toEqual(['a+b']);
    expect(marks(render('path C:\\temp\\ and [brackets]', '\\temp\\ [brackets]'))).toEqual(['\\temp\\', '[brackets]']);
    expect(() => render('anything', '(')).not.toThrow();
    expect(marks(render('no stars here', '.*'))).toEqual([]);
  });

  it('never turns the text or the search into markup', () => {
    const html = render('<img src=x onerror=alert(1)> hello <b>there</b>', '<b> hello');

    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(marks(html)).toEqual(['hello', '&lt;b&gt;']);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows the text unmarked when there is nothing to search for', () => {
    expect(render('Where is my parcel?', '   ')).toBe('Where is my parcel?');
    expect(render('', 'parcel')).toBe('');
  });
});
