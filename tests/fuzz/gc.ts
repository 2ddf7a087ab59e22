// A full garbage collection in the server process, asked for from outside through its inspector
// (the fuzzer starts it with --inspect on loopback), so the memory figure is what is still held,
// not garbage V8 has not yet collected.
import WebSocket from 'ws';

/** Runs a full collection and returns the JavaScript heap then in use and reserved (bytes). */
export async function collectGarbage(inspectPort: number): Promise<{ used: number; total: number }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  try {
    type Usage = { usedSize?: number; totalSize?: number };
    const answers = new Map<number, (m: { result?: Usage; error?: { message: string } }) => void>();
    socket.on('message', (data) => {
      // One Buffer with the socket's default binaryType; decoded whatever form it takes.
      const text = new TextDecoder().decode(Array.isArray(data) ? Buffer.concat(data) : data);
      const message = JSON.parse(text) as { id?: number; result?: Usage; error?: { message: string } };
      if (message.id !== undefined) answers.get(message.id)?.(message);
    });
    const call = (id: number, method: string) =>
      new Promise<Usage>((resolve, reject) => {
        answers.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result ?? {})));
        socket.send(JSON.stringify({ id, method }));
      });
    await call(1, 'HeapProfiler.collectGarbage');
    const usage = await call(2, 'Runtime.getHeapUsage');
    return { used: usage.usedSize ?? NaN, total: usage.totalSize ?? NaN };
  } finally {
    socket.close();
  }
}
