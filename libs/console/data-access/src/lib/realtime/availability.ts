import { create } from 'zustand';

/** What an agent says about themselves: online takes new conversations, away does not. Offline is the server's call. */
export type Availability = 'online' | 'away';

interface AvailabilityState {
  availability: Availability;
}

const useAvailabilityStore = create<AvailabilityState>()(() => ({ availability: 'online' }));

// Per user and per browser: an agent who stepped away stays away after a reload, a colleague signing in here does not.
const storageKey = (userId: string) => `backtalk:availability:${userId}`;

function readStored(userId: string): Availability {
  try {
    return localStorage.getItem(storageKey(userId)) === 'away' ? 'away' : 'online';
  } catch {
    return 'online';
  }
}

/** Away whenever the agent says so; otherwise away only while the console is out of sight. */
export function presenceToAnnounce(availability: Availability, visible: boolean): Availability {
  return availability === 'away' || !visible ? 'away' : 'online';
}

export function restoreAvailability(userId: string): void {
  useAvailabilityStore.setState({ availability: readStored(userId) });
}

export function chooseAvailability(userId: string, availability: Availability): void {
  try {
    localStorage.setItem(storageKey(userId), availability);
  } catch {
    // Private mode: the choice still holds until the tab closes.
  }
  useAvailabilityStore.setState({ availability });
}

export const useAvailability = (): Availability => useAvailabilityStore((s) => s.availability);
export const currentAvailability = (): Availability => useAvailabilityStore.getState().availability;
export const subscribeToAvailability = (listener: () => void): (() => void) => useAvailabilityStore.subscribe(listener);
