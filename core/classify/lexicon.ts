/**
 * Hand-written lexicons for telling the writer's own voice from neutral reporting.
 *
 * Written for Backstory by hand (not derived from any data set); same licence as the project.
 * Words are lowercase; multi-word entries are matched as whole-word phrases. Each list is a
 * category the classifier counts; the words it finds are the passage's `cues`.
 */
import { STRIP_LINE } from '../text/strip';

const words = (s: string): string[] => s.trim().split(/\s*[\n,]\s*|\s{2,}/).map((w) => w.trim()).filter(Boolean);
const list = (s: string): string[] => s.trim().split(/\s+/).filter(Boolean);

/**
 * The word lists, built on first use (the content script loads this module on every page, and
 * most pages are never classified).
 */
function build() {
  /** Strongly evaluative adjectives, adverbs and nouns: the writer judges. */
  const EVALUATIVE = list(`
    absurd absurdity abysmal admirable admirably alarming amazing appalling atrocious awful awfully
    awesome baffling baseless bizarre blatant blatantly brilliant brilliantly callous catastrophic
    clueless contemptible corrupt cowardly crass crazy cruel cynical damning deceitful deceptive
    deplorable despicable destructive devastating dire disastrous disgraceful disgusting dishonest
    dismal disturbing dreadful dubious dumb egregious embarrassing embarrassingly excellent
    extraordinary fabulous farcical flawed foolish foolishly glorious grotesque hapless harmful heinous
    heroic hideous hopeless hopelessly horrible horrendous horrific hypocritical idiotic ignorant
    illegitimate immoral impressive inane incompetent incompetence incredible indefensible inept
    inexcusable insane insidious intolerable irrational irresponsible laughable laughably lazy ludicrous
    lousy magnificent malicious marvelous marvellous mediocre misguided miserable monstrous naive
    nasty nefarious nonsensical obscene odious outrageous outrageously pathetic perverse
    pitiful pointless preposterous pretentious reckless recklessly remarkable remarkably repugnant
    repulsive ridiculous ridiculously rotten ruthless scandalous senseless shameful shameless
    shocking shockingly silly sinister sloppy spectacular splendid stupid stupidity superb terrible
    terribly terrific thoughtless tragic tragically unacceptable unbelievable unconscionable
    unforgivable unhinged unjust unreasonable unwise useless vicious vile wasteful wicked woeful
    wonderful wonderfully worthless wretched wrongheaded fantastic horrid deranged delusional
    sensible foolhardy misleading disingenuous shoddy dismaying distasteful grim grotesquely
    excessive overblown overstated exaggerated inexplicable unfathomable irrelevant meaningless
    pious sanctimonious smug arrogant pompous petty spineless gutless feckless weak weakness
    disastrously pathetically hysterical paranoid cynically brazen brazenly reckless unprecedented
    fair unfair unfairly wrong wrongly right rightly good bad great worse worst better best
    beautiful ugly nice lovely sad sadly dangerous dangerously deeply troubling troubled worrying
    worrisome alarmingly questionable suspicious suspect curious strange odd bizarrely weird
    boring dull tedious pleasant unpleasant brave courageous wise wisely smart clever dumbest
    genius legendary iconic mighty noble shameful
    adorable amiable appealing astonishing astounding attractive breathtaking charming commendable
    compelling competent convincing decent delightful deserving dignified distinguished elegant
    eloquent enjoyable enlightened enlightening exceptional exciting exemplary exquisite fascinating
    fortunate generous genuine gifted graceful gracious honest honourable honorable ideal illustrious
    impeccable incomparable ingenious insightful inspiring intelligent invaluable laudable likable
    lucid lucky masterful meaningful memorable miraculous outstanding perfect perfectly persuasive
    phenomenal pleasing praiseworthy precious principled prodigious profound promising prudent
    rational reasonable refreshing reliable respectable righteous sensational sincere skillful
    stellar striking stunning sublime superior supreme talented thoughtful thrilling tremendous
    triumphant trustworthy unparalleled valiant valuable venerable virtuous visionary welcome
    wholesome worthy abhorrent abominable abrasive abusive aggravating alarmist annoying
    antagonistic apathetic arbitrary ashamed awkward backward banal barbaric belligerent bigoted
    bitter bleak boastful bumbling careless chaotic childish clumsy coercive complacent conceited
    confused confusing contemptuous contradictory contrived counterproductive crippling crude
    culpable cumbersome damaging decadent defective degrading demeaning depressing desperately
    detestable detrimental devious dictatorial dimwitted dirty disappointing discredited disdainful
    disgraced dishonorable disloyal dismissive disorganized disreputable disrespectful disruptive
    distorted divisive dodgy dogmatic dreary dysfunctional elitist evil exploitative extravagant
    faulty feeble fishy flimsy frantic fraudulent frightening frivolous futile gullible hateful
    haughty humiliating ill-conceived ill-advised illogical immature impotent imprudent inadequate
    inappropriate incoherent inconsistent indecent ineffective inefficient inferior inhumane
    insensitive insincere insolent insufferable insulting intolerant irritating jealous lame lax
    lethargic lunatic malevolent manipulative meager mindless mistaken mocking muddled murky myopic
    narrow-minded negligent nightmarish oblivious obnoxious obsessive obtuse oppressive overbearing
    overrated paltry partisan patronizing problematic provocative pushy rash regressive repressive
    resentful rude sadistic savage scary selfish self-serving shallow simplistic slimy sly snobbish
    spiteful spurious stale stingy stubborn subversive superficial tasteless timid tiresome
    treacherous trivial troublesome tyrannical unbearable uncivilized unconvincing undemocratic
    underhanded undeserved unethical unfit unhelpful uninformed unintelligent unjustified
    unprofessional unqualified unrealistic unreliable unscrupulous unsound unsustainable untenable
    untrustworthy unwarranted unworthy upsetting vague vain venal vengeful vindictive vulgar
    wrongful zealous
  `);

  /** Loaded nouns and verbs: characterisation rather than description. */
  const LOADED = list(`
    nonsense hogwash rubbish garbage drivel claptrap propaganda lies liar liars hoax sham farce fiasco
    debacle folly hypocrisy hypocrite hypocrites hysteria charade travesty idiocy cronyism crony cronies
    thug thugs regime regimes elites zealots zealot fanatics fanatical ideologues ideologue woke
    leftist leftists globalist globalists radicals extremists puppet puppets stooge stooges mob cabal
    racket tyranny tyrant tyrants indoctrination brainwashing brainwashed fantasies fantasy victimhood
    shill shills demagogue demagoguery smear smears witch-hunt fearmongering scaremongering grift
    grifter grifters bribed bribe lurking lurk lurks shriek shrieks fret frets whine whines whining rant
    rants ranting spew spews peddle peddles peddling parrot parrots parroting gloat gloating cower
    grovel meddling meddle bully bullying bullied pander pandering squander squandered wreck wrecked
    ruin ruined ruining betray betrayed betrayal plunder loot looting doomed doom menace scourge
    chaos mess muddle blunder blunders bungled bungling
    gaffe stunt ploy scheme schemes conspiracy cowards coward losers loser idiots idiot fools fool
    morons moron clowns clown circus swamp apologists apologist sycophants sycophantic lackeys
    invaders horde hordes onslaught war-mongering warmongers
    bogus phony fake sleazy shady crooked rigged stolen brainless mindless heartless ruthless
    capitulation appeasement weakness emboldened caved caving cozy
    cozying cosying creeping bullies strongman dictator dictators despot autocrat
    propagandist mouthpiece lapdog lapdogs cheerleaders cheerleading slavish
    brag brags bragging decry decries decried lambast lambasts lambasted railing sneer
    sneers sneering trumpet trumpets trumpeted whitewash whitewashing demonize demonizes demonized
    demonise demonised vilify vilifies vilified weaponize weaponizes weaponized weaponise weaponised
    hijack hijacked hijacking dupe duped hoodwink hoodwinked mislead misleads obfuscate obfuscation
    gaslight gaslighting grandstand grandstanding posturing virtue-signalling scapegoat scapegoating
    pillory pilloried kowtow kowtowing capitulate capitulated
  `);

  /** Intensifiers and downtoners: degree words a neutral report rarely needs. */
  const INTENSIFIERS = [
    ...words(`a lot, lots of, a great deal, by far, way too, far too, all too, a bit, a little bit, at all`),
    ...list(`
    very extremely really truly utterly totally completely absolutely entirely highly incredibly
    terribly hugely enormously exceedingly tremendously thoroughly profoundly desperately fiercely
    immensely insanely so such quite rather pretty too even just simply merely hardly barely
    mostly largely particularly especially exactly precisely downright outright sheer mere
    vastly wildly grossly painfully blindingly staggeringly astonishingly surprisingly strikingly
    increasingly
  `),
  ];

  /** Certainty and emphasis: the writer vouches for the claim. */
  const CERTAINTY = [
    ...list(`clearly obviously certainly surely undoubtedly undeniably indeed naturally plainly
    evidently frankly honestly definitely unquestionably doubtless inevitably inevitable
    predictably tellingly notably ironically admittedly conveniently`),
    ...words(`of course, no doubt, without doubt, beyond doubt, in fact, in reality, the fact is,
    the truth is, make no mistake, needless to say, it is clear, it's clear, it’s clear,
    there is no doubt, there's no doubt, there’s no doubt, to say the least, let's be clear,
    let’s be clear, the reality is, of all things, no wonder, not surprisingly, to be sure,
    at the very least, it is obvious, it is time, it's time, it’s time, the bottom line,
    at this point, in other words, after all, all too, not only, to put it mildly`),
  ];

  /** Hedges and speculation: the writer guesses. */
  const HEDGES = [
    ...list(`may might could perhaps maybe probably possibly likely unlikely seem seems seemed
    seemingly appear appears appeared apparently presumably supposedly arguably conceivably
    potentially suspect guess imagine wonder somewhat presumably probable plausible`),
    ...words(`sort of, kind of, in a sense, to some extent, it appears, it seems, one wonders,
    i suspect, i think, i believe, i guess, i suppose, we think, i fear, i doubt`),
  ];

  /** Sentence adverbs of attitude: the writer's feeling about the fact. */
  const ATTITUDE = list(`
    unfortunately fortunately sadly happily ironically curiously interestingly strangely oddly
    amazingly thankfully regrettably hopefully luckily unluckily shockingly mercifully alas
    disappointingly tragically absurdly predictably remarkably understandably unsurprisingly
    surprisingly astonishingly incredibly naturally rightly wrongly justly unjustly wisely foolishly
  `);

  /** Obligation and advice: the writer prescribes. */
  const OBLIGATION = [
    ...list(`must should ought shouldn't shouldn’t mustn't mustn’t`),
    ...words(`need to, needs to, have to, has to, had better, it is time, time to`),
  ];

  /** Imperatives that open a sentence: the writer addresses the reader. */
  const IMPERATIVE_OPENERS = list(`consider imagine suppose observe look note remember recall picture compare witness
    forget let let's let’s take ask think mark behold`);

  /** Opinion verbs (first person makes them the writer's). */
  const OPINION_VERBS = list(`think believe feel hope fear doubt wish reckon suspect bet suppose guess`);

  const FIRST_PERSON = list(`i me my mine myself we us our ours ourselves i'm i’m i've i’ve we're we’re we've we’ve i'd i’d`);
  const SECOND_PERSON = list(`you your yours yourself yourselves you're you’re you've you’ve`);

  /** Sweeping generalisation. */
  const GENERALIZATION = list(`all every everyone everybody everything always never nobody nothing none nowhere entire whole`);

  /** Contrast and argument connectives: prose that argues. */
  const CONTRAST = list(`but however yet although though nevertheless nonetheless instead rather despite whereas still`);

  /** Comparative and superlative evaluation. */
  const COMPARISON = list(`more most less least better best worse worst greater greatest bigger biggest`);

  /** Negation. */
  const NEGATION = list(`not no never nothing neither nor n't none cannot can't can’t won't won’t don't don’t doesn't doesn’t isn't isn’t aren't aren’t wasn't wasn’t haven't haven’t hasn't hasn’t`);

  /**
   * Reporting verbs: a source says something. Strong ones report on their own ("X said");
   * weak ones only with a content clause, a quote or a colon ("X repeated that ...").
   */
  const SPEECH_VERBS_STRONG = list(`
    say says said saying tell tells told telling stated announce announces announced
    allege alleges alleged alleging claim claims claimed claiming add adds added note notes noted
    explain explains explained write writes wrote argue argues argued insist insists insisted warn
    warns warned urge urges urged deny denies denied confirm confirms confirmed acknowledge
    acknowledges acknowledged admit admits admitted assert asserts asserted declare declares declared
    emphasize emphasizes emphasized emphasise emphasises emphasised stress stresses stressed tweet
    tweets tweeted testify testifies testified reply replies replied respond responds responded
    remark remarks remarked predict predicts predicted accuse accuses accused charge charges charged
    reveal reveals revealed disclose discloses disclosed maintain maintains maintained contend
    contends contended counter counters countered concede concedes conceded vow vows vowed pledge
    pledges pledged promise promises promised threaten threatens threatened demand demands demanded
    ask asks asked call calls called describe describes described dismiss dismisses dismissed
    suggest suggests suggested report reports reported recall recalls recalled observe observes
    observed complain complains complained concluded conclude concludes estimate estimates estimated
    announced indicated indicate indicates reiterate reiterates reiterated caution cautions
    cautioned boast boasts boasted agree agrees agreed assure assures assured lament laments
    lamented exclaim exclaimed quipped quip quips joked joke jokes mused muse added calculate calculates
    calculated
  `);
  /** Weak reporting verbs that say what someone judged: a report even without "that" or a quotation ("Biden praised his intellect"). */
  const SPEECH_VERBS_JUDGING = list(`
    condemn condemns condemned denounce denounces denounced criticize criticizes criticized
    criticise criticises criticised praise praises praised hail hails hailed welcome welcomes welcomed
  `);
  const SPEECH_VERBS_WEAK = [
    ...list(`
    repeat repeats repeated echo echoes echoed talk talks talked speak speaks spoke discuss
    discusses discussed raise raises raised mention mentions mentioned show shows showed shown
    find finds found believe believes believed think thinks thought feel feels felt hope hopes
    hoped fear fears feared expect expects expected question questions questioned wonder wonders wondered
  `),
    ...SPEECH_VERBS_JUDGING,
  ];

  /** Nouns of speech: "X's accusations that ...", "delivered remarks". */
  const SPEECH_NOUNS = list(`
    accusation accusations allegation allegations claim claims remarks remark statement statements
    warning warnings comment comments announcement testimony speech assertion assertions charge
    charges criticism denial assurance assurances pledge promise message words
  `);

  /** Multi-word reporting phrases. */
  const SPEECH_PHRASES = words(`
    according to, put on notice, puts on notice, made clear, made it clear, makes clear, make clear,
    pointed out, points out, point out, delivered remarks, went on to say, went on, spoke of,
    spoke about, talked about, in a statement, in an interview, in a tweet, in a post, told reporters,
    lodged accusations, lodging accusations, lodges accusations, sounded the alarm, hit back,
    took aim at, called for, calls for, calling for, called on, calls on, laid out, set out
  `);

  /** Objective cues: reporting nouns and the vocabulary of records. */
  const RECORD_WORDS = list(`
    percent per cent million billion trillion thousand hundred dozen official officials spokesman
    spokeswoman spokesperson ministry minister department agency government police court data report
    study survey poll census statistics figures according announced reported monday tuesday wednesday
    thursday friday saturday sunday january february march april june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec yesterday today tomorrow
    week month year years day days hours km kilometres kilometers miles meters metres tonnes
    dollars euros pounds yuan rubles roubles
  `);
  return {
    EVALUATIVE,
    LOADED,
    INTENSIFIERS,
    CERTAINTY,
    HEDGES,
    ATTITUDE,
    OBLIGATION,
    IMPERATIVE_OPENERS,
    OPINION_VERBS,
    FIRST_PERSON,
    SECOND_PERSON,
    GENERALIZATION,
    CONTRAST,
    COMPARISON,
    NEGATION,
    SPEECH_VERBS_STRONG,
    SPEECH_VERBS_WEAK,
    SPEECH_VERBS_JUDGING,
    SPEECH_NOUNS,
    SPEECH_PHRASES,
    RECORD_WORDS,
  };
}

export type Lexicon = ReturnType<typeof build>;
let built: Lexicon | null = null;

/** The hand-written lexicons (memoised). */
export function lexicon(): Lexicon {
  built ??= build();
  return built;
}

/** Boilerplate that is not part of the article's argument: labeled `other`. */
export const BOILERPLATE_PATTERNS: RegExp[] = [
  /\b(?:this|the) (?:article|story|piece|post|report|column) (?:was |first |originally )*(?:appeared|published|posted|appears)\b/i,
  /\bpublished here with permission\b/i,
  /\breprinted (?:here )?with permission\b/i,
  /\b(?:originally|first) (?:published|appeared) (?:in|on|by|at)\b/i,
  /^(?:read more|related|advertisement|subscribe|sign up|click here|share this|follow us|copyright|©|all rights reserved)\b/i,
  /\b(?:subscribe to (?:our|the) newsletter|sign up for (?:our|the) newsletter)\b/i,
  /\ball rights reserved\b/i,
  /^(?:editor['’]s note|disclaimer|correction)\s*:/i,
  /^an? (?:earlier|previous) version of this (?:article|story|report|piece)\b/i,
  /\bThe views expressed (?:in this article )?are (?:those of the author|the author['’]s own)\b/i,
  // A disclaimer ("This article is for information only and is not investment advice.") and a
  // funder's line ("This article was reported with the support of the Pacific Desk Fund.").
  /^(?:This (?:article|story|report|content|newsletter|material|information|publication|column)|Nothing (?:in|on) this|The (?:information|content|material) (?:in|on|contained in) this)\b[^"“”]{0,120}\b(?:(?:is|are) not|does not constitute|do not constitute|should not be (?:taken|construed) as) (?:investment|financial|legal|medical|tax) advice\b/i,
  /^This (?:article|story|report|content) is (?:for|provided for) (?:general )?information(?:al purposes)? only\b/i,
  /^This (?:article|story|report|series|project|reporting) (?:was|is) (?:reported|produced|supported|published|made possible) with (?:the )?(?:support|help|funding) (?:of|from)\b/i,
  // An editorial board's tagline: "The Editorial Board represents the opinions of the board, ... It is separate from the newsroom."
  /^(?:The )?Editorial Board (?:represents|is (?:made up|composed) of)\b/,
  /^(?:It|The (?:editorial )?board) is (?:separate from|independent of) (?:the|our) newsroom\.?$/i,
  /\b(?:contributed|contributed reporting) to this (?:report|story)\b/i,
  // A wire's note on what it could not check: "The figure could not be independently verified."
  /^(?:The (?:figures?|claims?|reports?|accounts?|toll|numbers?|videos?|footage)|(?:It|This|That|They|These|Neither|None)[\p{L} ]{0,20}) (?:could not|cannot|can't|was unable to|were unable to|has not been able to|have not been able to|was not able to|were not able to) be (?:independently )?(?:verified|confirmed)\b[^"“”,;]{0,80}\.?$/u,
  /^[\p{Lu}][\p{L}.'’ -]{1,40} (?:could not|cannot|was unable to|were unable to|has not been able to|was not able to) (?:independently verify|verify (?:the|these|those|its|their)(?: [\p{L}-]+){0,2} (?:figures?|claims?|reports?|accounts?|footage|videos?))\b[^"“”,;]{0,80}\.?$/u,
  // A wire's credits: "(Reporting by ... ; Editing by ...)", and its standards line.
  /^\(?(?:reporting|additional reporting|writing|editing|compiled) by\b/i,
  // A contributor line: "Reporting was contributed by Hannah Oduya.", "Jane Doe contributed reporting from Kyiv."
  /^(?:additional )?reporting (?:was )?contributed by [^;"“”]{1,80}$/i,
  /^\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3}(?:(?:,| and) \p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3})* contributed reporting(?: (?:from|in|to) [^.,;"“”]{1,60})?\.?$/u,
  /^our standards\s*:/i,
  // A live blog's furniture: its timestamps ("17.48 CEST"), its greeting and its sign-off.
  /^(?:[01]?\d|2[0-3])[.:][0-5]\d\s*(?:[ap]\.?m\.?|GMT|UTC|CEST|CET|BST|[ECMP][SD]T|ET|PT)(?:\s*\p{L}+){0,2}\s*$/u,
  /^good (?:morning|afternoon|evening)\b.*\bwelcome\b|^welcome to our live (?:coverage|blog|updates)\b/i,
  /^thank(?:s| you) for (?:following|reading|joining us|staying with us)\b[^"“”]*$/i,
  /^that(?:'s| is| was) (?:it|all) (?:from (?:us|me)|for (?:today|now|tonight))\b/i,
  // A live line's time: "VERDICT Updated 5 min ago", "Last updated 2 hours ago", and a date on its
  // own ("May 30, 2024", "30 May 2024") after a dateline, or after a "By" whose name the page
  // keeps elsewhere (microdata: "By Nov. 29, 2023").
  /^(?:\p{Lu}{2,}\s+)?(?:last\s+)?(?:updated|published|posted)\s+(?:\d+|an?|one)\s+(?:s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|days?)\s+ago\.?$/iu,
  /^(?:By\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4})\.?$/,
  // A strip of short parts between dots or bars: a kicker, a score bar, a ticker (core/text/strip.ts).
  STRIP_LINE,
  // An interview's editing note, and a disclaimer that the views are the speaker's own.
  /^(?:This|The) (?:interview|conversation|transcript|Q&A|exchange) (?:has been|was|is) (?:lightly )?(?:edited|condensed)\b/i,
  /^[^"“”]{0,60}\b(?:remarks|views|opinions|comments) (?:in this (?:interview|article|piece|column) |expressed (?:here )?)?are (?:his|her|their|my|the author['’]s) own(?:\.?$| and (?:do|does) not (?:represent|reflect|necessarily))/iu,
  // A graphic's credit and its source line: "Chart: Ledger Markets; source: LSEG", "Source: LSEG".
  /^(?:chart|graphic|graphics|map|photo|photograph|illustration|video|image|data|source|sources)\s*:\s*[^.!?"“”]{1,80}(?:;\s*(?:source|sources|data)\s*:\s*[^.!?"“”]{1,60})?$/iu,
  // A pull quote's signature: "— Priya Nair, chip analyst".
  /^[—–]\s*\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}(?:,\s*[^.!?"“”]{1,60})?$/u,
  // An author's note under the article: "Margaret Ellison writes about economics and policy."
  /^\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3} (?:writes|reports) (?:about|on|for)\b[^"“”]*$/u,
  /^\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3} is (?:an?|our|the(?: paper['’]s)?)(?: [\p{L}'’-]+){0,3} (?:columnist|contributing writer|contributor|staff writer|senior writer|reporter|correspondent|editor|writer)(?: (?:at|for|of|on|in|based in|covering) [^,;"“”]{1,60})?\.?$/u,
  // ... and its beat and contact lines: "Rosa Delgado covers City Hall.", "Contact her at ...".
  /^\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3} covers [^.,;"“”]{1,50}\.$/u,
  // ... or by pronoun after the name's line: "She writes about economics and trade.", "He covers courts."
  /^(?:She|He|They) (?:writes? (?:about|on)|covers?) (?!(?:her|his|their|the|a|an)\b)[^.,;"“”]{1,50}\.$/u,
  /^(?:contact|email|e-mail|follow|reach) (?:her|him|them|me|the author)\b.{0,80}$/i,
];
