/**
 * What both browsers' harnesses do the same way once they can run a function where the extension's
 * APIs are (Chromium: an extension page through playwright; Firefox: one through WebDriver BiDi).
 */
import type { TestPage } from './types';
import { clearStorage, hoverHighlight, listCommands, readHighlights } from './common';

export abstract class ExtensionHarness {
  /** Runs `fn` (serialized) in one of the extension's own pages and returns its result. */
  protected abstract inExtension<R, A>(fn: (arg: A) => Promise<R>, arg: A): Promise<R>;

  highlights(page: TestPage): Promise<Record<string, string[]>> {
    return readHighlights(page);
  }

  hoverText(page: TestPage, text: string | RegExp, highlightName?: string): Promise<void> {
    return hoverHighlight(page, text, highlightName);
  }

  commands(): Promise<{ name: string; shortcut: string }[]> {
    return this.inExtension(listCommands, undefined);
  }

  async resetStorage(): Promise<void> {
    await this.inExtension(clearStorage, undefined);
  }

  runInExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    // `fn` goes as it is: it is serialized, so it cannot be wrapped in a closure.
    return this.inExtension(fn as (arg: A) => Promise<R>, arg as A);
  }
}
