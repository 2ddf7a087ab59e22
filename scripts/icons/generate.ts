// `npm run icons`: renders build/icons/baton.svg into every icon the installers use —
// build/icons/<size>x<size>.png (Linux), build/icon.png (1024), build/icon.ico (Windows: 16-256)
// and build/icon.icns (macOS: 16-1024). Run it after changing the SVG and commit the results.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { icnsFile, icoFile } from './containers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];

export function render(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

export function generateIcons(root = ROOT): string[] {
  const svg = fs.readFileSync(path.join(root, 'build/icons/baton.svg'), 'utf8');
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_SIZES])];
  const pngs = new Map(sizes.map((size) => [size, render(svg, size)]));
  const pick = (list: number[]) => new Map(list.map((s) => [s, pngs.get(s)!]));
  const written: Array<[string, Buffer]> = [
    ...LINUX_SIZES.map((s): [string, Buffer] => [`build/icons/${s}x${s}.png`, pngs.get(s)!]),
    ['build/icon.png', pngs.get(1024)!],
    ['build/icon.ico', icoFile(pick(ICO_SIZES))],
    ['build/icon.icns', icnsFile(pick(ICNS_SIZES))],
  ];
  for (const [file, bytes] of written) fs.writeFileSync(path.join(root, file), bytes);
  return written.map(([file]) => file);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const file of generateIcons()) console.log(`wrote ${file}`);
}
