import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
}

/** Every compiled `*.test.js` below `dir`, sorted so runs are repeatable. */
export function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return testFiles(full);
      return name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

/** Runs mocha on `files` in this process and counts the outcome of every test. */
export function runMocha(name: string, files: string[], options: Mocha.MochaOptions = {}): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, ...options });
  for (const file of files) mocha.addFile(file);
  const result: SuiteResult = { name, passed: 0, failed: 0, skipped: 0 };
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(result));
      runner.on('pass', () => result.passed++);
      runner.on('fail', () => result.failed++);
      runner.on('pending', () => result.skipped++);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** The line the extension-host suite prints so the outer runner can count its tests. */
export const RESULT_MARKER = 'MESH_MTLS_SUITE_RESULT ';
