"""Word lists the recogniser and the role rules read.

Kept as plain data in one place so that a reader can audit what geoinc treats as a
demonym, an organisation head word or a reporting verb. All keys are lower case.
"""

from __future__ import annotations

__all__ = [
    "ADMIN1_ABBREVIATIONS", "POSTAL_CODES", "DISEASE_AFTER", "COUNTRY_ABBREVIATIONS", "DEMONYMS", "ORIGIN_SUFFIXES", "ORG_AFTER", "ORG_BEFORE", "ACTOR_VERBS", "ACTOR_NOUNS",
    "INSTITUTIONS", "REGION_WORDS", "SETTLEMENT_WORDS", "STOP_NAMES", "SUBDIVISION_WORDS",
    "CAPITAL_AFTER_OK", "ORG_HEADS", "STOP_PHRASES", "TITLES", "CONTINENT_DEMONYMS",
]

# Words before a name that make it a person's ("Mr Jones", "Gov. Scott").
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "gov", "governor", "rep",
    "representative", "president", "judge", "justice", "sheriff", "coach", "officer",
    "detective", "chief", "secretary", "minister", "lt", "sgt", "capt", "captain", "col",
    "colonel", "gen", "general", "prof", "professor", "rev", "reverend", "father", "pastor",
    "mayor", "commissioner", "superintendent", "principal", "sir", "lady", "lord", "dame",
    "deputy", "trooper", "attorney", "councilman", "councilwoman", "councillor", "chairman",
    "director", "agent", "pope", "king", "queen", "prince", "princess", "brother", "sister",
    "uncle", "aunt", "son", "daughter", "wife", "husband", "mother",
})
# Continental adjectives -> continent name key in the supplementary gazetteer.
CONTINENT_DEMONYMS: dict[str, str] = {
    "european": "europe", "african": "africa", "asian": "asia",
    "north american": "north america", "south american": "south america",
    "latin american": "south america", "middle eastern": "middle east",
    "mideast": "middle east", "eu": "europe", "european union": "europe",
    "oceanian": "oceania",
}

# Abbreviations of country names that the gazetteer does not index (or indexes under
# a small place: "US" is also a French village).
COUNTRY_ABBREVIATIONS: dict[str, str] = {
    "us": "US", "u s": "US", "usa": "US", "u s a": "US", "uk": "GB", "u k": "GB",
    "uae": "AE", "drc": "CD", "prc": "CN", "dprk": "KP", "rok": "KR", "roc": "TW",
}

# Abbreviations of first-level regions (AP style for US states, common Canadian and
# Australian forms) -> GeoNames admin1 code. Keys are normalised ("W.Va." -> "w va").
ADMIN1_ABBREVIATIONS: dict[str, str] = {
    "ala": "US.AL", "ariz": "US.AZ", "ark": "US.AR", "calif": "US.CA", "cal": "US.CA",
    "colo": "US.CO", "conn": "US.CT", "del": "US.DE", "fla": "US.FL", "ga": "US.GA",
    "ill": "US.IL", "ind": "US.IN", "kan": "US.KS", "kans": "US.KS", "ky": "US.KY",
    "la": "US.LA", "md": "US.MD", "mass": "US.MA", "mich": "US.MI", "minn": "US.MN",
    "miss": "US.MS", "mo": "US.MO", "mont": "US.MT", "neb": "US.NE", "nebr": "US.NE",
    "nev": "US.NV", "n h": "US.NH", "n j": "US.NJ", "n m": "US.NM", "n y": "US.NY",
    "n c": "US.NC", "n d": "US.ND", "okla": "US.OK", "ore": "US.OR", "pa": "US.PA",
    "penn": "US.PA", "r i": "US.RI", "s c": "US.SC", "s d": "US.SD", "tenn": "US.TN",
    "tex": "US.TX", "vt": "US.VT", "va": "US.VA", "wash": "US.WA", "w va": "US.WV",
    "wis": "US.WI", "wisc": "US.WI", "wyo": "US.WY", "d c": "US.DC",
    "b c": "CA.02", "bc": "CA.02", "alta": "CA.01", "sask": "CA.11", "man": "CA.03",
    "ont": "CA.08", "que": "CA.10", "n s": "CA.07", "n b": "CA.04", "nfld": "CA.05",
    "pei": "CA.09", "p e i": "CA.09", "nsw": "AU.02", "qld": "AU.04", "vic": "AU.07",
    "tas": "AU.06", "w a": "AU.08",
}
# Two-letter postal codes count only written in capitals after "Town, " ("Macon, GA").
POSTAL_CODES: dict[str, str] = {
    code.lower(): f"US.{code}" for code in (
        "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE "
        "NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC").split()
}
# Words after a name that make it part of a disease's name ("West Nile virus").
DISEASE_AFTER = frozenset({
    "virus", "viruses", "fever", "flu", "influenza", "disease", "syndrome", "strain",
    "vaccine", "encephalitis", "variant", "ebolavirus", "virus's", "outbreak strain",
})

# Adjective / demonym -> ISO 3166-1 alpha-2 of the country it points to. Plural
# nouns ("Ukrainians") are derived in the recogniser.
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH",
    "bangladeshi": "BD", "belarusian": "BY", "belarussian": "BY", "belgian": "BE",
    "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB", "bulgarian": "BG",
    "burmese": "MM", "cambodian": "KH", "cameroonian": "CM", "canadian": "CA", "chadian": "TD",
    "chilean": "CL", "chinese": "CN", "colombian": "CO", "congolese": "CD", "croatian": "HR",
    "cuban": "CU", "cypriot": "CY", "czech": "CZ", "danish": "DK", "dutch": "NL",
    "ecuadorian": "EC", "egyptian": "EG", "emirati": "AE", "english": "GB", "eritrean": "ER",
    "estonian": "EE", "ethiopian": "ET", "filipino": "PH", "finnish": "FI", "french": "FR",
    "georgian": "GE", "german": "DE", "ghanaian": "GH", "greek": "GR", "guatemalan": "GT",
    "haitian": "HT", "honduran": "HN", "hungarian": "HU", "icelandic": "IS", "indian": "IN",
    "indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL",
    "italian": "IT", "ivorian": "CI", "jamaican": "JM", "japanese": "JP", "jordanian": "JO",
    "kazakh": "KZ", "kazakhstani": "KZ", "kenyan": "KE", "korean": "KR", "kosovar": "XK",
    "kuwaiti": "KW", "kyrgyz": "KG", "lao": "LA", "laotian": "LA", "latvian": "LV",
    "lebanese": "LB", "liberian": "LR", "libyan": "LY", "lithuanian": "LT", "macedonian": "MK",
    "malagasy": "MG", "malawian": "MW", "malaysian": "MY", "malian": "ML", "maltese": "MT",
    "mauritanian": "MR", "mexican": "MX", "moldovan": "MD", "mongolian": "MN",
    "montenegrin": "ME", "moroccan": "MA", "mozambican": "MZ", "namibian": "NA",
    "nepalese": "NP", "nepali": "NP", "nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE",
    "norwegian": "NO", "omani": "OM", "pakistani": "PK", "palestinian": "PS",
    "panamanian": "PA", "paraguayan": "PY", "peruvian": "PE", "polish": "PL",
    "portuguese": "PT", "qatari": "QA", "romanian": "RO", "russian": "RU", "rwandan": "RW",
    "salvadoran": "SV", "saudi": "SA", "scottish": "GB", "senegalese": "SN", "serbian": "RS",
    "singaporean": "SG", "slovak": "SK", "slovenian": "SI", "somali": "SO",
    "south african": "ZA", "south korean": "KR", "north korean": "KP", "south sudanese": "SS",
    "spanish": "ES", "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH",
    "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA",
    "uruguayan": "UY", "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN", "welsh": "GB",
    "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW", "soviet": "RU", "new zealander": "NZ",
    "kiwi": "NZ", "briton": "GB", "brit": "GB", "pole": "PL", "dane": "DK", "finn": "FI",
    "swede": "SE", "turk": "TR", "scot": "GB", "frenchman": "FR", "englishman": "GB",
}

# "<Demonym>-made" and friends: the country is where a thing comes from.
ORIGIN_SUFFIXES = frozenset({
    "made", "built", "supplied", "produced", "manufactured", "designed", "developed", "origin",
    "provided", "donated", "delivered", "owned", "funded", "backed",
})

# A capitalised word right after a place name that makes the name part of an
# organisation or a building's name ("Kyiv Independent", "Kharkiv Palace hotel").
ORG_AFTER = frozenset({
    "independent", "post", "times", "tribune", "herald", "journal", "gazette", "daily",
    "chronicle", "telegraph", "observer", "examiner", "inquirer", "sun", "star", "courier",
    "palace", "hotel", "university", "college", "institute", "academy", "airlines",
    "airways", "fc", "united", "dynamo", "stadium", "arena", "bank", "school", "hospital",
    "church", "cathedral", "museum", "theatre", "theater", "zoo", "mall", "centre",
    "center", "company", "corporation", "corp", "inc", "ltd", "group", "press", "radio",
    "tv", "television", "broadcasting", "news", "review", "magazine", "record", "register",
    "bulletin", "dispatch", "reporter", "sentinel", "ledger", "democrat", "republican",
    "gazeta", "pravda", "metro", "club", "rangers", "city", "senators", "nationals",
    "symphony", "orchestra", "opera", "ballet", "railway", "railroad", "railways",
    "energy", "power", "electric", "oil", "gas", "steel", "motors", "studios",
    "conference", "convention", "accord", "accords", "agreement", "protocol", "process",
    "format", "treaty", "declaration", "summit",
})
# "University of X", "Bank of X": the place names the organisation's seat, not the scene.
ORG_BEFORE = frozenset({
    "university", "bank", "college", "institute", "school", "archbishop", "bishop",
    "diocese", "duke", "duchess", "prince", "princess", "earl", "battle", "siege", "treaty",
    "republic", "kingdom",
})

# Verbs after a place name that make it a metonym for its government or army.
ACTOR_VERBS = frozenset({
    "said", "says", "say", "claimed", "claims", "claim", "accused", "accuses", "accuse",
    "announced", "announces", "denied", "denies", "deny", "insisted", "insists", "vowed",
    "vows", "warned", "warns", "wants", "wanted", "threatened", "threatens", "launched",
    "launches", "fired", "fires", "attacked", "attacks", "targeted", "targets", "targeting",
    "responded", "responds", "retaliated", "retaliates", "struck", "strikes", "blamed",
    "blames", "stated", "states", "reported", "reports", "confirmed", "confirms",
    "believes", "believed", "plans", "planned", "demanded", "demands", "urged", "urges",
    "rejected", "rejects", "condemned", "condemns", "called", "calls", "sent", "sends",
    "shelled", "shells", "bombed", "bombs", "invaded", "invades", "deployed", "deploys",
    "ordered", "orders", "agreed", "agrees", "refused", "refuses", "signed", "signs",
    "imposed", "imposes", "sanctioned", "promised", "promises", "hopes", "hoped",
    "insist", "admitted", "admits", "argued", "argues", "asked", "asks", "told", "tells",
    "added", "adds", "hit", "used", "uses", "using", "launching", "firing", "attacking",
    "shelling", "bombing", "seeks", "sought", "intends", "intended", "vowing", "avenge",
    "hit back", "recognised", "recognized", "recognises", "recognizes", "supports",
    "supported", "backed", "backs", "opposes", "opposed", "withdrew", "expelled",
})
# Possessive metonyms: "Russia's attacks", "Kyiv's forces".
ACTOR_NOUNS = frozenset({
    "attack", "attacks", "strike", "strikes", "bombardment", "shelling", "forces", "army",
    "military", "troops", "government", "president", "leader", "leaders", "ministry",
    "defence", "defense", "foreign", "air", "navy", "offensive", "invasion", "war",
    "aggression", "missiles", "drones", "retaliation", "response", "envoy", "ambassador",
    "officials", "authorities", "regime", "campaign", "soldiers", "units", "claims",
})

# Buildings and addresses that stand for a government: name -> (ISO2, capital's name key).
INSTITUTIONS: dict[str, tuple[str, str]] = {
    "kremlin": ("RU", "moscow"),
    "white house": ("US", "washington"),
    "pentagon": ("US", "washington"),
    "downing street": ("GB", "london"),
    "whitehall": ("GB", "london"),
    "elysee": ("FR", "paris"),
    "elysee palace": ("FR", "paris"),
    "bankova": ("UA", "kyiv"),
    "zhongnanhai": ("CN", "beijing"),
    "quai d orsay": ("FR", "paris"),
    "foggy bottom": ("US", "washington"),
}

# Words that, after a place name, make it a first-level region ("Kharkiv region").
REGION_WORDS = frozenset({
    "region", "regions", "oblast", "oblasts", "province", "provinces", "governorate",
    "governorates", "krai", "kray", "state", "voivodeship", "prefecture", "canton",
})
# Second-level divisions: after a name they mark a county/district, not the town.
SUBDIVISION_WORDS = frozenset({
    "county", "counties", "parish", "parishes", "district", "districts", "raion", "rayon",
    "municipality", "borough", "township",
})
# Words before "of X" that say X is a settlement.
SETTLEMENT_WORDS = frozenset({
    "village", "town", "city", "settlement", "hamlet", "township", "suburb", "port",
    "capital", "outskirts", "villages", "towns", "cities", "settlements", "community",
})

# Capitalised words that are gazetteer names somewhere but are, in English news,
# almost always something else. Single-token keys only; the recogniser also
# consults a frequency list built from the gazetteer (see gazetteer/build_features.py).
STOP_NAMES = frozenset({
    "the", "a", "an", "i", "in", "on", "at", "of", "to", "and", "or", "but", "for", "as",
    "by", "it", "he", "she", "we", "they", "this", "that", "these", "those", "there",
    "his", "her", "its", "our", "their", "my", "your", "mr", "mrs", "ms", "dr", "st",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "police", "president", "minister", "mayor",
    "governor", "army", "navy", "god", "christmas", "easter", "new", "north", "south",
    "east", "west", "central", "western", "eastern", "northern", "southern", "island",
    "islands", "city", "county", "state", "republic", "university", "street", "road",
    "river", "lake", "mount", "bay", "beach", "park", "centre", "center", "district",
    "region", "oblast", "province", "council", "court", "house", "senate", "congress",
    "parliament", "ministry", "department", "office", "agency", "service", "news",
    "reuters", "telegram", "facebook", "twitter", "google", "apple", "amazon", "one",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "said",
    "after", "before", "during", "while", "when", "where", "what", "who", "why", "how",
    "if", "then", "than", "also", "with", "from", "into", "about", "over", "under",
    "here", "all", "some", "many", "more", "most", "other", "such", "no", "not", "only",
    "so", "very", "just", "can", "will", "would", "could", "should", "must", "has",
    "have", "had", "is", "was", "were", "be", "been", "are", "did", "do", "does",
    "media", "union", "unity", "liberty", "freedom", "independence", "hope",
    "friendship", "progress", "peace", "victory", "glory", "justice", "mission", "eden",
    "gov", "sen", "rep", "lt", "gen", "col", "sgt", "capt", "ave", "blvd", "jr", "sr",
    "bush", "obama", "trump", "clinton", "biden", "putin", "northeast", "northwest",
    "southeast", "southwest", "metro", "saint", "un", "nato", "ap", "inc", "ltd", "llc", "corp", "co", "afp", "bbc", "cnn", "osce", "who", "imf", "isw", "ok",
    "paradise", "commerce", "industry", "energy", "opportunity", "enterprise",
})

# Capitalised words of organisations and buildings: next to a place name they make it
# part of an institution's name ("Huntsville Fire Department", "Laurel County High
# School"), not part of a person's name. Corpora count such names as toponyms.
ORG_HEADS = frozenset({
    "fire", "police", "sheriff", "high", "public", "state", "boys", "girls", "chamber",
    "department", "board", "council", "market", "community", "memorial", "regional",
    "general", "medical", "health", "hospital", "library", "park", "utilities", "water",
    "transit", "municipal", "harbor", "harbour", "valley", "lions", "rotary", "baptist",
    "methodist", "catholic", "national", "international", "athletic", "middle",
    "elementary", "junior", "senior", "court", "circuit", "superior", "federal",
    "downtown", "square", "avenue", "road", "highway", "bridge", "dam", "hall", "house",
    "inn", "restaurant", "cafe", "credit", "savings", "insurance", "partners", "county",
    "city", "township", "borough", "town", "village", "housing", "planning", "economic",
    "development", "water", "sewer", "parks", "recreation", "schools", "unified",
    "independent", "christian", "family", "food", "farm", "farmers", "youth", "women",
    "veterans", "legion", "elks", "moose", "kiwanis", "optimist", "garden", "gardens",
    "historical", "society", "association", "foundation", "trust", "fund", "alliance",
    "coalition", "commission", "committee", "authority", "agency", "office", "bureau",
    "services", "service", "center", "centre", "station", "airport", "port", "district",
})

# Multi-word keys that, in English news, name something else.
STOP_PHRASES = frozenset({"red cross", "el nino", "la nina", "new year", "holy see press",
                          "white sox", "red sox", "blue jays"})

# Capitalised words allowed right after a place name without making the pair a
# longer, unknown proper name ("Kharkiv Mayor Ihor Terekhov", "Kyiv Oblast").
CAPITAL_AFTER_OK = frozenset({
    "mayor", "governor", "police", "region", "regional", "oblast", "province", "state",
    "county", "parish", "district", "city", "council", "authorities", "officials",
    "military", "administration", "prosecutor", "prosecutors", "emergency", "emergencies",
    "residents", "metropolitan", "area", "airport", "station", "port", "river", "square",
    "street", "prime", "president", "minister", "foreign", "defence", "defense",
})
