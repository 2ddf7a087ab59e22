// A CPU profile of one phase of a bench page (Chromium's profiler over CDP), for DevTools. Diagnostics only.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Runs `phase`; with a `file`, under the page's CPU profiler (sampling every `intervalUs`), the
 * profile written there. Without one, just runs it.
 */
export async function withCpuProfile<T>(page: Page, file: string | undefined, phase: () => Promise<T>, intervalUs = 1000): Promise<T> {
  if (!file) return phase();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  const result = await phase();
  const { profile } = await cdp.send('Profiler.stop');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(profile));
  await cdp.detach();
  return result;
}
