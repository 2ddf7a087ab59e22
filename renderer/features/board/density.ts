// How dense the board's cards are, per person on this workstation (localStorage, like saved views):
// comfortable (everything a card says) or compact (title and one line: twice the cards on a screen).
import { create } from 'zustand';

export type CardDensity = 'comfortable' | 'compact';

const keyOf = (userId: string) => `baton.density.${userId}`;

export function loadDensity(userId: string, storage: Pick<Storage, 'getItem'> = localStorage): CardDensity {
  return storage.getItem(keyOf(userId)) === 'compact' ? 'compact' : 'comfortable';
}

interface DensityState {
  byUser: Record<string, CardDensity>;
  setDensity(userId: string, density: CardDensity): void;
}

const useDensityStore = create<DensityState>()((set) => ({
  byUser: {},
  setDensity: (userId, density) => {
    try {
      localStorage.setItem(keyOf(userId), density);
    } catch {
      // Storage full or refused: the setting holds for this session only.
    }
    set((s) => ({ byUser: { ...s.byUser, [userId]: density } }));
  },
}));

/** The person's card density and the way to change it. */
export function useCardDensity(userId: string): [CardDensity, (density: CardDensity) => void] {
  const density = useDensityStore((s) => s.byUser[userId]) ?? loadDensity(userId);
  const setDensity = useDensityStore((s) => s.setDensity);
  return [density, (next) => setDensity(userId, next)];
}
