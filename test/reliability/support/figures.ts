import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { SOAK, SOAK_FACTOR } from './soak.js';

/** One row of a figures table: a scenario and what was measured (numbers, or a short outcome text). */
export type FigureRow = Record<string, string | number | boolean | null>;

/** Where each test file writes its figures (a soak run apart); `scripts/reliability-report.mjs` reads them all. */
export const FIGURES_DIR = new URL(SOAK ? '../.out/soak/' : '../.out/', import.meta.url);

/**
 * The figures of one test file: rows added by its tests, written to `.out/<suite>.json` after the
 * file ran (also when a test failed: the figures then show what went wrong). It also counts
 * unhandled rejections and uncaught exceptions in this process (vitest reports them too; here
 * they are counted into the figures and asserted to be 0 after the file ran).
 */
export class SuiteFigures {
  private readonly rows: FigureRow[] = [];
  private crashes = { unhandledRejections: 0, uncaughtExceptions: 0 };
  private testsRun = 0;
  private testsFailed = 0;
  private startedAt = 0;

  constructor(
    readonly suite: string,
    readonly title: string,
  ) {
    const onRejection = () => this.crashes.unhandledRejections++;
    const onException = () => this.crashes.uncaughtExceptions++;
    beforeAll(() => {
      this.startedAt = performance.now();
      process.on('unhandledRejection', onRejection);
      process.on('uncaughtException', onException);
    });
    beforeEach((context) => {
      this.testsRun++;
      context.onTestFailed(() => {
        this.testsFailed++;
      });
    });
    afterAll(() => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
      this.write();
      expect(this.crashes, 'unhandled rejections and uncaught exceptions in this file').toEqual({ unhandledRejections: 0, uncaughtExceptions: 0 });
    });
  }

  /** Adds a row; returns it so a test can assert on the same values it reports. */
  add<R extends FigureRow>(row: R): R {
    this.rows.push(row);
    return row;
  }

  private write(): void {
    mkdirSync(FIGURES_DIR, { recursive: true });
    const figures = {
      suite: this.suite,
      title: this.title,
      soakFactor: SOAK_FACTOR,
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - this.startedAt),
      testsRun: this.testsRun,
      testsFailed: this.testsFailed,
      crashes: this.crashes,
      rows: this.rows,
    };
    writeFileSync(new URL(`${this.suite}.json`, FIGURES_DIR), `${JSON.stringify(figures, null, 2)}\n`);
  }
}
