/** Online look-ups for names the embedded knowledge base lacks: pure decisions, no DOM, no extension API. */
export * from './origin';
export * from './failures';
export * from './schema';
export * from './context';
export * from './resolve';
export * from './cache';
export * from './card';
