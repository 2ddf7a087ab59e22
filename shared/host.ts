// What the renderer needs from whatever hosts it (a plain browser served by the sync server, or
// Electron through its preload bridge). One implementation per host kind.
export interface BatonHost {
  kind: 'web' | 'electron';
  /** Base address of the sync server, '' for the page's own origin. */
  serverUrl: string;
  /** A random id this workstation keeps across sessions; recorded with every change it makes. */
  getWorkstationId(): string;
}
