// Runs an OS tool (reg, plutil) without a shell; a failure to start is an answer with code -1.
import { execFile } from 'node:child_process';
import type { Runner } from '../config/policy';

export const runTool: Runner = (file, args) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: 10_000, windowsHide: true }, (error, stdout) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
