/**
 * Generates data/kb/generated/countries.json from the `world-countries` package: one `place`
 * entry per country (every UN member state, the two UN observer states, and a few newsworthy
 * places that are not UN members) and one per capital city. Who leads each of the countries most
 * in the news comes from data/countries/leaders.json, written by hand.
 *
 *   npx tsx scripts/gen-countries.ts            write the file
 *   npx tsx scripts/gen-countries.ts --check    fail if the file on disk is out of date
 *
 * Deterministic and idempotent: the output is sorted by id and depends only on the package's
 * data and on the hand-kept maps below. Everything that needs judgement (news aliases,
 * disambiguation context, capitals that stand for a government, disputed places) lives in those
 * maps; the rest comes from the package.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import * as v from 'valibot';
import type { Countries, Country } from 'world-countries';
import type { Fact, KbEntry, KbFile, Source } from '../core/kb/schema';

const require = createRequire(import.meta.url);
const countries = require('world-countries/countries.json') as Countries;
const pkg = require('world-countries/package.json') as { version: string };

/**
 * The package version this script was written for and that version's release date on npm
 * (`npm view world-countries time`), used as `asOf`: the data are as current as that release.
 * When the package is upgraded, re-check the maps below and update both constants.
 */
const PACKAGE_VERSION = '5.1.0';
const AS_OF = '2025-06-03';

const OUT = join(import.meta.dirname, '..', 'data', 'kb', 'generated', 'countries.json');
/** Hand-written: who led each country, as of its own date (data/countries/leaders.json). */
const LEADERS_FILE = join(import.meta.dirname, '..', 'data', 'countries', 'leaders.json');

const PACKAGE_SOURCE: Source = {
  title: 'mledoze/countries (world-countries package)',
  url: 'https://github.com/mledoze/countries',
};

// ---------------------------------------------------------------------------------------------
// Which places are included
// ---------------------------------------------------------------------------------------------

/**
 * Corrections to the package's `unMember` flag. The package marks Vatican City as a member;
 * it is not: the Holy See is a permanent observer state (the UN has 193 members).
 */
const UN_MEMBER_OVERRIDE: Record<string, boolean> = { VAT: false };

/** UN observer states (non-members with observer-state status). */
const UN_OBSERVERS = new Set(['PSE', 'VAT']);

/** Newsworthy places that are not UN members, included by hand. */
const EXTRA_PLACES = new Set(['PSE', 'VAT', 'UNK', 'TWN', 'ESH', 'HKG', 'MAC', 'GRL', 'PRI']);

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** Names news writers use, beyond the common and official names. Never ordinary lowercase words. */
const EXTRA_ALIASES: Record<string, string[]> = {
  USA: ['U.S.', 'US', 'USA', 'U.S.A.', 'America', 'United States of America'],
  GBR: ['UK', 'U.K.', 'Britain', 'Great Britain'],
  RUS: ['Russian Federation'],
  CHN: ["People's Republic of China", 'PRC'],
  KOR: ['Republic of Korea', 'ROK'],
  PRK: ['DPRK', "Democratic People's Republic of Korea"],
  CZE: ['Czech Republic'],
  IND: ['Bharat'],
  TUR: ['Turkey', 'Turkiye', 'Republic of Turkey'],
  CIV: ["Côte d'Ivoire", "Cote d'Ivoire"],
  MMR: ['Burma'],
  SWZ: ['Swaziland'],
  COD: ['DRC', 'Democratic Republic of the Congo', 'Democratic Republic of Congo', 'Congo-Kinshasa'],
  COG: ['Republic of Congo', 'Congo-Brazzaville'],
  ARE: ['UAE', 'U.A.E.'],
  VAT: ['Vatican', 'Holy See'],
  CPV: ['Cabo Verde'],
  TLS: ['East Timor'],
  FSM: ['Federated States of Micronesia'],
  LAO: ['Lao PDR'],
  BRN: ['Brunei Darussalam'],
  BHS: ['The Bahamas'],
  GMB: ['The Gambia'],
  VNM: ['Viet Nam'],
  TWN: ['Republic of China'],
  HKG: ['Hong Kong SAR'],
  MAC: ['Macao', 'Macau SAR', 'Macao SAR'],
  GRL: ['Kalaallit Nunaat'],
  UNK: ['Republic of Kosovo'],
};

/** Official names that must not become aliases (they name something else). */
const NO_OFFICIAL_ALIAS = new Set([
  'ESH', // "Sahrawi Arab Democratic Republic" is the state the Polisario Front proclaimed, not the territory
  'TWN', // "Republic of China (Taiwan)": the parenthesis is not a name; "Republic of China" is listed above
]);

/** Short forms that need the full name earlier or clear context ("Congo" is two countries). */
const SHORT_FORMS: Record<string, string[]> = {
  COD: ['Congo'],
  COG: ['Congo'],
};

/** Words that make this sense of a shared name likelier (in addition to capitals and demonym). */
const EXTRA_CONTEXT: Record<string, string[]> = {
  GEO: ['Tbilisi', 'Caucasus', 'South Caucasus', 'Abkhazia', 'South Ossetia', 'Batumi', 'Georgian Dream', 'Saakashvili', 'Ivanishvili', 'lari', 'Black Sea'],
  JOR: ['Hashemite', 'King Abdullah', 'Aqaba'],
  TCD: ['Sahel', 'Lake Chad'],
  NER: ['Sahel', 'Nigerien'],
  COD: ['Kinshasa', 'Congolese', 'Goma', 'Tshisekedi', 'M23'],
  COG: ['Brazzaville', 'Congolese', 'Sassou Nguesso'],
  MEX: ['Mexico City', 'Mexican'],
  FSM: ['Palikir', 'Pohnpei'],
  USA: ['Washington', 'White House', 'Congress'],
};

/** Demonyms that would mislead as context (shared with the U.S. state of Georgia). */
const NO_DEMONYM_CONTEXT = new Set(['GEO']);

/** Corrections to the package's English demonyms (misspelt or dated there). */
const DEMONYM_OVERRIDE: Record<string, string[]> = {
  MDV: ['Maldivian'],
  KGZ: ['Kyrgyz'],
  TJK: ['Tajik'],
  CPV: ['Cape Verdean'],
  ECU: ['Ecuadorian'],
  SUR: ['Surinamese'],
  COM: ['Comorian'],
  KAZ: ['Kazakh', 'Kazakhstani'],
  UZB: ['Uzbek'],
  DJI: ['Djiboutian'],
  VAT: [],
};

/** How running text refers to a country whose name takes "the" or is shortened in the package. */
const REFERENCE_NAME: Record<string, string> = {
  USA: 'the United States',
  GBR: 'the United Kingdom',
  NLD: 'the Netherlands',
  PHL: 'the Philippines',
  BHS: 'the Bahamas',
  GMB: 'the Gambia',
  MDV: 'the Maldives',
  ARE: 'the United Arab Emirates',
  CAF: 'the Central African Republic',
  DOM: 'the Dominican Republic',
  COG: 'the Republic of the Congo',
  COD: 'the Democratic Republic of the Congo',
  MHL: 'the Marshall Islands',
  SLB: 'the Solomon Islands',
  FSM: 'the Federated States of Micronesia',
};

/** What a place that is not a plain UN member state is, for its capital's background. */
const KIND_PHRASE: Record<string, string> = {
  PSE: 'a state recognised by most UN members, in Western Asia',
  UNK: 'a partially recognised state in Southeast Europe',
  TWN: 'a self-governing island in East Asia claimed by China',
  GRL: 'an autonomous territory within the Kingdom of Denmark',
  PRI: 'a U.S. territory in the Caribbean',
};

/**
 * A sentence added after the capital in a country's background: what a reader of the news about
 * it needs first, where its capital says less than it seems (as of AS_OF; dates from the countries'
 * Wikipedia articles, which each card links).
 */
const CAPITAL_NOTE: Record<string, string> = {
  ISR: "Israel's claim to Jerusalem as its capital is not widely recognised internationally.",
  YEM: 'A civil war has divided it since 2014: the Houthi movement holds the capital and much of the north, and the internationally recognised government is based in Aden.',
  SDN: 'Since April 2023 its army and the paramilitary Rapid Support Forces have been at war.',
  AFG: 'The Taliban have ruled it since August 2021; the United Nations does not recognise their government.',
  MMR: 'Its military seized power in a coup in February 2021.',
  LBY: 'Rival governments, in Tripoli and in the east, have contested it since 2014.',
};

/** English Wikipedia titles that differ from the common name. */
const WIKI_TITLE: Record<string, string> = {
  GEO: 'Georgia (country)',
  IRL: 'Republic of Ireland',
  TUR: 'Turkey',
  COD: 'Democratic Republic of the Congo',
  FSM: 'Federated States of Micronesia',
  PSE: 'State of Palestine',
  CZE: 'Czech Republic',
  TLS: 'East Timor',
  GMB: 'The Gambia',
  BHS: 'The Bahamas',
};

// ---------------------------------------------------------------------------------------------
// Geography and status
// ---------------------------------------------------------------------------------------------

/** The package follows the UN geoscheme, which puts Iran in Southern Asia; news places it in Western Asia. */
const SUBREGION_OVERRIDE: Record<string, string> = { IRN: 'Western Asia' };

const SUBREGION_PHRASE: Record<string, string> = {
  'South-Eastern Asia': 'Southeast Asia',
  'Southern Asia': 'South Asia',
  'Eastern Asia': 'East Asia',
  'Northern Africa': 'North Africa',
  'Western Africa': 'West Africa',
  'Eastern Africa': 'East Africa',
  'Middle Africa': 'Central Africa',
  Caribbean: 'the Caribbean',
  'Australia and New Zealand': 'Oceania',
  Melanesia: 'Melanesia, in Oceania',
  Micronesia: 'Micronesia, in Oceania',
  Polynesia: 'Polynesia, in Oceania',
};

/** City-states: the capital is the country, so no separate capital entry. */
const CITY_STATES = new Set(['SGP', 'MCO', 'VAT']);

/** Places without a capital entry (disputed, or the package's capital is obsolete). */
const NO_CAPITAL_ENTRY = new Set(['ESH', 'HKG', 'MAC', ...CITY_STATES]);

interface CapitalSpec {
  /** The city's name as it appears in the package (to find it) or a new name. */
  name: string;
  /** How the country's own entry names it, when `display` is qualified ("Santiago"). */
  plain?: string;
  /** "capital" unless the country divides the role. */
  role?: string;
  /** Overrides for the entry. */
  display?: string;
  id?: string;
  aliases?: string[];
  shortForms?: string[];
  context?: string[];
  wiki?: string;
}

/**
 * Capitals where the package's single name is not the whole story (divided capitals, disputed
 * status); the roles come from the countries' Wikipedia articles.
 */
const CAPITALS_OVERRIDE: Record<string, CapitalSpec[]> = {
  BOL: [{ name: 'Sucre', role: 'constitutional capital' }, { name: 'La Paz', role: 'seat of government' }],
  ZAF: [
    { name: 'Pretoria', role: 'executive capital' },
    { name: 'Bloemfontein', role: 'judicial capital' },
    { name: 'Cape Town', role: 'legislative capital' },
  ],
  SWZ: [{ name: 'Mbabane', role: 'administrative capital' }, { name: 'Lobamba', role: 'legislative and royal capital' }],
  NLD: [{ name: 'Amsterdam', role: 'capital' }, { name: 'The Hague', role: 'seat of government' }],
  BEN: [{ name: 'Porto-Novo', role: 'official capital' }, { name: 'Cotonou', role: 'seat of government' }],
  CIV: [{ name: 'Yamoussoukro', role: 'political capital' }, { name: 'Abidjan', role: 'economic capital' }],
  LKA: [{ name: 'Sri Jayawardenepura Kotte', role: 'legislative capital' }, { name: 'Colombo', role: 'executive and judicial capital' }],
  MYS: [{ name: 'Kuala Lumpur', role: 'capital' }, { name: 'Putrajaya', role: 'administrative centre' }],
  BDI: [{ name: 'Gitega', role: 'political capital' }, { name: 'Bujumbura', role: 'economic capital' }],
  ISR: [{ name: 'Jerusalem', role: 'proclaimed capital', context: ['Israel', 'Israeli', 'Palestinian', 'West Bank', 'Old City'] }],
  PSE: [{ name: 'Ramallah', role: 'administrative centre', context: ['West Bank', 'Palestinian Authority', 'Palestinian'] }],
  NRU: [{ name: 'Yaren', role: 'seat of government', wiki: 'Yaren District' }],
};

/** Per-city overrides by the package's capital name: display name, spellings, ambiguity. */
const CAPITAL_DETAILS: Record<string, Omit<CapitalSpec, 'name' | 'role'>> = {
  'Washington D.C.': {
    display: 'Washington, D.C.',
    id: 'place/washington-dc',
    aliases: ['Washington D.C.', 'Washington, DC', 'Washington DC', 'District of Columbia'],
    shortForms: ['Washington', 'D.C.'],
    context: ['White House', 'Congress', 'Capitol', 'Capitol Hill', 'Pentagon', 'State Department', 'administration', 'Biden', 'Trump', 'U.S.', 'American', 'federal'],
    wiki: 'Washington, D.C.',
  },
  Kyiv: { aliases: ['Kiev'] },
  Victoria: { plain: 'Victoria', display: 'Victoria, Seychelles', shortForms: ['Victoria'] },
  Kingston: { plain: 'Kingston', display: 'Kingston, Jamaica', shortForms: ['Kingston'] },
  Georgetown: { plain: 'Georgetown', display: 'Georgetown, Guyana', shortForms: ['Georgetown'] },
  "Saint John's": { plain: "St. John's", display: "St. John's, Antigua and Barbuda", aliases: ["Saint John's, Antigua"], shortForms: ["St. John's", "Saint John's"] },
  "St. George's": { plain: "St. George's", display: "St. George's, Grenada", shortForms: ["St. George's"] },
  Nassau: { plain: 'Nassau', display: 'Nassau, Bahamas', shortForms: ['Nassau'] },
  Moroni: { plain: 'Moroni', display: 'Moroni, Comoros', shortForms: ['Moroni'] },
  Santiago: { plain: 'Santiago', display: 'Santiago, Chile', aliases: ['Santiago de Chile'], shortForms: ['Santiago'], wiki: 'Santiago' },
  'San José': { plain: 'San José', display: 'San José, Costa Rica', shortForms: ['San José', 'San Jose'] },
  Tripoli: { plain: 'Tripoli', display: 'Tripoli, Libya', shortForms: ['Tripoli'] },
  'San Juan': { plain: 'San Juan', display: 'San Juan, Puerto Rico', shortForms: ['San Juan'] },
  Djibouti: { display: 'Djibouti City', id: 'place/djibouti-city', wiki: 'Djibouti (city)' },
  Luxembourg: { display: 'Luxembourg City', id: 'place/luxembourg-city' },
  'Ulan Bator': { display: 'Ulaanbaatar', aliases: ['Ulan Bator'] },
  "Sana'a": { display: 'Sanaa', aliases: ["Sana'a"] },
  Naypyidaw: { aliases: ['Nay Pyi Taw', 'Naypyitaw'] },
  Astana: { aliases: ['Nur-Sultan'] },
  Reykjavik: { aliases: ['Reykjavík'], wiki: 'Reykjavík' },
  Bern: { aliases: ['Berne'] },
  Pristina: { aliases: ['Prishtina'] },
  Malé: { wiki: 'Malé' },
  "Nuku'alofa": { wiki: "Nuku'alofa" },
  Wellington: { context: ['New Zealand'] },
};

/** Accent-stripped spellings that are ordinary English words and must not become aliases. */
const NO_ASCII_ALIAS = new Set(['Male']);

/**
 * Capitals whose name stands for the government in news ("Beijing said", "talks between
 * Washington and Moscow"): the id of what they stand for. Jerusalem is left out (its status
 * is disputed); Brussels stands for the European Union.
 */
const METONYM_OF: Record<string, string> = {
  USA: 'place/united-states', CHN: 'place/china', RUS: 'place/russia', UKR: 'place/ukraine',
  GBR: 'place/united-kingdom', FRA: 'place/france', DEU: 'place/germany', JPN: 'place/japan',
  IRN: 'place/iran', PRK: 'place/north-korea', KOR: 'place/south-korea', TUR: 'place/turkiye',
  IND: 'place/india', BEL: 'organization/european-union', TWN: 'place/taiwan', PAK: 'place/pakistan',
  AFG: 'place/afghanistan', SYR: 'place/syria', SAU: 'place/saudi-arabia', CAN: 'place/canada',
  AUS: 'place/australia', ITA: 'place/italy', POL: 'place/poland', BLR: 'place/belarus',
  CUB: 'place/cuba', VEN: 'place/venezuela', IRQ: 'place/iraq', EGY: 'place/egypt',
  ESP: 'place/spain', HUN: 'place/hungary', GEO: 'place/georgia', AZE: 'place/azerbaijan',
  ARM: 'place/armenia', VNM: 'place/vietnam', PHL: 'place/philippines', MEX: 'place/mexico',
  BRA: 'place/brazil', IDN: 'place/indonesia', ARE: 'place/united-arab-emirates', NZL: 'place/new-zealand',
  ZAF: 'place/south-africa',
};
/** For countries with divided capitals, which city carries the metonym. */
const METONYM_CITY: Record<string, string> = { ZAF: 'Pretoria' };

// ---------------------------------------------------------------------------------------------
// Hand-written text for places whose status a generated sentence cannot state fairly
// ---------------------------------------------------------------------------------------------

interface SpecialText {
  description: string;
  background: string;
  facts: Omit<Fact, 'source'>[];
}

const SPECIAL: Record<string, SpecialText> = {
  PSE: {
    description: 'State in Western Asia recognised by most UN members; UN observer state',
    background:
      'Palestine, officially the State of Palestine, claims the West Bank, including East Jerusalem, and the Gaza Strip, territories captured by Israel in the 1967 war. ' +
      'It is recognised by a majority of UN member states and has been a non-member observer state at the United Nations since 2012. ' +
      'The Palestinian Authority administers parts of the West Bank from Ramallah; Hamas took control of Gaza in 2007.',
    facts: [
      { kind: 'membership', label: 'Non-member observer state of the United Nations', start: '2012-11-29' },
      { kind: 'other', label: 'Proclaimed capital: East Jerusalem; administrative centre: Ramallah' },
    ],
  },
  VAT: {
    description: 'City-state enclaved in Rome; seat of the Holy See and the Pope',
    background:
      'Vatican City is an independent city-state surrounded by Rome and the smallest country in the world by both area and population. ' +
      'It is the seat of the Holy See, the central government of the Catholic Church, headed by the Pope. ' +
      'The Holy See is not a member of the United Nations but has been a permanent observer state since 1964.',
    facts: [{ kind: 'membership', label: 'Permanent observer state at the United Nations (as the Holy See)', start: '1964' }],
  },
  UNK: {
    description: 'Partially recognised state in Southeast Europe; capital Pristina',
    background:
      'Kosovo is a landlocked country in Southeast Europe that declared independence from Serbia on 17 February 2008. ' +
      'It is recognised by about half of the UN member states, including the United States and most members of the European Union, but not by Serbia, Russia or China, and it is not a member of the United Nations. ' +
      'Its capital is Pristina.',
    facts: [
      { kind: 'event', label: 'Declared independence from Serbia', start: '2008-02-17' },
      { kind: 'other', label: 'Capital: Pristina' },
    ],
  },
  TWN: {
    description: 'Self-governing island in East Asia claimed by China; capital Taipei',
    background:
      'Taiwan, officially the Republic of China, is a self-governing island democracy off the coast of mainland China. ' +
      "The People's Republic of China claims it as part of its territory and has not ruled out force to take it, which makes the island one of the main points of tension between Beijing and Washington. " +
      "Taiwan lost China's seat at the United Nations to the People's Republic in 1971 and has only unofficial relations with most countries.",
    facts: [
      { kind: 'event', label: "UN General Assembly Resolution 2758 gave China's UN seat to the People's Republic of China", start: '1971-10-25' },
      { kind: 'other', label: 'Capital: Taipei' },
    ],
  },
  ESH: {
    description: 'Disputed territory in North Africa, largely controlled by Morocco',
    background:
      'Western Sahara is a sparsely populated territory on the Atlantic coast of North Africa whose status is disputed. ' +
      'Morocco controls most of it and claims it as its own, while the Algeria-backed Polisario Front seeks independence for the Sahrawi Arab Democratic Republic it proclaimed in 1976. ' +
      'The United Nations lists it as a non-self-governing territory; its largest city is Laayoune.',
    facts: [{ kind: 'other', label: 'Listed by the United Nations as a non-self-governing territory' }],
  },
  HKG: {
    description: 'Special administrative region of China',
    background:
      "Hong Kong is a special administrative region of China on the country's southern coast and one of the world's main financial centres. " +
      'A British colony until its handover to China on 1 July 1997, it was promised a high degree of autonomy under the principle of one country, two systems. ' +
      'A national security law imposed by Beijing in 2020, after mass protests in 2019, was followed by the arrest of many opposition figures and activists.',
    facts: [{ kind: 'event', label: 'Transferred from British to Chinese sovereignty', start: '1997-07-01' }],
  },
  MAC: {
    description: 'Special administrative region of China',
    background:
      'Macau, also spelled Macao, is a special administrative region of China on its southern coast, across the Pearl River estuary from Hong Kong. ' +
      'A Portuguese territory until 20 December 1999, it is governed under the principle of one country, two systems and is the largest gambling centre in the world by revenue.',
    facts: [{ kind: 'event', label: 'Transferred from Portuguese to Chinese sovereignty', start: '1999-12-20' }],
  },
  GRL: {
    description: 'Autonomous territory of the Kingdom of Denmark; capital Nuuk',
    background:
      "Greenland, the world's largest island, is an autonomous territory within the Kingdom of Denmark, between the Arctic and Atlantic oceans. " +
      'Its own government runs most domestic affairs, while Denmark remains responsible for foreign policy and defence. ' +
      'U.S. President Donald Trump has repeatedly said the United States should take control of Greenland, which the Greenlandic and Danish governments have rejected.',
    facts: [
      { kind: 'event', label: 'Self-government introduced within the Kingdom of Denmark', start: '2009-06-21' },
      { kind: 'other', label: 'Capital: Nuuk' },
    ],
  },
  PRI: {
    description: 'Unincorporated territory of the United States; capital San Juan',
    background:
      'Puerto Rico is a Caribbean island and an unincorporated territory of the United States. ' +
      'Its people are U.S. citizens but cannot vote in presidential elections while living on the island, and they are represented in Congress by a non-voting member. ' +
      'Its capital is San Juan.',
    facts: [{ kind: 'other', label: 'Capital: San Juan' }],
  },
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

export function slug(s: string): string {
  return stripAccents(s)
    .toLowerCase()
    .replace(/['\u2019.]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function wikiUrl(title: string): string {
  return `https://en.wikipedia.org/wiki/${encodeURI(title.replace(/ /g, '_'))}`;
}

// ---------------------------------------------------------------------------------------------
// Leaders (data/countries/leaders.json)
// ---------------------------------------------------------------------------------------------

const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/));
const LeadersSchema = v.strictObject({
  about: v.string(),
  asOf: IsoDate,
  countries: v.record(
    v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)),
    v.array(v.strictObject({ office: v.string(), holder: v.string(), note: v.optional(v.string()), start: IsoDate, end: v.optional(IsoDate), wiki: v.optional(v.string()) })),
  ),
});
type Leaders = v.InferOutput<typeof LeadersSchema>;

function readLeaders(): Leaders {
  const parsed = v.safeParse(LeadersSchema, JSON.parse(readFileSync(LEADERS_FILE, 'utf8')));
  if (!parsed.success) throw new Error(`${LEADERS_FILE}: ${parsed.issues.map((i) => `${(i.path ?? []).map((x) => x.key).join('.')}: ${i.message}`).join('; ')}`);
  if (parsed.output.asOf !== AS_OF) throw new Error(`${LEADERS_FILE}: asOf ${parsed.output.asOf} is not the countries' ${AS_OF}; the entries state one date`);
  for (const [code, rows] of Object.entries(parsed.output.countries))
    for (const r of rows)
      if (r.end ? !(r.start < r.end && r.end <= AS_OF) : !(r.start <= AS_OF)) throw new Error(`${LEADERS_FILE}: ${code} ${r.holder}: dates ${r.start}..${r.end ?? ''} against asOf ${AS_OF}`);
  return parsed.output;
}

const LEADERS = readLeaders();

/** Each office held, as a fact: "President: Xi Jinping" (with its note, if any), since its start (and until its end). */
function leaderFacts(code: string): Fact[] {
  return (LEADERS.countries[code] ?? []).map((r) => ({
    kind: 'office',
    label: `${r.office}: ${r.holder}${r.note ? ` (${r.note})` : ''}`,
    start: r.start,
    ...(r.end ? { end: r.end } : {}),
    source: wikiSource(r.wiki ?? r.holder),
  }));
}

function wikiSource(title: string): Source {
  return { title: `${title} - Wikipedia`, url: wikiUrl(title) };
}

function listPhrase(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function uniq(items: (string | undefined)[], exclude: string[] = []): string[] {
  const out: string[] = [];
  for (const s of items) if (s && !exclude.includes(s) && !out.includes(s)) out.push(s);
  return out;
}

/** Spellings without accents ("Turkiye", "Bogota"), unless they are ordinary words. */
function withAscii(names: string[]): string[] {
  return uniq(names.flatMap((n) => {
    const a = stripAccents(n);
    return a !== n && !NO_ASCII_ALIAS.has(a) ? [n, a] : [n];
  }));
}

function isUnMember(c: Country): boolean {
  return UN_MEMBER_OVERRIDE[c.cca3] ?? c.unMember;
}

function subregionOf(c: Country): string {
  return SUBREGION_OVERRIDE[c.cca3] ?? c.subregion;
}

function wherePhrase(c: Country): string {
  const sub = subregionOf(c);
  return SUBREGION_PHRASE[sub] ?? sub;
}

function capitalsOf(c: Country): CapitalSpec[] {
  const specs = CAPITALS_OVERRIDE[c.cca3] ?? c.capital.map((name) => ({ name, role: 'capital' }));
  return specs.map((s) => ({ role: 'capital', ...CAPITAL_DETAILS[s.name], ...s }));
}

function displayName(cap: CapitalSpec): string {
  return cap.display ?? cap.name;
}

/** The capital as the country's own entry names it. */
function plainName(cap: CapitalSpec): string {
  return cap.plain ?? displayName(cap);
}

function refName(c: Country): string {
  return REFERENCE_NAME[c.cca3] ?? c.name.common;
}

function capitalise(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** Ends a sentence without doubling a final full stop ("Washington, D.C."). */
function sentence(s: string): string {
  return s.endsWith('.') ? s : `${s}.`;
}

function demonymsOf(c: Country): string[] {
  if (NO_DEMONYM_CONTEXT.has(c.cca3)) return [];
  const raw = DEMONYM_OVERRIDE[c.cca3] ?? [c.demonyms?.eng?.m ?? ''];
  return raw.flatMap((d) => d.split(/, | or /)).filter(Boolean);
}

/** "capital Tbilisi" / "constitutional capital Sucre, seat of government La Paz". */
function capitalSummary(caps: CapitalSpec[]): string {
  if (caps.length === 1 && caps[0].role === 'capital') return `capital ${plainName(caps[0])}`;
  return caps.map((cap) => `${cap.role} ${plainName(cap)}`).join(', ');
}

function languagesSentence(c: Country): string {
  const langs = Object.values(c.languages);
  if (langs.length === 0) return '';
  if (langs.length === 1) return `Its official language is ${langs[0]}.`;
  const ordered = uniq([langs.includes('English') ? 'English' : undefined, ...langs]);
  if (langs.length <= 4) return `Its official or national languages include ${listPhrase(ordered)}.`;
  return `It has ${langs.length} official or national languages, including ${listPhrase(ordered.slice(0, 3))}.`;
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

const byCode = new Map(countries.map((c) => [c.cca3, c]));

function included(c: Country): boolean {
  return isUnMember(c) || EXTRA_PLACES.has(c.cca3);
}

function countryId(c: Country): string {
  return `place/${slug(c.name.common)}`;
}

/** A country with more land neighbours than this says how many, not which. */
const MAX_NEIGHBOURS_LISTED = 6;

function countryEntry(c: Country): KbEntry {
  const name = c.name.common;
  const wikiTitle = WIKI_TITLE[c.cca3] ?? name;
  const wiki = wikiSource(wikiTitle);
  const caps = capitalsOf(c);
  const official = NO_OFFICIAL_ALIAS.has(c.cca3) ? [] : [c.name.official];
  const aliases = withAscii(uniq([...official, ...(EXTRA_ALIASES[c.cca3] ?? [])])).filter((a) => a !== name);
  const cityState = CITY_STATES.has(c.cca3);
  const context = uniq([...(cityState ? [] : caps.map(plainName)), ...demonymsOf(c), ...(EXTRA_CONTEXT[c.cca3] ?? [])], [name]);
  const special = SPECIAL[c.cca3];
  const member = isUnMember(c);

  let description: string;
  let background: string;
  let facts: Fact[];
  let source: Source;
  if (special) {
    description = special.description;
    background = special.background;
    facts = special.facts.map((f) => ({ ...f, source: wiki }));
    source = wiki;
  } else {
    const where = wherePhrase(c);
    const ref = capitalise(refName(c));
    description = cityState ? `City-state in ${where}` : `Country in ${where}; ${capitalSummary(caps)}`;
    const neighbours = c.borders
      .filter((b) => !(c.cca3 === 'CHN' && (b === 'HKG' || b === 'MAC')))
      .map((b) => byCode.get(b)?.name.common)
      .filter((n): n is string => !!n)
      .sort((a, b) => a.localeCompare(b, 'en'));
    const sentences = [
      cityState
        ? `${ref} is a city-state in ${where}.`
        : caps.length === 1 && caps[0].role === 'capital'
          ? sentence(`${ref} is a country in ${where}, with its capital at ${plainName(caps[0])}`)
          : sentence(`${ref} is a country in ${where}; ${listPhrase(caps.map((cap) => `its ${cap.role} is ${plainName(cap)}`))}`),
      CAPITAL_NOTE[c.cca3] ?? '',
      languagesSentence(c),
      `${member ? 'It is a member of the United Nations' : 'It is not a member of the United Nations'}${
        // A long list of neighbours made the card taller than its box, for little a news reader needs.
        neighbours.length > MAX_NEIGHBOURS_LISTED
          ? ` and has ${neighbours.length} land neighbours.`
          : neighbours.length
            ? ` and borders ${listPhrase(neighbours)}.`
            : ' and has no land borders.'
      }`,
    ];
    background = sentences.filter(Boolean).join(' ');
    facts = [];
    if (member) facts.push({ kind: 'membership', label: 'Member of the United Nations', source: PACKAGE_SOURCE });
    if (!cityState && caps.length) {
      const overridden = !!CAPITALS_OVERRIDE[c.cca3];
      const label =
        caps.length === 1
          ? `${capitalise(caps[0].role ?? 'capital')}: ${plainName(caps[0])}`
          : `Capitals: ${caps.map((cap) => `${plainName(cap)} (${cap.role})`).join(', ')}`;
      facts.push({ kind: 'other', label, source: overridden ? wiki : PACKAGE_SOURCE });
    }
    source = PACKAGE_SOURCE;
  }

  // Who leads it first: a card shows three facts, those that held on the article's date first.
  facts = [...leaderFacts(c.cca3), ...facts];

  return {
    id: countryId(c),
    type: 'place',
    name,
    ...(aliases.length ? { aliases } : {}),
    ...(SHORT_FORMS[c.cca3] ? { shortForms: SHORT_FORMS[c.cca3] } : {}),
    ...(context.length ? { context } : {}),
    description,
    background,
    ...(facts.length ? { facts } : {}),
    source,
    links: [{ label: 'Wikipedia', url: wiki.url }],
    asOf: AS_OF,
  };
}

function capitalEntries(c: Country): KbEntry[] {
  if (NO_CAPITAL_ENTRY.has(c.cca3)) return [];
  const country = c.name.common;
  const caps = capitalsOf(c);
  const overridden = !!CAPITALS_OVERRIDE[c.cca3];
  const countryWiki = wikiSource(WIKI_TITLE[c.cca3] ?? country);
  const countryNames = new Set([country, c.name.official, ...(EXTRA_ALIASES[c.cca3] ?? [])]);
  const metonymCity = METONYM_CITY[c.cca3] ?? caps[0]?.name;
  const where = wherePhrase(c);
  const ref = refName(c);
  const kind = KIND_PHRASE[c.cca3] ?? `a country in ${where}`;
  return caps.map((cap) => {
    const name = displayName(cap);
    const wikiTitle = cap.wiki ?? name;
    const aliases = withAscii(uniq([name, ...(cap.aliases ?? [])]))
      .filter((a) => a !== name && !countryNames.has(a));
    const shortForms = uniq(cap.shortForms ?? []).filter((s) => !countryNames.has(s));
    const metonymOf = cap.name === metonymCity ? METONYM_OF[c.cca3] : undefined;
    const context = uniq([country, ...demonymsOf(c), ...(EXTRA_CONTEXT[c.cca3] ?? []), ...(cap.context ?? [])], [name, ...shortForms]);
    const sentences = [`${plainName(cap)} is the ${cap.role} of ${ref}, ${kind}.`];
    if (c.cca3 === 'ISR') sentences.push('Israel proclaims the whole city as its capital, while the Palestinians claim East Jerusalem as the capital of their state; most countries keep their embassies in Tel Aviv.');
    if (c.cca3 === 'PSE') sentences.push('It lies in the West Bank and is the seat of the Palestinian Authority.');
    if (metonymOf === 'organization/european-union') sentences.push('It hosts the main institutions of the European Union, and in news reports its name often stands for the EU.');
    else if (metonymOf) sentences.push(`In news reports its name often stands for the government of ${ref}.`);
    const label = `${capitalise(cap.role ?? 'capital')} of ${ref}`;
    const special = SPECIAL[c.cca3] || overridden;
    return {
      id: cap.id ?? `place/${slug(name)}`,
      type: 'place' as const,
      name,
      ...(aliases.length ? { aliases } : {}),
      ...(shortForms.length ? { shortForms } : {}),
      ...(metonymOf ? { metonymOf } : {}),
      ...(context.length ? { context } : {}),
      description: label,
      background: sentences.join(' '),
      facts: [{ kind: 'other' as const, label, source: special ? countryWiki : PACKAGE_SOURCE }],
      source: special || c.cca3 === 'BEL' ? wikiSource(wikiTitle) : PACKAGE_SOURCE,
      links: [{ label: 'Wikipedia', url: wikiUrl(wikiTitle) }],
      asOf: AS_OF,
    };
  });
}

export function generate(): KbFile {
  if (pkg.version !== PACKAGE_VERSION) {
    throw new Error(`world-countries is ${pkg.version}, this script was written for ${PACKAGE_VERSION}: re-check its maps and update PACKAGE_VERSION and AS_OF`);
  }
  const places = countries.filter(included);
  for (const code of EXTRA_PLACES) if (!byCode.has(code)) throw new Error(`world-countries has no ${code}`);
  for (const code of Object.keys(LEADERS.countries)) if (!places.some((c) => c.cca3 === code)) throw new Error(`${LEADERS_FILE}: no country ${code} among the places`);
  const entries = places.flatMap((c) => [countryEntry(c), ...capitalEntries(c)]);
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Map<string, string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new Error(`duplicate id ${e.id} (${seen.get(e.id)} and ${e.name})`);
    seen.set(e.id, e.name);
  }
  const members = places.filter(isUnMember).length;
  return {
    about:
      `Countries and capitals, generated by scripts/gen-countries.ts from the world-countries package ${PACKAGE_VERSION} ` +
      `(${members} UN member states, the two UN observer states and a few newsworthy non-member places, and their capitals), ` +
      'with news aliases, context words, metonyms and the text on disputed places kept by hand in the script, ' +
      'and who leads each of the countries most in the news from data/countries/leaders.json. Do not edit by hand.',
    entries,
  };
}

const text = `${JSON.stringify(generate(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(`${OUT} is out of date: run npx tsx scripts/gen-countries.ts`);
    process.exit(1);
  }
  console.log('countries.json is up to date');
} else {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, text);
  const n = JSON.parse(text).entries.length;
  console.log(`wrote ${n} entries to ${OUT}`);
}
