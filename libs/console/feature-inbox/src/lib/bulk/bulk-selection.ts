/**
 * Which conversations of the list are selected for a bulk action. Pure, so the click rules are tested alone: a click
 * toggles one row and makes it the anchor; a shift-click sets every row between the anchor and it to the state the
 * clicked row takes, as in a mail client; "all matching" stands for every conversation the filter finds, including
 * pages not loaded yet, and any single click goes back to picking rows.
 */
export interface BulkSelection {
  ids: ReadonlySet<string>;
  anchor: string | null;
  allMatching: boolean;
}

export const EMPTY_SELECTION: BulkSelection = { ids: new Set(), anchor: null, allMatching: false };

export function clicked(selection: BulkSelection, order: readonly string[], id: string, shift: boolean): BulkSelection {
  const ids = new Set(selection.allMatching ? order : selection.ids);
  const on = !ids.has(id);
  const from = shift && selection.anchor ? order.indexOf(selection.anchor) : -1;
  const to = order.indexOf(id);
  if (from === -1 || to === -1) {
    if (on) ids.add(id);
    else ids.delete(id);
  } else {
    for (const rowId of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
      if (on) ids.add(rowId);
      else ids.delete(rowId);
    }
  }
  return { ids, anchor: id, allMatching: false };
}

/** Every loaded row, or none when they all are already. */
export function toggledAllLoaded(selection: BulkSelection, order: readonly string[]): BulkSelection {
  const all = order.length > 0 && order.every((id) => selection.ids.has(id));
  return all || selection.allMatching ? EMPTY_SELECTION : { ids: new Set(order), anchor: null, allMatching: false };
}

/** Rows that left the list (resolved elsewhere, filtered out) leave the selection too. */
export function keptIn(selection: BulkSelection, order: readonly string[]): BulkSelection {
  if (selection.allMatching || selection.ids.size === 0) return selection;
  const present = new Set(order);
  const ids = [...selection.ids].filter((id) => present.has(id));
  return ids.length === selection.ids.size ? selection : { ...selection, ids: new Set(ids) };
}
