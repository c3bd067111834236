import { clicked, EMPTY_SELECTION, keptIn, toggledAllLoaded } from './bulk-selection';

const ORDER = ['a', 'b', 'c', 'd', 'e'];
const selected = (selection: { ids: ReadonlySet<string> }) => [...selection.ids].sort();

describe('bulk selection', () => {
  it('toggles one row per click and remembers it as the anchor', () => {
    const one = clicked(EMPTY_SELECTION, ORDER, 'b', false);
    expect(selected(one)).toEqual(['b']);
    expect(selected(clicked(one, ORDER, 'b', false))).toEqual([]);
  });

  it('selects the range from the anchor on a shift-click, in either direction', () => {
    const anchored = clicked(EMPTY_SELECTION, ORDER, 'd', false);
    expect(selected(clicked(anchored, ORDER, 'b', true))).toEqual(['b', 'c', 'd']);
    const down = clicked(EMPTY_SELECTION, ORDER, 'a', false);
    expect(selected(clicked(down, ORDER, 'c', true))).toEqual(['a', 'b', 'c']);
  });

  it('clears the range on a shift-click of a selected row', () => {
    const all = toggledAllLoaded(EMPTY_SELECTION, ORDER);
    const anchored = clicked(all, ORDER, 'b', false);
    expect(selected(clicked(anchored, ORDER, 'd', true))).toEqual(['a', 'e']);
  });

  it('selects every loaded row, and clears them when all were', () => {
    const all = toggledAllLoaded(EMPTY_SELECTION, ORDER);
    expect(selected(all)).toEqual(ORDER);
    expect(selected(toggledAllLoaded(all, ORDER))).toEqual([]);
  });

  it('goes back to picking rows when one is clicked while every match was selected', () => {
    const matching = { ...toggledAllLoaded(EMPTY_SELECTION, ORDER), allMatching: true };
    const after = clicked(matching, ORDER, 'c', false);
    expect(after.allMatching).toBe(false);
    expect(selected(after)).toEqual(['a', 'b', 'd', 'e']);
  });

  it('drops rows that left the list', () => {
    const some = clicked(clicked(EMPTY_SELECTION, ORDER, 'a', false), ORDER, 'c', true);
    expect(selected(keptIn(some, ['b', 'c', 'd']))).toEqual(['b', 'c']);
  });
});
