"""Word lists and patterns for names that are in no list: titles, designators, cues, stop words.

Everything here is general English news usage (not tuned to any corpus): person titles that
are stripped from spans but mark a person, designators that make a capitalised sequence an
organisation or a place, connectors allowed inside names, and words that are capitalised
only because they start a sentence or are demonyms.
"""

from __future__ import annotations

import re

CONNECTORS = frozenset(
    "of for and the de du des la le van von der den da di dos das del al el bin ibn bint ben "
    "abu ul y e on in at ad ash as ar an at az ez es ed um".split()
)
"""Lower-case words allowed inside a name ("Bank of England", "Osama bin Laden")."""

ARTICLE_PREFIXES = frozenset("al el ad ash as ar an at az ech es et er".split())
"""Arabic article prefixes written with a hyphen ("al-Assad", "ash-Sham")."""

TITLES = frozenset(
    """president vice prime minister ministers secretary chancellor king queen prince princess
    crown sheikh shaikh sheik emir general gen gen. lieutenant lt lt. colonel col col.
    maj maj. brigadier captain capt capt. sergeant sgt sgt. commander admiral adm
    marshal mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady sen sen. senator rep rep.
    major representative gov gov. governor mayor ambassador envoy judge justice pope cardinal
    bishop archbishop rabbi imam ayatollah grand mufti professor prof prof. spokesman
    spokeswoman spokesperson chief director deputy foreign defence defense interior
    finance health justice state premier chairman chairwoman chair ceo leader
    commissioner inspector officer corporal sgt. pvt agent detective coach
    secretary-general former late acting interim opposition rebel militant
    father brother sister mother""".split()
)
"""Words stripped from the front of a span; a following name is likely a person."""

JOB_TITLES = frozenset(
    """actress actor attorney lawyer manager coach star singer rapper musician producer
    writer author novelist filmmaker moviemaker director journalist reporter correspondent
    editor columnist analyst economist officer chief executive ceo cfo coo cto founder
    co-founder owner boss gm head player quarterback pitcher striker midfielder goalkeeper
    captain candidate nominee leader spokesman spokeswoman spokesperson minister president
    vice-president chairman chairwoman secretary general commissioner superintendent
    sheriff deputy prosecutor counsel judge justice senator congressman congresswoman
    representative governor mayor ambassador envoy professor doctor dr nurse officer
    detective inspector constable sergeant lieutenant colonel commander premier chancellor
    king queen prince princess emir sheikh pope cardinal bishop rabbi imam cleric
    businessman businesswoman billionaire tycoon entrepreneur activist militant gunman
    suspect defendant victim comedian host anchor model designer chef architect artist
    photographer poet coroner engineer conductor pilot driver trooper soldier ranger clerk
    treasurer auditor councillor councilman councilwoman alderman assemblyman delegate
    lawmaker legislator magistrate solicitor barrister physician surgeon scientist
    researcher historian teacher student priest pastor reverend rev rev. fr fr. guitarist
    drummer bassist vocalist pianist composer""".split()
)
"""Occupations written before a name ("Actress Tara Reid", "Academy President Boone Isaacs")."""

RANK_WORDS = frozenset(
    """freshman freshmen sophomore sophomores junior juniors senior seniors rookie rookies
    veteran veterans descendant descendants count countess baron baroness viscount marquis
    marquess emperor empress tsar czar tsarina kaiser""".split()
)
"""Class years, ranks and nobility written before a given name ("Senior Kory Smith", "Count
Anton Faber"): a description, not part of the name (only before a given name: "Senior Bowl")."""

PERSON_TITLES = frozenset(
    """president minister king queen prince princess sheikh shaikh emir general gen gen.
    lieutenant lt lt. colonel col col. maj maj. major brigadier captain capt capt. sergeant
    sgt sgt. commander admiral adm marshal mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord
    lady sen sen. senator rep rep. governor gov gov. mayor ambassador envoy judge pope
    cardinal bishop archbishop rabbi imam ayatollah professor prof prof. spokesman
    spokeswoman spokesperson chancellor premier chairman chairwoman secretary corporal
    pvt agent detective coach""".split()
)

ORG_SUFFIXES = frozenset(
    """ministry forces force army front agency council committee party brigade brigades
    battalion battalions regiment corps division command group organisation organization
    association union company corporation corp corp. inc inc. ltd ltd. plc llc co co.
    bank institute foundation fund movement alliance coalition authority commission
    court office department services service police guard guards news times post
    television tv radio network observatory league federation club team airlines airways
    society trust board bureau administration government parliament assembly congress
    senate cabinet navy unit units squadron wing fleet militia militias regime
    establishment directorate center centre university college school academy hospital
    church mosque monitor institution exchange market markets holdings partners capital
    securities industries systems technologies energy motors oy ag sa nv gmbh spa ab bv
    pty lp llp kk laboratories labs pharmaceuticals petroleum resources mining airport's
    insurance bancorp financial conference confederation brotherhood orchestra press
    magazine journal gazette herald tribune chronicle broadcasting""".split()
)
"""Last words that make a capitalised sequence an organisation (or a facility, see below)."""

ORG_PREFIXES = frozenset(
    """ministry bank university army council department office court college institute
    school church house""".split()
)
"""First words of "X of Y" organisations ("Ministry of Defence", "University of Aleppo")."""

PLACE_SUFFIXES = {
    "province": "region", "governorate": "region", "district": "district", "region": "region",
    "county": "region", "state": "region", "oblast": "region", "prefecture": "region",
    "city": "city", "town": "city", "village": "city", "municipality": "city",
    "airport": "facility", "airbase": "facility", "base": "facility", "highway": "facility",
    "road": "facility", "street": "facility", "avenue": "facility", "square": "facility",
    "bridge": "facility", "dam": "facility", "crossing": "facility", "port": "facility",
    "harbour": "facility", "harbor": "facility", "camp": "facility", "prison": "facility",
    "stadium": "facility", "palace": "facility", "plant": "facility", "field": "facility",
    "river": "river", "mountains": "region", "mountain": "region", "hills": "region",
    "valley": "region", "plain": "region", "desert": "region", "peninsula": "region",
    "island": "region", "islands": "region", "lake": "sea", "sea": "sea", "gulf": "sea",
    "bay": "sea", "strait": "sea", "canal": "facility", "ocean": "sea", "heights": "region",
    "park": "facility", "neighbourhood": "district", "neighborhood": "district",
    "quarter": "district", "countryside": "region", "coast": "region",
    "junction": "facility", "brook": "river", "creek": "river", "pond": "sea", "reservoir": "sea",
    "dock": "facility", "docks": "facility", "coulee": "region", "gym": "facility",
    "playfield": "facility", "courthouse": "facility", "plateau": "region", "falls": "region",
    "forest": "region", "woods": "region", "glacier": "region", "canyon": "region",
    "gorge": "region", "beach": "region", "marsh": "region", "springs": "city",
    "oasis": "region", "castle": "facility", "cathedral": "facility", "temple": "facility",
    "monastery": "facility", "abbey": "facility", "shrine": "facility", "museum": "facility",
    "theatre": "facility", "theater": "facility", "arena": "facility", "mall": "facility",
    "station": "facility", "terminal": "facility", "lane": "facility", "boulevard": "facility",
    "tunnel": "facility", "checkpoint": "facility", "hill": "region", "ridge": "region",
    "peak": "region", "estuary": "river", "basin": "region", "lagoon": "sea", "reef": "sea",
    "archipelago": "region", "gardens": "facility", "plaza": "facility", "quay": "facility",
    "wharf": "facility", "pier": "facility", "airfield": "facility", "refinery": "facility",
    "mine": "facility", "tower": "facility", "towers": "facility", "hotel": "facility",
    "compound": "facility", "embassy": "facility", "consulate": "facility",
    "ave": "facility", "ave.": "facility", "rink": "facility", "oval": "facility",
    "pavilion": "facility", "cave": "region", "caves": "region", "complex": "facility",
    "barrage": "facility", "gate": "facility", "empire": "country", "kingdom": "country",
    "sultanate": "country", "khanate": "country", "parish": "district", "township": "city",
    "borough": "district", "canton": "region", "taluk": "district", "tehsil": "district",
    "northwest": "region", "northeast": "region", "southwest": "region", "southeast": "region",
    "midwest": "region",
}
"""Last words that make a capitalised sequence a place, with the place type."""

PLACE_PREFIXES = {
    "mount": "region", "lake": "sea", "gulf": "sea", "port": "city", "fort": "city",
    "cape": "region", "camp": "facility", "bay": "sea", "river": "river",
    "isle": "region", "san": "city", "santa": "city", "saint": "city", "st": "city",
    "st.": "city", "new": "city", "north": "region", "south": "region", "east": "region",
    "west": "region", "northwest": "region", "northeast": "region", "southwest": "region",
    "southeast": "region", "city": "city", "town": "city", "village": "city", "island": "region",
    "northern": "region", "southern": "region", "eastern": "region",
    "western": "region", "upper": "region", "lower": "region", "old": "city", "greater": "region",
    # common first words of Arabic, Hebrew and Persian place names
    "tal": "city", "tell": "city", "tel": "city", "ayn": "city", "ain": "city", "deir": "city",
    "dayr": "city", "kafr": "city", "kfar": "city", "khan": "city", "beit": "city",
    "bayt": "city", "bir": "city", "jabal": "region", "jebel": "region", "wadi": "region",
    "ras": "city", "qasr": "city", "marj": "city", "jisr": "city", "hayy": "district",
    "tall": "city", "maarat": "city", "maarrat": "city", "qalaat": "city", "mazraat": "city",
}
PLACE_PLURALS = frozenset(
    """highlands lowlands midlands uplands plains flats sands rapids narrows keys banks fields
    meadows lakes hills pines oaks elms wells gardens downs moors fens marshes glades
    everglades territories provinces states emirates islands isles indies alps dunes cliffs
    rocks shoals straits waters woods forests falls springs heights mountains towers docks
    caves gates steppes wetlands commons acres sounds ponds peaks rivers valleys""".split()
)
"""Plural last words of place names ("Scottish Highlands", "North Downs"); any other plural
ends a team's or a group's name ("West Coast Eagles", "Fremantle Dockers")."""
PLACE_WORD_ENDINGS = ("abad", "shahr", "grad", "burg", "ville", "polis", "istan")
"""Endings of single-word place names ("Jalalabad", "Volgograd", "Kurdistan")."""
"""First words of place names ("Mount Hermon", "Gulf of Aden", "North Waziristan")."""

PLACE_CUE_WORDS = frozenset(
    "in near outside around across into towards toward throughout inside from".split()
)
"""A lone unknown name right after one of these is more likely a place."""

PLACE_BEFORE = re.compile(
    r"(?:\b(?:village|town|city|hamlet|parish|county|province|district|suburb|municipality|"
    r"port|capital|region|island|state|outskirts|north|south|east|west|northeast|northwest|"
    r"southeast|southwest|north-east|north-west|south-east|south-west) of|\b(?:born|located|"
    r"situated|based|headquartered|lives|lived|died|near|outside) in) $"
)
"""Text right before a name that marks a place ("the village of Atwick", "born in Kenora")."""

PLACE_BEFORE_MOTION = re.compile(
    r"\b(?:fled|flee|fleeing|retreated|retreat|travel(?:l?ed)?|moved|returned|headed|marched|"
    r"withdrew|relocated|deployed|evacuated|advanced|drove|flew|sailed|moving|heading|"
    r"residents|villagers|inhabitants|outskirts|countryside|suburbs?|streets|centre|center) "
    r"(?:to|of|in|into|towards?) $"
)
"""Motion verbs and parts of a settlement before a name ("fled to X", "villagers of X")."""

PLACE_DESCRIBED = re.compile(
    r",? (?:is|was|remains|became) (?:an?|the) (?:[\w\-]+ ){0,3}?(?:village|town|city|hamlet|"
    r"suburb|municipality|commune|settlement|neighbou?rhood|district|province|county|region|"
    r"river|lake|island|mountain|port|capital|parish|locality|area)\b"
)
"""A name described as a place right after it ("X is a village in ...")."""
DESCRIBED_STARTS = tuple(f"{c} {v} " for c in ("", ",") for v in ("is", "was", "remains", "became"))
"""How every PLACE_DESCRIBED match starts (a cheap test before the pattern)."""

PLACE_AFTER = re.compile(r"^ ?, ?((?:[A-Z][\w.'’\-]*)(?: [A-Z][\w.'’\-]*){0,2})")
"""``X, Hampshire``: a name followed by a comma and a region/country is a place."""

PERSON_AFTER = re.compile(
    r"^(?:,? (?:said|says|told|added|wrote|asked|explained|stated|noted|argued|"
    r"a spokes(?:man|woman|person)|the spokes(?:man|woman|person)|who |whose )"
    r"|,? \d{1,3}, )"
)
"""Text right after a name that marks a person ("Smith said", "Smith, 45,")."""

STOP_WORDS = frozenset(
    """a an the this that these those there their they them then than thus this it its
    he she his her him we our us you your i me my mine who whom whose which what when where
    why how whether while if unless until after before since because although though as at
    by for from in into of off on onto out over under up down with within without about
    above across against along among around behind below beneath beside besides between
    beyond during except inside near outside through throughout toward towards upon via
    and or but nor so yet also too very just only even still already again ever never
    not no yes all any both each every few many more most much other others some such
    own same one two three four five six seven eight nine ten first second third last
    next new old many several another can could may might must shall should will would
    do does did done be is are was were been being have has had having get got let
    according meanwhile however moreover furthermore nevertheless nonetheless instead
    otherwise therefore indeed later earlier today yesterday tomorrow now here once
    despite amid amidst following regarding including unlike like per
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec operation hurricane typhoon cyclone storm
    eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty
    forty fifty sixty seventy eighty ninety hundred thousand million billion
    mr mrs ms dr sir madam please thank thanks yes okay ok oh
    breaking update updated exclusive analysis opinion editorial comment video photo
    photos watch read more related reuters's said says report reports reported
    many most some several police officials government rebels troops forces fighters
    residents witnesses sources analysts observers experts activists militants
    islamist islamists jihadist jihadists muslim muslims christian christians jewish jews
    sunni sunnis shia shiite shiites shi'ite alawite alawites kurd kurds arab arabs
    western eastern northern southern central northwestern northeastern southwestern
    southeastern north-western north-eastern south-western south-eastern english arabic french god allah islam
    christmas easter ramadan eid internet web online tv pm am gmt utc bc ad""".split()
)
"""Capitalised words that are not names by themselves (sentence starts, days, groups...)."""

SINGLE_STOP = frozenset(
    """islamic united national international democratic republican free new great royal
    dozens hundreds thousands millions scores tags tag url ngo ngos kills killed updated
    share tweet email print comments comment subscribe follow like copyright advertisement
    community source sources photo video image images caption file via staff editor
    president minister government army police military regime opposition rebels state
    breaking live latest news home world politics business sport sports weather
    aids hiv suv suvs vip vips gdp dna rna cd cds dvd dvds pc pcs atm atms gps usb ufo mp3
    llc swat faq diy pdf html tba tbd rsvp ipo ipos ok bmx cad ost phd mba""".split()
)
"""Words that can be part of a name but are no name alone ("Islamic", "Staff", "Tags")."""

DEMONYMS = frozenset(
    """afghan american arab arabian british english french german dutch swiss greek irish
    scottish welsh spanish portuguese italian russian ukrainian polish czech slovak hungarian
    romanian bulgarian serbian croatian bosnian albanian turkish kurdish persian iranian
    iraqi syrian lebanese jordanian israeli palestinian egyptian libyan tunisian algerian
    moroccan saudi emirati qatari kuwaiti bahraini omani yemeni sudanese somali ethiopian
    eritrean kenyan nigerian ghanaian malian chadian congolese african asian european
    chinese japanese korean vietnamese thai burmese indian pakistani bangladeshi nepali
    sri lankan indonesian malaysian filipino australian canadian mexican brazilian
    argentine argentinian chilean peruvian colombian venezuelan cuban haitian
    georgian armenian azerbaijani azeri kazakh uzbek turkmen tajik kyrgyz chechen
    dagestani belarusian baltic latvian lithuanian estonian finnish swedish norwegian
    danish icelandic austrian belgian yazidi yazidis druze circassian turkmen assyrian
    sunni shia shiite alawite sufi salafi wahhabi jihadi islamist ottoman soviet takfiri
    western eastern latin nordic scandinavian gulf levantine maghreb mideast""".split()
)
"""Adjectives of nationality/religion: not mentions on their own ("Russian jets")."""

HYPHEN_TAILS = frozenset(
    """based led backed held controlled run owned born style era made funded linked affiliated
    allied aligned speaking bound wide level specific related friendly sponsored supported
    dominated occupied administered inspired leaning oriented centric focused free""".split()
)
"""Lower-case second parts that end a name ("UK-based", "Assad-backed"), unlike "Ki-moon"."""

HYPHEN_PREFIXES = frozenset("pro anti ex non post pre neo pan mid self".split())
"""Prefixes before a name in a hyphenated word ("pro-Assad", "Anti-Houthi")."""

COMBINING_FORMS = frozenset(
    "anglo franco russo sino indo afro euro turko greco italo austro german judeo arab israeli "
    "pan trans".split()
)
"""First parts of compound adjectives ("Russo-Turkish", "Sino-Indian")."""

DEMONYM_SUFFIXES = (
    "ian", "ean", "ese", "ish", "an", "i", "ic", "ite", "ites", "ans", "is", "er", "ers"
)

CAP_TOKEN = (
    r"(?:[A-Z](?:\.[A-Z])+\.?|(?:Mr|Mrs|Ms|Dr|St|Gen|Jr|Sr|Lt|Col|Capt|Sgt|Gov|Sen|Rep|Prof|Maj|Adm"
    r"|Mt|Ft|Co|Corp|Inc|Ltd)\.|[A-Z]\.(?=[ \t]+[A-Z][a-z])|[A-Z][\w]*(?:[-'’](?![sS]\b)[A-Za-z0-9]\w*)*)"
)
"""One capitalised token: "Assad", "al-Assad"'s inner part, "U.S.", "O'Brien", "Hay'at"."""
_ARTICLE = r"(?:(?:a(?:l|d|sh|s|r|n|t|z|bu)|e(?:l|z|s|d)|u(?:d|l|m)|b(?:in|ani|eni)|ibn)[-’'])"
"""al- el- ad- ash- as- ar- an- at- az- abu- ez- es- ed- ud- ul- um- bin- bani- beni- ibn-
(grouped by first letter: the matcher tries a few branches per word, not twenty)."""
_LOWER_CONNECT = (
    r"(?:(?:of|for|and)(?:[ \t]+the)?|de|du|des|la|le|van|von|der|den|da|di|dos|das|del|al|el"
    r"|ez|az|bin|ibn|bint|ben|abu|y)"
)

_ORDINAL = r"(?:\d{1,4}(?:st|nd|rd|th|d)[ \t]+(?=[A-Z]))"

RUN_RE = re.compile(
    rf"\b(?=[\dA-Zabeiu])(?<![’'.])(?<![A-Z0-9]-)(?:{_ORDINAL})?(?:{_ARTICLE})?{CAP_TOKEN}"
    rf"(?:(?:[ \t]+(?:{_LOWER_CONNECT}[ \t]+)*|-)(?:{_ARTICLE})?{CAP_TOKEN})*"
)
"""A run of capitalised tokens joined by spaces, hyphens and lower-case connectors.

It starts at a word character (every first character a run can have) after no word character,
apostrophe or full stop: ``\\b`` before the lookarounds is that test, and the cheapest one for
the scan to fail on in the middle of a word."""
RUN_RE_ASCII = re.compile(RUN_RE.pattern, re.ASCII)
"""RUN_RE for ASCII text (the same matches there: ``\\w`` and ``\\d`` agree on ASCII), faster."""

TOKEN_RE = re.compile(rf"\d{{1,4}}(?:st|nd|rd|th|d)\b|(?:{_ARTICLE})?{CAP_TOKEN}|[a-z]+")
"""Tokens inside a run (capitalised tokens and connectors)."""

ACRONYM_DEF_RE = re.compile(
    r"([A-Z][\w'’\-]*(?:[ \t]+(?:[A-Z][\w'’\-]*|of|for|and|the|de|al|on|in|to))*)"
    r"[ \t]+\((?:the[ \t]+)?([A-Z][A-Za-z]{1,9}|[A-Z](?:\.[A-Z])+\.?)\)"
)
"""``Long Name (LN)``: an acronym defined in the text."""

FORMERLY_RE = re.compile(
    r"(?:formerly|previously|once|originally)[ \t]+(?:known[ \t]+as|called|named)[ \t]+"
    r"(?:the[ \t]+)?((?:(?:al|el)[-’'][A-Z]|[A-Z])[\w'’\-]*"
    r"(?:[ \t]+(?:(?:al|el)[-’'][A-Z]|[A-Z]|of |for |al )[\w'’\-]*)*)"
)
"""``formerly known as X``: the name just before is the same entity as X."""

SENTENCE_END = re.compile(r"(?:[.!?:;]['\"’”)\]]*|[\"“”]|\n)\s*$")
"""Text before a token that ends a sentence (so the token starts one)."""
