// Whether a person has had the first-run tour on this workstation (localStorage, like their card
// density and saved views): taken or skipped, it is not shown to them again here.
const keyOf = (username: string) => `baton.tour.${username}`;

export function tourTaken(username: string, storage: Pick<Storage, 'getItem'> = localStorage): boolean {
  try {
    return storage.getItem(keyOf(username)) !== null;
  } catch {
    // Storage refused: never nag on every sign-in.
    return true;
  }
}

export function markTourTaken(username: string, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(keyOf(username), new Date().toISOString());
  } catch {
    // Storage full or refused: shown again next time, nothing else is affected.
  }
}
