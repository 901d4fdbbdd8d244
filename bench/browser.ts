/**
 * The benchmark's browser: Debian Chromium through playwright-core, headless, a temporary profile
 * and HOME, with or without the built extension; and a localhost server for the pages.
 */
import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `files` (path -> body) on 127.0.0.1 at a free port. */
export async function servePages(files: Map<string, { body: string | Buffer; type: string }>): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const f = files.get((req.url ?? '/').split('?')[0]);
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f.type, 'cache-control': 'no-store' });
    res.end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface BenchBrowser {
  context: BrowserContext;
  /** The extension's service worker, when the extension is loaded. */
  worker: Worker | null;
  close(): Promise<void>;
}

/**
 * Chromium in a fresh temporary profile. `extension`: absolute path of the unpacked build, or null
 * for a browser without Backstory (the same flags otherwise).
 */
export async function launch(extension: string | null): Promise<BenchBrowser> {
  if (extension && !existsSync(join(extension, 'manifest.json'))) throw new Error(`No built extension at ${extension}: run \`npm run build\` first.`);
  const home = mkdtempSync(join(tmpdir(), 'backstory-bench-'));
  for (const d of ['.config', '.cache', join('.local', 'share')]) mkdirSync(join(home, d), { recursive: true });
  // A copy of the build, so that a rebuild during the run cannot change the extension under it.
  let copy: string | null = null;
  if (extension) {
    copy = join(home, 'extension');
    cpSync(extension, copy, { recursive: true });
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), XDG_DATA_HOME: join(home, '.local', 'share') });
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--password-store=basic',
    // Exact heap figures from performance.memory (otherwise rounded and delayed).
    '--enable-precise-memory-info',
  ];
  if (copy) args.unshift(`--disable-extensions-except=${copy}`, `--load-extension=${copy}`);
  else args.unshift('--disable-extensions');
  const context = await chromium.launchPersistentContext(join(home, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
    env,
    args,
  });
  let worker: Worker | null = null;
  if (copy) {
    const ours = (w: Worker) => w.url().startsWith('chrome-extension://');
    try {
      worker = context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 60_000 }));
    } catch (err) {
      await context.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true, maxRetries: 3 });
      throw err;
    }
  }
  return {
    context,
    worker,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
