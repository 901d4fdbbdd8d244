/**
 * axe-core run inside the page against Backstory's UI (the `<backstory-ui>` host and its open
 * shadow root). Chromium: @axe-core/playwright, which injects axe into the page and pierces open
 * shadow roots. Firefox: axe-core's own source evaluated in the page, then `axe.run` on the host.
 */
import AxeBuilder from '@axe-core/playwright';
import axe from 'axe-core';
import type { TestPage } from './types';
import { ChromiumPage } from './chromium';

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** Each failing node: its selector path (through shadow roots) and axe's summary. */
  nodes: { target: string; summary: string }[];
}

export interface AxeReport {
  violations: AxeViolation[];
  /** How many rules passed, and on how many nodes: proof that axe looked at something. */
  passes: number;
  nodesChecked: number;
  /** Which driver ran axe. */
  via: '@axe-core/playwright' | 'axe-core source';
}

interface RawResults {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] }[];
  passes: { nodes: unknown[] }[];
}

function report(raw: RawResults, via: AxeReport['via']): AxeReport {
  return {
    via,
    violations: raw.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    })),
    passes: raw.passes.length,
    nodesChecked: raw.passes.reduce((n, p) => n + p.nodes.length, 0),
  };
}

/** Runs axe on everything inside `<backstory-ui>` (card, legend, margin notes, keyboard ring). */
export async function axeBackstoryUi(page: TestPage): Promise<AxeReport> {
  if (page instanceof ChromiumPage) {
    const results = await new AxeBuilder({ page: page.page }).include('backstory-ui').analyze();
    return report(results as unknown as RawResults, '@axe-core/playwright');
  }
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) {
    await page.evaluate((source) => {
      // Indirect eval: axe's UMD bundle defines window.axe in the page's own world.
      (0, eval)(source);
    }, axe.source);
  }
  const raw = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<RawResults> } }).axe;
    const host = document.querySelector('backstory-ui');
    if (!host) throw new Error('no <backstory-ui> in the page');
    const r = await a.run(host, { resultTypes: ['violations', 'passes'] });
    // Only what the report needs crosses back (axe's result objects hold DOM references).
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })),
      passes: r.passes.map((p) => ({ nodes: p.nodes.map(() => 0) })),
    };
  });
  return report(raw, 'axe-core source');
}
