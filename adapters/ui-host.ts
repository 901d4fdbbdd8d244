/**
 * The one node Backstory adds to a page: `<backstory-ui>` on `<html>`, holding an open shadow root
 * with all of its UI. `all: initial` on the host and styles inside the root keep the page's CSS out
 * and ours in.
 */
import { render, type ComponentChild } from 'preact';

export const UI_HOST_TAG = 'backstory-ui';

export interface UiHost {
  host: HTMLElement;
  shadow: ShadowRoot;
  render(view: ComponentChild): void;
  destroy(): void;
}

function adoptStyles(shadow: ShadowRoot, css: string): void {
  // Constructed sheets are not subject to the page's CSP; fall back to <style> where they cannot be adopted.
  try {
    const win = shadow.ownerDocument.defaultView as (Window & typeof globalThis) | null;
    const Sheet = win?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    /* fall through */
  }
  const style = shadow.ownerDocument.createElement('style');
  style.textContent = css;
  shadow.appendChild(style);
}

export function createUiHost(doc: Document, css: string): UiHost {
  doc.querySelectorAll(UI_HOST_TAG).forEach((old) => old.remove());
  const host = doc.createElement(UI_HOST_TAG);
  host.setAttribute('style', 'all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important;');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, css);
  const mount = doc.createElement('div');
  shadow.appendChild(mount);
  doc.documentElement.appendChild(host);
  return {
    host,
    shadow,
    render: (view) => render(view, mount),
    destroy: () => {
      render(null, mount);
      host.remove();
    },
  };
}
