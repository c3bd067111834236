import { create } from 'zustand';
import * as reducers from './toast.reducers';
import type { Toast, ToastState, ToastTone } from './toast.reducers';

interface ToastActions {
  toastShown: (tone: ToastTone, message: string) => void;
  toastDismissed: (id: string) => void;
}

let nextId = 0;

const useToastStore = create<ToastState & { actions: ToastActions }>()((set) => ({
  ...reducers.initialToastState,
  actions: {
    toastShown: (tone, message) => set((s) => reducers.toastShown(s, { id: `toast-${++nextId}`, tone, message })),
    toastDismissed: (id) => set((s) => reducers.toastDismissed(s, id)),
  },
}));

export const useToasts = (): Toast[] => useToastStore((s) => s.toasts);
export const useToastActions = (): ToastActions => useToastStore((s) => s.actions);
