// In the browser bundle, RxDB's websocket client gets the browser's own WebSocket instead of `ws`.
export const WebSocket = globalThis.WebSocket;
export const WebSocketServer = undefined;
export default WebSocket;
