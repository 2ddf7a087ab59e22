import WebSocket from 'ws';
const port = process.argv[2];
const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
await new Promise((r) => socket.once('open', r));
socket.on('message', (d) => { const m = JSON.parse(String(d)); console.log(m.result?.result?.value ?? JSON.stringify(m)); socket.close(); });
socket.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression: process.argv[3], returnByValue: true } }));
