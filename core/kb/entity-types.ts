/**
 * The kinds of entity the knowledge base holds. A module of its own: the content script needs the
 * list (settings, messages) but none of the knowledge base's validation schemas (schema.ts), which
 * would otherwise be built on every page it runs in.
 */
export const ENTITY_TYPES = ['person', 'place', 'organization', 'event', 'term'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A person's pronoun as the knowledge base states it: whom "he said" and "she said" may stand for. */
export const PRONOUNS = ['he', 'she'] as const;
export type Pronoun = (typeof PRONOUNS)[number];
