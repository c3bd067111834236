import { create } from 'zustand';
import { clicked, EMPTY_SELECTION, keptIn, toggledAllLoaded, type BulkSelection } from './bulk-selection';

interface BulkState {
  selection: BulkSelection;
  /** The list's rows in order, for shift-click ranges. */
  order: readonly string[];
  /** The bulk action whose progress or outcome the bar shows; null when there is none to show. */
  bulkId: string | null;
  actions: {
    listChanged: (order: readonly string[]) => void;
    rowClicked: (id: string, shift: boolean) => void;
    allLoadedToggled: () => void;
    allMatchingSelected: () => void;
    cleared: () => void;
    started: (bulkId: string) => void;
    dismissed: () => void;
  };
}

/** The inbox list's selection for bulk actions, and the bulk action in progress. */
export const useBulk = create<BulkState>()((set) => ({
  selection: EMPTY_SELECTION,
  order: [],
  bulkId: null,
  actions: {
    listChanged: (order) => set((s) => ({ order, selection: keptIn(s.selection, order) })),
    rowClicked: (id, shift) => set((s) => ({ selection: clicked(s.selection, s.order, id, shift) })),
    allLoadedToggled: () => set((s) => ({ selection: toggledAllLoaded(s.selection, s.order) })),
    allMatchingSelected: () => set((s) => ({ selection: { ids: new Set(s.order), anchor: null, allMatching: true } })),
    cleared: () => set({ selection: EMPTY_SELECTION }),
    started: (bulkId) => set({ bulkId, selection: EMPTY_SELECTION }),
    dismissed: () => set({ bulkId: null }),
  },
}));

export const useBulkActions = () => useBulk((s) => s.actions);
export const useIsSelected = (id: string) => useBulk((s) => s.selection.allMatching || s.selection.ids.has(id));
