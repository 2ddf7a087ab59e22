// The replicated collections, by name: one list the server routes and the client replicates.
export const COLLECTION_NAMES = ['tasks', 'rejections', 'config', 'notifications', 'preferences'] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

export function isCollectionName(name: string): name is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(name);
}
