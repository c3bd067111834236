import { create } from 'zustand';

export interface AlertPreferences {
  /** Desktop notifications for new customer messages in Mine and Unassigned. */
  desktop: boolean;
  sound: boolean;
}

const STORAGE_KEY = 'backtalk.inbox.alerts';
const DEFAULTS: AlertPreferences = { desktop: false, sound: false };

function load(): AlertPreferences {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<AlertPreferences> | null;
    return { desktop: stored?.desktop === true, sound: stored?.sound === true };
  } catch {
    return DEFAULTS;
  }
}

interface AlertPreferencesState extends AlertPreferences {
  changed: (changes: Partial<AlertPreferences>) => void;
}

/** Kept per browser: one agent may want sound on the office PC and silence on the laptop. */
export const useAlertPreferences = create<AlertPreferencesState>()((set, get) => ({
  ...(typeof localStorage === 'undefined' ? DEFAULTS : load()),
  changed: (changes) => {
    set(changes);
    const { desktop, sound } = get();
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ desktop, sound }));
    } catch {
      // Private mode or full storage: the choice lasts for this tab.
    }
  },
}));

export type NotificationSupport = 'unsupported' | NotificationPermission;

export function notificationSupport(): NotificationSupport {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
