// The few Web-platform globals that Node 20, Chromium and Electron's sandboxed preload all provide.
// shared/ compiles without DOM or Node types, so it declares exactly these and may use nothing else.
declare global {
  var crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
  class TextDecoder {
    decode(input?: Uint8Array): string;
  }
  function btoa(data: string): string;
  function atob(data: string): string;
}
export {};
