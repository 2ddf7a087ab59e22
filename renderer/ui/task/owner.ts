// Owners are user ids; until a user directory replicates, the board names only "Me".
export function ownerLabel(ownerId: string, myId: string): string {
  if (!ownerId) return 'Unassigned';
  return ownerId === myId ? 'Me' : ownerId;
}
