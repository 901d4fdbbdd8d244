/**
 * Names a news reader meets every day, against the shipped knowledge base: each must resolve to
 * its entry (the unit tests of the detector use a small index of their own).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../core/kb/index';
import { detectMentions } from '../../core/detect/mentions';
import { entityCard } from '../../core/cards';
import { classifyPassages } from '../../core/classify/classify';
import { loadKbDir } from '../../scripts/lib/kb-files';

const entries = loadKbDir(join(import.meta.dirname, '..', '..', 'data', 'kb'));
const index = buildIndex(entries);

const STATES =
  'Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Georgia, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska, Nevada, New Hampshire, New Jersey, New Mexico, New York, North Carolina, North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee, Texas, Utah, Vermont, Virginia, Washington, West Virginia, Wisconsin, Wyoming'.split(
    ', ',
  );

describe('the shipped knowledge base', () => {
  it('knows all fifty U.S. states, each as its own place', () => {
    // "New York" and "Washington" alone are the city and the capital; the states are written so.
    const written = STATES.map((s) => (s === 'New York' || s === 'Washington' ? `${s} State` : s));
    expect(new Set(written).size).toBe(50);
    // Atlanta and the governors settle Georgia the state from Georgia the country.
    const text = `Governors of every state met in Atlanta: ${written.join(', ')} sent delegations to the governor's meeting.`;
    const places = detectMentions(text, index).filter((m) => written.includes(m.text));
    expect(places.map((m) => m.text)).toEqual(written);
    expect(places.every((m) => m.type === 'place' && m.id?.startsWith('place/'))).toBe(true);
    expect(new Set(places.map((m) => m.id)).size).toBe(50);
    expect(places.find((m) => m.text === 'Georgia')?.id).toBe('place/georgia-us-state');
  });

  it('names the prime minister in British copy that never gives his full name ("Sir Keir", "Mr Starmer"), and the names of reviews 15 and 16', () => {
    const text = 'Downing Street said Sir Keir would visit a hospital in Leeds. Mr Starmer has argued that the Tories left a black hole, and Labour MPs agreed.';
    expect(detectMentions(text, index).filter((m) => m.type === 'person').map((m) => [m.text, m.id])).toEqual([
      ['Sir Keir', 'person/keir-starmer'],
      ['Starmer', 'person/keir-starmer'],
    ]);
    const court = 'Sam Bankman-Fried, the founder of FTX, took money from Alameda Research, Caroline Ellison testified; a study in The Lancet and a budget lab at Yale University were cited.';
    expect(detectMentions(court, index).map((m) => m.id)).toEqual(
      expect.arrayContaining(['person/sam-bankman-fried', 'organization/ftx', 'organization/alameda-research', 'person/caroline-ellison', 'organization/the-lancet', 'organization/yale-university']),
    );
    // (Meta's and Llama's short forms need the article's support: OpenAI, artificial intelligence, each other.)
    const ai = 'The AI Act bans some uses from February; providers of general-purpose AI models answer to the AI Office, as the GDPR did for data. Mistral AI, OpenAI and Meta, whose Llama model stayed out of the EU, objected to the artificial intelligence rules.';
    expect(detectMentions(ai, index).map((m) => m.id)).toEqual([
      'term/eu-ai-act', 'term/general-purpose-ai', 'organization/european-ai-office', 'term/gdpr', 'organization/mistral-ai', 'organization/openai', 'organization/meta-platforms', 'term/llama-language-model', 'organization/european-union',
    ]);
  });

  it('knows the continents, regions and oceans news names', () => {
    const text = 'Delegates from Africa, Asia, Europe, Latin America, South America, North America, Southeast Asia, Eastern Europe and Scandinavia met; the Gulf of Mexico, the Indian Ocean, the Sahara and Antarctica were on the agenda.';
    expect(detectMentions(text, index).map((m) => m.id)).toEqual([
      'place/africa', 'place/asia', 'place/europe', 'place/latin-america', 'place/south-america', 'place/north-america',
      'place/southeast-asia', 'place/eastern-europe', 'place/scandinavia', 'place/gulf-of-mexico', 'place/indian-ocean',
      'place/sahara', 'place/antarctica',
    ]);
    // "Pacific" alone is the ocean only where the article speaks of its islands; "South Africa" stays the country.
    expect(detectMentions('The Pacific island nation of Nauru cut ties with Taiwan.', index)[0].id).toBe('place/pacific-ocean');
    expect(detectMentions('The Pacific Fleet sailed; Pacific Gas and Electric paid.', index).filter((m) => m.id === 'place/pacific-ocean')).toEqual([]);
    expect(detectMentions('South Africa and North Africa.', index).map((m) => m.id)).toEqual(['place/south-africa']);
  });

  it('knows the officials, leaders and business people 2025 news names, and their surnames only where they are meant', () => {
    const ids = (t: string) => detectMentions(t, index).filter((m) => m.type === 'person').map((m) => [m.text, m.id]);
    expect(ids('Defense Secretary Pete Hegseth met troops. Hegseth said the Pentagon would cut jobs.')).toEqual([
      ['Pete Hegseth', 'person/pete-hegseth'],
      ['Hegseth', 'person/pete-hegseth'],
    ]);
    // A surname alone needs the full name earlier, or two of the entry's context words.
    expect(ids('The Fed held rates. Powell said inflation was easing and the central bank would wait.')).toEqual([['Powell', 'person/jerome-powell']]);
    expect(ids('Speaker Mike Johnson said the House would vote. Johnson needs every Republican.')).toEqual([
      ['Mike Johnson', 'person/mike-johnson'],
      ['Johnson', 'person/mike-johnson'],
    ]);
    // Another Kennedy, or another Gates, named in full is not the entry's.
    for (const [text, wrong] of [
      ['President John F. Kennedy was killed in 1963. Kennedy had promised to reach the moon.', 'person/robert-f-kennedy-jr'],
      ['Former defense secretary Robert Gates said so. Gates served two presidents.', 'person/bill-gates'],
    ])
      expect(detectMentions(text, index).filter((m) => m.id === wrong)).toEqual([]);
  });

  it('knows the companies, agencies and parties 2025 news names, and their short names only where they are meant', () => {
    const ids = (t: string) => detectMentions(t, index).filter((m) => m.type === 'organization').map((m) => m.id);
    expect(ids('ICE agents detained migrants in an immigration sweep; Amazon, the retailer Bezos founded, and OpenAI, Nvidia and TSMC reported.')).toEqual([
      'organization/us-immigration-and-customs-enforcement',
      'organization/amazon',
      'organization/openai',
      'organization/nvidia',
      'organization/tsmc',
    ]);
    // Without their context, the short names are the rainforest, the fruit, the motorway, the coin and the train.
    expect(ids('Deforestation in the Amazon rose. Apple prices rose at farmers markets. The M23 motorway was shut. Bitcoin and DOGE rallied. ICE trains were late.')).toEqual([]);
  });

  it('knows the health, markets, U.S. government and company names of the 2025 packs, and the tech giants listed together', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => m.id);
    expect(ids('The FDA approved Wegovy as Novo Nordisk and Eli Lilly fought over GLP-1 drugs; the CDC tracked H5N1 and Africa CDC tracked mpox.')).toEqual([
      'organization/food-and-drug-administration',
      'term/semaglutide',
      'organization/novo-nordisk',
      'organization/eli-lilly',
      'term/glp-1-receptor-agonist',
      'organization/centers-for-disease-control-and-prevention',
      'term/h5n1',
      'organization/africa-cdc',
      'term/mpox',
    ]);
    expect(ids('The S&P 500 fell as the Bank of Japan and Kazuo Ueda held rates; Rachel Reeves and the Internal Revenue Service said little, and Bernie Sanders spoke.')).toEqual([
      'term/s-and-p-500',
      'organization/bank-of-japan',
      'person/kazuo-ueda',
      'person/rachel-reeves',
      'organization/internal-revenue-service',
      'person/bernie-sanders',
    ]);
    // Listed beside their rivals, the short names are the companies (reader review 7).
    expect(ids('Microsoft, Alphabet, Amazon and Meta Platforms have all said they will spend more on Nvidia chips.')).toEqual([
      'organization/microsoft',
      'organization/google',
      'organization/amazon',
      'organization/meta-platforms',
      'organization/nvidia',
    ]);
  });

  it("knows the Supreme Court's justices and other people of the 2025 pack by surname, and leaves a namesake's surname alone", () => {
    const found = (t: string) => detectMentions(t, index).filter((m) => m.type === 'person').map((m) => [m.text, m.id]);
    expect(found('Chief Justice John Roberts wrote for the court, and Justice Ketanji Brown Jackson dissented. Jackson called the ruling a mistake. Justice Jackson then read it aloud.')).toEqual([
      ['Chief Justice John Roberts', 'person/john-roberts'],
      ['Justice Ketanji Brown Jackson', 'person/ketanji-brown-jackson'],
      ['Jackson', 'person/ketanji-brown-jackson'],
      ['Justice Jackson', 'person/ketanji-brown-jackson'],
    ]);
    expect(found('Justice Ketanji Brown Jackson dissented. On Tuesday Jackson spoke again.').map(([t]) => t)).toEqual(['Justice Ketanji Brown Jackson', 'Jackson']);
    // Another first name before the surname is another person, whom the knowledge base lacks.
    expect(found('Justice Ketanji Brown Jackson dissented. The singer Michael Jackson was no relation.')).toEqual([
      ['Justice Ketanji Brown Jackson', 'person/ketanji-brown-jackson'],
      ['Michael Jackson', undefined],
    ]);
    expect(found('Nigel Farage and Marine Le Pen met Geert Wilders; Farage spoke first.').map(([, id]) => id)).toEqual([
      'person/nigel-farage',
      'person/marine-le-pen',
      'person/geert-wilders',
      'person/nigel-farage',
    ]);
  });

  it('takes "Mr. Cohen" for Eli Cohen only where the article supports him: a courtesy title says a person, not which', () => {
    const found = (t: string) => detectMentions(t, index).filter((m) => m.type === 'person').map((m) => [m.text, m.entity]);
    // A court report: Michael Cohen, whom the knowledge base lacks, is named with his role; "Mr. Cohen" is his.
    expect(found('Donald Trump was found guilty. The payment that Michael Cohen, Mr. Trump’s former lawyer, made was at issue. The company reimbursed Mr. Cohen in 2017.')).toEqual([
      ['Donald Trump', 'Donald Trump'],
      ['Michael Cohen', 'Michael Cohen'],
      ['Trump', 'Donald Trump'],
      ['Cohen', 'Michael Cohen'],
    ]);
    // With his country's context, or after an office, the surname is the Israeli minister's.
    expect(found('Israel’s Likud government sent Mr. Cohen to the talks.').map(([, e]) => e)).toEqual(['Eli Cohen']);
    expect(found('Israel’s Foreign Minister Cohen arrived on Monday.').map(([, e]) => e)).toEqual(['Eli Cohen']);
  });

  it('knows the statesmen of an obituary, and leaves alone a ship, a trail, an airport or a newer version named after them (reader review 10)', () => {
    const found = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id]);
    expect(found('Henry Kissinger, who served Richard Nixon, met Zhou Enlai and Le Duc Tho. Nixon resigned in 1974.')).toEqual([
      ['Henry Kissinger', 'person/henry-kissinger'],
      ['Richard Nixon', 'person/richard-nixon'],
      ['Zhou Enlai', 'person/zhou-enlai'],
      ['Le Duc Tho', 'person/le-duc-tho'],
      ['Nixon', 'person/richard-nixon'],
    ]);
    expect(found('The carrier USS Harry S. Truman sailed. Supplies moved down the Ho Chi Minh Trail.')).toEqual([]);
    expect(found('Flights out of JFK were delayed at the airport.')).toEqual([['JFK', 'place/john-f-kennedy-international-airport']]);
    expect(found('JFK was assassinated in Dallas in 1963.')[0]).toEqual(['JFK', 'person/john-f-kennedy']);
    expect(found('OpenAI released GPT-4 in 2023 and GPT-4.5 in 2025.')).toEqual([
      ['OpenAI', 'organization/openai'],
      ['GPT-4', 'term/gpt-4'],
    ]);
  });

  it('knows the rest of an obituary’s cast: a president by his middle initial and then his surname, the congress, the wars, the accords and the firm named after him', () => {
    const found = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id]);
    const text =
      'He served under Presidents Richard M. Nixon and Gerald R. Ford. His dissertation was on the Congress of Vienna. He negotiated the first Strategic Arms Limitation Treaty and, after the Yom Kippur War, stayed on under Ford. The Paris Peace Accords did not save Saigon. His firm, Kissinger Associates, announced his death.';
    expect(found(text)).toEqual([
      ['Richard M. Nixon', 'person/richard-nixon'],
      ['Gerald R. Ford', 'person/gerald-ford'],
      ['Congress of Vienna', 'event/congress-of-vienna'],
      ['Strategic Arms Limitation Treaty', 'event/strategic-arms-limitation-talks'],
      ['Yom Kippur War', 'event/yom-kippur-war'],
      ['Ford', 'person/gerald-ford'],
      ['Paris Peace Accords', 'event/paris-peace-accords'],
      ['Saigon', 'place/ho-chi-minh-city'],
      ['Kissinger Associates', 'organization/kissinger-associates'],
    ]);
    // A car story's "Ford" is not the president, whatever the White House and Michigan.
    expect(found('The White House announced new tariffs on Friday. Ford said it would raise prices on some models built in Michigan.').map(([, id]) => id)).not.toContain('person/gerald-ford');
    // "Ford" after the carmaker's name is the carmaker.
    expect(found('Ford Motor said sales fell. Ford recalled 100,000 pickup trucks.')[1]).toEqual(['Ford', 'organization/ford-motor-company']);
  });

  it('reads the people of a truce story by their whole names: a first name that is a leader’s surname, a premier “of” his country, a surname with its particle, an age before “who” (reader review 11)', () => {
    const people = (t: string) => detectMentions(t, index).filter((m) => m.type === 'person').map((m) => [m.text, m.id ?? null]);
    const text =
      'The West Bank city of Ramallah waited. Prime Minister Srettha Thavisin of Thailand thanked the mediators. Egypt’s intelligence chief, Abbas Kamel, joined the talks. Youssef Darwish, 41, who fled Gaza City, said he was turned away. Anneke de Vries, who runs a bakery, said prices rose.';
    expect(people(text)).toEqual([
      ['Srettha Thavisin', null],
      ['Abbas Kamel', null],
      ['Youssef Darwish', null],
      ['Anneke de Vries', null],
    ]);
    // The leader himself, after his full name.
    expect(people('Mahmoud Abbas spoke in Ramallah. Abbas said the truce must hold.').map(([, id]) => id)).toEqual(['person/mahmoud-abbas', 'person/mahmoud-abbas']);
    // The premier speaks, not his country.
    const said = 'Prime Minister Srettha Thavisin of Thailand confirmed their release.';
    expect(classifyPassages(said, detectMentions(said, index)).map((p) => [p.label, p.source])).toEqual([['reported', 'Srettha Thavisin']]);
  });

  it('knows the parties of a Japanese leadership race and the bodies of the plastics treaty talks (reader review 13)', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id ?? null]);
    expect(ids('TOKYO — The Liberal Democratic Party chose Shigeru Ishiba. The LDP and its partner Komeito control the Diet, where the Constitutional Democratic Party of Japan leads the opposition.')).toEqual([
      ['TOKYO', 'place/tokyo'],
      ['Liberal Democratic Party', 'organization/liberal-democratic-party-japan'],
      ['Shigeru Ishiba', 'person/shigeru-ishiba'],
      ['LDP', 'organization/liberal-democratic-party-japan'],
      ['Komeito', 'organization/komeito'],
      ['Diet', 'organization/national-diet'],
      ['Constitutional Democratic Party of Japan', 'organization/constitutional-democratic-party-of-japan'],
    ]);
    // A byline's "The Editorial Board" is the writer, no organisation to mark.
    const board = 'Opinion\n\nBy The Editorial Board · Dec. 3, 2024 · 5 min read\n\nThe talks failed.\n\nThe Editorial Board represents the opinions of the board.';
    const lines = [...board.matchAll(/[^\n]+/g)].map((l) => ({ start: l.index, end: l.index + l[0].length, kind: 'paragraph' as const }));
    expect(detectMentions(board, index, lines).map((m) => m.start)).toEqual([board.lastIndexOf('Editorial Board')]);
    // Without Japan in view, "LDP" and "Diet" are no one's.
    expect(ids('A balanced diet matters. Diet and exercise help. The LDP said nothing.')).toEqual([]);
    expect(ids('Inger Andersen, who leads the UN Environment Programme (UNEP), opened the talks in Busan, where the Intergovernmental Negotiating Committee met after the United Nations Environment Assembly set it up.').map(([, id]) => id)).toEqual([
      'person/inger-andersen',
      'organization/united-nations-environment-programme',
      'organization/united-nations-environment-programme',
      'place/busan',
      'event/global-plastics-treaty-talks',
      'organization/united-nations-environment-assembly',
    ]);
  });

  it('knows the names of the Maui wildfire story and of the Fed’s September 2024 cut (reader review 14)', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id ?? null]);
    expect(ids('Governor Josh Green said Lahaina would be rebuilt. Hawaiian Electric said its lines on Maui had been switched off.')).toEqual([
      ['Josh Green', 'person/josh-green'],
      ['Lahaina', 'place/lahaina'],
      ['Hawaiian Electric', 'organization/hawaiian-electric'],
      ['Maui', 'place/maui'],
    ]);
    expect(ids('The federal Bureau of Alcohol, Tobacco, Firearms and Explosives, the ATF, found the cause.').map(([, id]) => id)).toEqual(['organization/atf', 'organization/atf']);
    expect(ids('The Federal Open Market Committee cut rates by half a point; Michelle Bowman dissented.')).toEqual([
      ['Federal Open Market Committee', 'organization/federal-open-market-committee'],
      ['Michelle Bowman', 'person/michelle-bowman'],
    ]);
  });

  it('finds the people a local story introduces by an everyday role or a council title, and learns their pronoun from the text (reader review 14)', () => {
    const people = (t: string) => detectMentions(t, index).filter((m) => m.type === 'person').map((m) => m.text);
    expect(people('Kekoa Alapai, a fisherman, spoke. Bill Haskett, a retired accountant, disagreed. Marcus Feld, head of rates strategy at Ostrander Capital, said more.')).toEqual(['Kekoa Alapai', 'Bill Haskett', 'Marcus Feld']);
    expect(people('Councilmember Teresa Villanueva, whose ward includes the station, offered an amendment.')).toEqual(['Teresa Villanueva']);
    expect(people('Shelee Kimura, Hawaiian Electric’s chief executive, told a hearing that the company had no program.')).toEqual(['Shelee Kimura']);
    // "He" makes Andaya a man: a later "she" is not his.
    const text = 'Herman Andaya, the administrator of the agency, defended the decision. He said he did not regret it. Leimomi Kahale remembers the sky turning orange. "There was no siren," she said.';
    expect(classifyPassages(text, detectMentions(text, index)).map((p) => p.source)).toEqual([null, 'Herman Andaya', null, null]);
  });

  it('keeps the rules of reader reviews 12-14 from misfiring on ordinary news (a code review’s cases)', () => {
    const run = (t: string) => classifyPassages(t, detectMentions(t, index)).map((p) => [p.label, p.source]);
    const people = (t: string) => detectMentions(t, index).filter((m) => m.type === 'person').map((m) => m.text);
    // A titled name in an opening phrase is no second speaker.
    expect(run('After meeting Prime Minister Rishi Sunak, President Joe Biden said the alliance would hold.')).toEqual([['reported', 'Joe Biden']]);
    // A company after a country's possessive, whose last word comes again only as a word of other names.
    expect(people('Japan’s Nippon Steel wants to buy U.S. Steel. Steel prices fell.')).toEqual([]);
    // A firm with "whose", or described as a consultant, is no person.
    expect(people('Rystad Energy, whose forecasts are widely watched, said demand would rise. Rystad Energy, a Norwegian consultant, agreed.')).toEqual([]);
    // An FAQ is no interview: its answers are no one's; its questions are still no statement.
    const faq = 'What the rate cut means for you.\n\nQ: What did the Fed decide?\n\nA: It cut rates by half a point.\n\nQ: Will mortgages get cheaper?\n\nA: Probably, but slowly.';
    const read = classifyPassages(faq, detectMentions(faq, index));
    expect(read.filter((p) => p.source !== null)).toEqual([]);
    expect(read.filter((p) => p.text.startsWith('Q:')).map((p) => p.label)).toEqual(['other', 'other']);
    // A person's words about advice stay theirs.
    expect(run('The company said the chatbot’s answers are not medical advice and should be checked.')[0]![0]).toBe('reported');
    // A town that is also a person's surname stays the town after "in" ("to" is read as the person: "Lyles turned to Thompson").
    expect(detectMentions('Officials in Chester met on Monday. Tom Chester, a retired teacher, said the road was shut.', index).map((m) => [m.text, m.type])).toEqual([
      ['Chester', 'place'],
      ['Tom Chester', 'person'],
    ]);
    // A pronoun guessed for the one person the sentence before names does not fix that person's pronoun.
    const son = 'The son of Councilwoman Leilani Akana was at the station. "I ran," he said. Leilani Akana, a councilwoman, spoke later. "We were not warned," she said.';
    expect(run(son).at(-1)).toEqual(['reported', 'Leilani Akana']);
  });

  it('knows Mecca and Delhi, and New Delhi apart from Delhi (reader review 13)', () => {
    expect(detectMentions('Mecca, Delhi and parts of the Mediterranean had deadly heat. Ministers met in New Delhi.', index).map((m) => [m.text, m.id])).toEqual([
      ['Mecca', 'place/mecca'],
      ['Delhi', 'place/delhi'],
      ['Mediterranean', 'place/mediterranean-sea'],
      ['New Delhi', 'place/new-delhi'],
    ]);
  });

  it('marks a place of two words found in the text where the article names it again, not inside a longer name (reader review 11)', () => {
    const text = 'Teachers drove from Fort Wayne on Monday. Fort Wayne schools closed for the day.\n\nThe Fort Wayne Komets played on Sunday.';
    expect(detectMentions(text, index).map((m) => [m.start, m.text, m.type])).toEqual([
      [20, 'Fort Wayne', 'place'],
      [42, 'Fort Wayne', 'place'],
    ]);
  });

  it('reads a first and last name after a country’s possessive as a person where the surname comes again, and that surname after "to" as the person (reader review 12)', () => {
    const text = 'Lyles ran 9.79, the same time as Jamaica’s Kishane Thompson, and waited. Lyles turned to Thompson. Thompson, 23, took the defeat calmly.';
    expect(detectMentions(text, index).filter((m) => m.entity.endsWith('Thompson')).map((m) => [m.text, m.type, m.entity])).toEqual([
      ['Kishane Thompson', 'person', 'Kishane Thompson'],
      ['Thompson', 'person', 'Kishane Thompson'],
      ['Thompson', 'person', 'Kishane Thompson'],
    ]);
    // A company goes by its whole name: no person.
    expect(detectMentions('Germany’s Aleph Alpha lobbied against the rules, as did France’s Mistral AI.', index).filter((m) => m.type === 'person')).toEqual([]);
  });

  it('marks a person found in the text whole where the full name comes again, and by the surname (reader review 13)', () => {
    const text = 'We asked Dr Maren Lindqvist what it means. Maren Lindqvist is a climate scientist. Lindqvist said the summer was hot.';
    expect(detectMentions(text, index).map((m) => [m.text, m.entity])).toEqual([
      ['Maren Lindqvist', 'Maren Lindqvist'],
      ['Maren Lindqvist', 'Maren Lindqvist'],
      ['Lindqvist', 'Maren Lindqvist'],
    ]);
  });

  it('reads a name a role opens, with the country it is "of", and gives the quotation after a role and a name to the person (reader review 13)', () => {
    const text =
      '"There never was a consensus," the Saudi delegate, Abdulrahman Al Gwaiz, told the plenary. The committee’s chair, Luis Vayas Valdivieso of Ecuador, tried to bridge the gap. He said it could serve as the basis for the next session.';
    const mentions = detectMentions(text, index);
    expect(mentions.filter((m) => m.type === 'person').map((m) => m.text)).toEqual(['Abdulrahman Al Gwaiz', 'Luis Vayas Valdivieso']);
    expect(mentions.find((m) => m.text === 'Ecuador')?.id).toBe('place/ecuador');
    expect(classifyPassages(text, mentions).map((p) => [p.label, p.source])).toEqual([
      ['reported', 'Abdulrahman Al Gwaiz'],
      ['fact', null],
      ['reported', 'Luis Vayas Valdivieso'],
    ]);
  });

  it('reads "upstate New York" as the state, and New York alone as the city (reader review 11)', () => {
    const places = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id]);
    expect(places('Observers in parts of Ohio and upstate New York saw totality.')).toEqual([
      ['Ohio', 'place/ohio'],
      ['New York', 'place/new-york-state'],
    ]);
    expect(places('The mayor of New York spoke.')).toEqual([['New York', 'place/new-york-city']]);
  });

  it('reads the bank, not the region, in "Silicon Valley Bank", and no country inside "Stade de France" or "Banco de España" (reader review 12)', () => {
    const found = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id ?? m.type]);
    expect(found('Silicon Valley Bank failed. SVB had lent to start-ups, and Janet Yellen said depositors were safe.')).toEqual([
      ['Silicon Valley Bank', 'organization/silicon-valley-bank'],
      ['SVB', 'organization/silicon-valley-bank'],
      ['Janet Yellen', 'person/janet-yellen'],
    ]);
    expect(found('Lyles won at the Stade de France.')).toEqual([['Stade de France', 'place/stade-de-france']]);
    expect(found('The Banco de España raised its forecast.').map(([, id]) => id)).not.toContain('place/spain');
    expect(found('Founders in Silicon Valley worried.')).toEqual([['Silicon Valley', 'place/silicon-valley']]);
  });

  it('types a name the article gives a person’s cue as a person everywhere, not as a place after "to"', () => {
    const found = (t: string) => detectMentions(t, index).filter((m) => /Daniels/.test(m.text)).map((m) => [m.text, m.type]);
    expect(found('The $130,000 payment to Stormy Daniels was at issue. Stormy Daniels, an adult film actress, testified for two days.')).toEqual([
      ['Stormy Daniels', 'person'],
      ['Stormy Daniels', 'person'],
    ]);
  });

  it('knows the football clubs and managers news names, and reads "FT" in a score as no newspaper', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id]);
    expect(ids('FT: Manchester City 3-1 West Ham. Pep Guardiola said City deserved the Premier League title; Arsenal finished second under Mikel Arteta.')).toEqual([
      ['Manchester City', 'organization/manchester-city'],
      ['West Ham', 'organization/west-ham-united-fc'],
      ['Pep Guardiola', 'person/pep-guardiola'],
      ['City', 'organization/manchester-city'],
      ['Premier League', 'organization/premier-league'],
      ['Arsenal', 'organization/arsenal-fc'],
      ['Mikel Arteta', 'person/mikel-arteta'],
    ]);
    expect(ids('The Financial Times reported the deal first; the FT said talks had ended.').map(([, id]) => id)).toEqual(['organization/financial-times', 'organization/financial-times']);
    // Another city's "United" is not Manchester United, even after it (reader review 21).
    expect(ids('Manchester United lost at home. Newcastle United beat Leeds United. Cambridge United won, and Sheffield United drew.')).toEqual([
      ['Manchester United', 'organization/manchester-united'],
      ['Newcastle United', 'organization/newcastle-united-fc'],
      ['Leeds United', 'organization/leeds-united-fc'],
    ]);
  });

  it('knows a glacier study’s glacier, survey and satellites, whole, and the Conservative leader by surname in a Westminster story (reader review 22)', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id]);
    expect(ids('The British Antarctic Survey studied Thwaites Glacier in West Antarctica with data from CryoSat-2 and ICESat-2.')).toEqual([
      ['British Antarctic Survey', 'organization/british-antarctic-survey'],
      ['Thwaites Glacier', 'place/thwaites-glacier'],
      ['West Antarctica', 'place/west-antarctica'],
      ['CryoSat-2', 'term/cryosat-2'],
      ['ICESat-2', 'term/icesat-2'],
    ]);
    expect(ids('19:40 Badenoch accuses government. The Tory leader was cheered by her MPs in the Commons.')[0]).toEqual(['Badenoch', 'person/kemi-badenoch']);
  });

  it('reads the Bank of England’s Bank Rate as the term, not a bank (reader review 21)', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id]);
    expect(ids('The Bank of England cut Bank Rate to 3.75% on Thursday.')).toEqual([
      ['Bank of England', 'organization/bank-of-england'],
      ['Bank Rate', 'term/bank-rate'],
    ]);
  });

  it('reads "the Munich Security Conference" as the annual conference, whose card gives the edition nearest the article', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => m.id);
    expect(ids('Vance spoke at the Munich Security Conference. The 2023 Munich Security Conference was calmer.')).toEqual([
      'event/munich-security-conference',
      'event/munich-security-conference-2023',
    ]);
    const msc = entries.find((e) => e.id === 'event/munich-security-conference')!;
    const facts = (date: string) => entityCard(msc, { date, mentions: [], passages: [] }).facts.map((f) => f.when);
    expect(facts('2025-02-20')[0]).toContain('2025');
    expect(facts('2023-02-21')[0]).toContain('2023');
  });

  it('knows the cities, companies, history and terms news names every day', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => m.id);
    expect(ids('Flights from St. Louis, Dallas, Denver, Baltimore, Montreal, Melbourne, Kolkata and Lahore reached Guam.')).toEqual([
      'place/st-louis', 'place/dallas', 'place/denver', 'place/baltimore', 'place/montreal', 'place/melbourne', 'place/kolkata',
      'place/lahore', 'place/guam',
    ]);
    expect(ids('Dockworkers in Hamburg, Rotterdam and Antwerp went on strike.')).toEqual(['place/hamburg', 'place/rotterdam', 'place/antwerp']);
    expect(ids('NASA, Pfizer, ExxonMobil, Goldman Sachs, Walmart, Netflix and the Muslim Brotherhood were named.')).toEqual([
      'organization/nasa', 'organization/pfizer', 'organization/exxonmobil', 'organization/goldman-sachs', 'organization/walmart',
      'organization/netflix', 'organization/muslim-brotherhood',
    ]);
    expect(ids('Veterans of World War II, the Korean War and Watergate recalled the Great Depression and the Good Friday Agreement.')).toEqual([
      'event/world-war-ii', 'event/korean-war', 'event/watergate-scandal', 'event/great-depression', 'event/good-friday-agreement',
    ]);
    expect(ids('The BBC, CNN, Al Jazeera, NPR and the Financial Times reported the strike, citing Reuters and the Associated Press.')).toEqual([
      'organization/bbc', 'organization/cnn', 'organization/al-jazeera', 'organization/npr', 'organization/financial-times',
      'organization/reuters', 'organization/associated-press',
    ]);
    // Everyday vocabulary (climate change, the minimum wage) is marked only when the reader asks for it.
    const debated = 'Climate change, Medicaid, Bitcoin and the minimum wage were debated. Covid closed schools.';
    expect(ids(debated)).toEqual(['term/medicaid', 'term/bitcoin', 'event/covid-19-pandemic']);
    expect(detectMentions(debated, index, undefined, { everydayTerms: true }).map((m) => m.id)).toEqual([
      'term/climate-change', 'term/medicaid', 'term/bitcoin', 'term/minimum-wage', 'event/covid-19-pandemic',
    ]);
  });

  it('leaves everyday news vocabulary unmarked unless asked, and marks terms of art', () => {
    const text =
      'After the ceasefire, drone strikes and cruise missiles hit the port; sanctions, inflation and refugees followed. ' +
      'The communiqué defended territorial integrity and non-lethal aid under Article 5.';
    const terms = (everydayTerms: boolean) => detectMentions(text, index, undefined, { everydayTerms }).filter((m) => m.type === 'term').map((m) => m.text);
    expect(terms(false)).toEqual(['communiqué', 'territorial integrity', 'non-lethal aid', 'Article 5']);
    expect(terms(true)).toEqual(['ceasefire', 'drone', 'cruise missiles', 'sanctions', 'inflation', 'refugees', 'communiqué', 'territorial integrity', 'non-lethal aid', 'Article 5']);
    // Only words are everyday: no name is.
    const everyday = entries.filter((e) => e.everyday);
    expect(everyday.length).toBeGreaterThan(50);
    expect(everyday.filter((e) => e.type !== 'term')).toEqual([]);
  });

  it('reads the short names of those entries only where they are meant', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => m.id);
    // With their own context: the city, the oil company, the tournament, the armed group.
    expect(ids('Lawmakers returned to Austin, Texas. In Austin, the legislature met.')).toEqual(['place/austin', 'place/austin']);
    expect(ids('Agence France-Presse reported the attack. A witness told AFP that shots were fired.')).toEqual([
      'organization/agence-france-presse', 'organization/agence-france-presse',
    ]);
    expect(ids('Shell plc raised its dividend. Shell said LNG demand would grow.').filter((m) => m === 'organization/shell')).toHaveLength(2);
    expect(ids('The IRA bombed Belfast during the Troubles in Northern Ireland.').filter((m) => m === 'organization/irish-republican-army')).toHaveLength(1);
    // Without it: the defence secretary, the artillery, the retirement account, cricket, blood pressure.
    for (const [text, wrong] of [
      ['Defense Secretary Lloyd Austin visited Kyiv. Austin pledged more aid.', 'place/austin'],
      ['Shell fragments littered the street after the shelling.', 'organization/shell'],
      ['She moved her savings into a Roth IRA before retiring.', 'organization/irish-republican-army'],
      ['India beat Australia in the cricket World Cup final; the bowlers shone.', 'event/fifa-world-cup'],
      ['The nurse checked his BP and pulse.', 'organization/bp'],
      ['Australian Federal Police officers said the AFP had charged two men in Sydney.', 'organization/agence-france-presse'],
      ['The Guardian Council disqualified reformist candidates in Iran.', 'organization/the-guardian'],
    ])
      expect(ids(text)).not.toContain(wrong);
  });

  it('reads a surname that is also a word as the person only where the article names her or her world (reader review 10)', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => m.id);
    expect(ids('Helen Toner sat on the OpenAI board. Ms. Toner said the board had acted properly.').filter((m) => m === 'person/helen-toner')).toHaveLength(2);
    expect(ids('The OpenAI board fired Sam Altman. Ms. Toner said the board had acted properly.')).toContain('person/helen-toner');
    expect(ids('Toner cartridges are expensive. The printer maker said Toner sales fell.')).not.toContain('person/helen-toner');
  });

  it('reads "the Mississippi" ending a clause as the river, and the state everywhere else', () => {
    const named = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id]);
    expect(named('Barges crowded the Mississippi near St. Louis. The Missouri rose. Floods on the Ohio. Water from the Colorado flows south.')).toEqual([
      ['Mississippi', 'place/mississippi-river'],
      ['St. Louis', 'place/st-louis'],
      ['Missouri', 'place/missouri-river'],
      ['Ohio', 'place/ohio-river'],
      ['Colorado', 'place/colorado-river'],
    ]);
    expect(named('The Ohio governor and the Mississippi legislature met; voters in the Ohio and Pennsylvania suburbs split. Mississippi passed a law.')).toEqual([
      ['Ohio', 'place/ohio'],
      ['Mississippi', 'place/mississippi'],
      ['Ohio', 'place/ohio'],
      ['Pennsylvania', 'place/pennsylvania'],
      ['Mississippi', 'place/mississippi'],
    ]);
  });

  it('leaves a one-word organisation or event unmarked inside a longer name it lacks', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => m.id);
    for (const [text, wrong] of [
      ['Athletes at the Special Olympics won medals.', 'event/olympic-games'],
      ['Guests stayed at the Watergate Hotel in Washington.', 'event/watergate-scandal'],
      ['The tanker was built by Samsung Heavy Industries in Geoje.', 'organization/samsung-electronics'],
      ['Drivers opened Google Maps to find a way round.', 'organization/google'],
    ])
      expect(ids(text)).not.toContain(wrong);
    // Titles, days and known names beside it leave it standing.
    expect(ids('Pfizer CEO Albert Bourla spoke. Hamas Monday rejected it; the Olympics opened in Paris. Samsung said so.')).toEqual([
      'organization/pfizer', 'organization/hamas', 'event/olympic-games', 'place/paris', 'organization/samsung-electronics',
    ]);
  });

  it('knows India by its other official name, Bharat, but not inside longer names', () => {
    const found = detectMentions('The name plate read “Bharat”, and leaders met at the Bharat Mandapam.', index);
    expect(found.filter((m) => m.text === 'Bharat').map((m) => m.entity)).toEqual(['India']);
  });

  it('gives a city abroad no card where a U.S. state says it is a namesake', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id ?? null]);
    const known = (t: string) => detectMentions(t, index).flatMap((m) => (m.id ? [m.id] : []));
    expect(known('Crews in Vancouver, Washington, and in Melbourne, Florida, and Paris, Texas, helped.')).toEqual(['place/florida', 'place/texas']);
    // Where the city lies, or a state its context names, it stays.
    expect(known('He flew from Vancouver, British Columbia, to Melbourne, Australia.')).toEqual(['place/vancouver', 'place/melbourne', 'place/australia']);
    expect(ids('Protests in Tbilisi, Georgia, grew.')[0]).toEqual(['Tbilisi', 'place/tbilisi']);
    expect(ids('Chicago, Illinois, and Paris, France, are twinned.').map(([, id]) => id)).toEqual(['place/chicago', 'place/illinois', 'place/paris', 'place/france']);
  });

  it('tells the agency from its owner and the daily from the monthly, at a sentence’s start too', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => m.id ?? m.text);
    expect(ids('Thomson Reuters reported profits. Le Monde diplomatique ran the essay. Reuters and Le Monde covered it.')).toEqual([
      'organization/thomson-reuters',
      'organization/le-monde-diplomatique',
      'organization/reuters',
      'organization/le-monde',
    ]);
  });

  it('reads an airline and a flight code as neither the country nor a term', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => m.id ?? m.text);
    expect(ids('Air India flight AI 171 crashed after take-off from Ahmedabad.')).toEqual(['Ahmedabad']);
    expect(ids('Radio Canada said so. Passengers of an Air France jet waited.')).not.toContain('place/canada');
    expect(ids('Passengers of an Air France jet waited.')).not.toContain('place/france');
    // Alone, or before a year, they are.
    const everyday = (t: string) => detectMentions(t, index, undefined, { everydayTerms: true }).map((m) => m.id ?? m.text);
    expect(everyday('India bets on AI. AI 2027 is a forecast. The AI Act passed.')).toEqual(['place/india', 'term/artificial-intelligence', 'term/artificial-intelligence', expect.anything()]);
  });

  it('reads Capitol Hill as the neighbourhood that stands for Congress, the Capitol as the building', () => {
    const ids = (t: string) => detectMentions(t, index).map((m) => [m.text, m.id]);
    expect(ids('Support on Capitol Hill faded as lawmakers met in the U.S. Capitol.')).toEqual([
      ['Capitol Hill', 'place/capitol-hill'],
      ['U.S. Capitol', 'place/us-capitol'],
    ]);
    expect(entries.find((e) => e.id === 'place/capitol-hill')?.metonymOf).toBe('organization/us-congress');
  });
});
