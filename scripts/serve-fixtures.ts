/** Serves the end-to-end fixtures (with /article.html) for manual checks: `tsx scripts/serve-fixtures.ts`. */
import { startFixtureServer } from '../tests/e2e/harness/server';

const server = await startFixtureServer();
console.log(`Fixtures at ${server.url('/article.html')} and ${server.url('/search.html')} (Ctrl+C stops)`);
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
