// Collects figures, prints each as it is measured, and writes bench-results/latest.{json,md}.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round } from './stats';

export interface Floor {
  /** `max`: the figure must be at most `value`; `min`: at least; `eq`: exactly. */
  kind: 'max' | 'min' | 'eq';
  value: number;
}

const SIGN = { max: '≤', min: '≥', eq: '=' } as const;

export interface Figure {
  scenario: string;
  name: string;
  value: number;
  unit: string;
  floor?: Floor;
  pass?: boolean;
  note?: string;
}

export interface ScenarioRecord {
  scenario: string;
  title: string;
  durationMs: number;
  error?: string;
  details?: Record<string, unknown>;
}

export class Report {
  readonly figures: Figure[] = [];
  readonly scenarios: ScenarioRecord[] = [];
  readonly startedAt = new Date();

  constructor(private readonly log: (line: string) => void = (line) => console.log(line)) {}

  /** Records and prints a figure; with a floor it prints PASS/FAIL against it. */
  figure(scenario: string, name: string, value: number, unit: string, floor?: Floor, note?: string): Figure {
    const pass = floor
      ? Number.isFinite(value) &&
        (floor.kind === 'max' ? value <= floor.value : floor.kind === 'min' ? value >= floor.value : value === floor.value)
      : undefined;
    const figure: Figure = { scenario, name, value: round(value, 2), unit, floor, pass, note };
    this.figures.push(figure);
    const floorText = floor ? `  floor ${SIGN[floor.kind]} ${floor.value} ${unit}  ${pass ? 'PASS' : 'FAIL'}` : '';
    this.log(`  ${name.padEnd(48)} ${String(figure.value).padStart(10)} ${unit}${floorText}${note ? `  (${note})` : ''}`);
    return figure;
  }

  /** A scenario that could not finish fails its floors: it is recorded as a failed figure. */
  failed(scenario: string, name: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.figures.push({ scenario, name, value: NaN, unit: '', pass: false, note: message });
    this.log(`  ${name.padEnd(48)} FAIL (${message})`);
  }

  get ok(): boolean {
    return this.figures.every((f) => f.pass !== false);
  }

  write(dir: string): { json: string; md: string } {
    fs.mkdirSync(dir, { recursive: true });
    const meta = {
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      totalMemGiB: round(os.totalmem() / 2 ** 30, 1),
      ok: this.ok,
    };
    const json = path.join(dir, 'latest.json');
    fs.writeFileSync(json, JSON.stringify({ meta, scenarios: this.scenarios, figures: this.figures }, null, 2) + '\n');
    const lines = [
      `# Baton benchmark results`,
      '',
      `${meta.startedAt} · Node ${meta.node} · ${meta.cpus} × ${meta.cpuModel} · overall **${meta.ok ? 'PASS' : 'FAIL'}**`,
      '',
    ];
    for (const scenario of this.scenarios) {
      lines.push(
        `## ${scenario.title}`,
        '',
        `Ran ${round(scenario.durationMs / 1000, 1)} s.${scenario.error ? ` **Error:** ${scenario.error}` : ''}`,
        '',
      );
      lines.push('| figure | value | floor | result |', '| --- | ---: | ---: | --- |');
      for (const f of this.figures.filter((x) => x.scenario === scenario.scenario)) {
        const floor = f.floor ? `${SIGN[f.floor.kind]} ${f.floor.value} ${f.unit}` : '';
        const result = f.pass === undefined ? '' : f.pass ? 'PASS' : 'FAIL';
        lines.push(
          `| ${f.name}${f.note ? ` (${f.note})` : ''} | ${Number.isNaN(f.value) ? '—' : `${f.value} ${f.unit}`} | ${floor} | ${result} |`,
        );
      }
      if (scenario.details && Object.keys(scenario.details).length) {
        lines.push(
          '',
          '<details><summary>details</summary>',
          '',
          '```json',
          JSON.stringify(scenario.details, null, 2),
          '```',
          '',
          '</details>',
        );
      }
      lines.push('');
    }
    const md = path.join(dir, 'latest.md');
    fs.writeFileSync(md, lines.join('\n'));
    return { json, md };
  }
}
