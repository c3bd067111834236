export type ToastTone = 'success' | 'info' | 'danger';

export interface Toast {
  id: string;
  tone: ToastTone;
  message: string;
}

export interface ToastState {
  toasts: Toast[];
}

/** More than this and the oldest goes: a stack of toasts hides the page it reports on. */
export const MAX_TOASTS = 3;

export const initialToastState: ToastState = { toasts: [] };

export function toastShown(state: ToastState, toast: Toast): ToastState {
  return { toasts: [...state.toasts, toast].slice(-MAX_TOASTS) };
}

export function toastDismissed(state: ToastState, id: string): ToastState {
  if (!state.toasts.some((t) => t.id === id)) return state;
  return { toasts: state.toasts.filter((t) => t.id !== id) };
}
