"""Word lists the rule-based stages lean on: plain data, general to news text.

Countries carry their aliases, demonyms and capital so that "U.S.", "US",
"United States" and "Washington" (when it acts) are one actor, and "the
Congolese army" is the DR Congo military rather than the country.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

# name | aliases (comma separated) | demonyms | capital
_COUNTRIES = """
Afghanistan||Afghan|Kabul
Albania||Albanian|Tirana
Algeria||Algerian|Algiers
Angola||Angolan|Luanda
Argentina||Argentine,Argentinian|Buenos Aires
Armenia||Armenian|Yerevan
Australia||Australian|Canberra
Austria||Austrian|Vienna
Azerbaijan||Azerbaijani|Baku
Bahrain||Bahraini|Manama
Bangladesh||Bangladeshi|Dhaka
Belarus||Belarusian|Minsk
Belgium||Belgian|Brussels
Benin||Beninese|Porto-Novo
Bolivia||Bolivian|La Paz
Bosnia and Herzegovina|Bosnia|Bosnian|Sarajevo
Botswana||Botswanan|Gaborone
Brazil||Brazilian|Brasilia
Bulgaria||Bulgarian|Sofia
Burkina Faso||Burkinabe|Ouagadougou
Burundi||Burundian|Gitega
Cambodia||Cambodian|Phnom Penh
Cameroon||Cameroonian|Yaounde
Canada||Canadian|Ottawa
Central African Republic|CAR|Central African|Bangui
Chad||Chadian|N'Djamena
Chile||Chilean|Santiago
China|People's Republic of China,PRC|Chinese|Beijing
Colombia||Colombian|Bogota
Democratic Republic of Congo|Democratic Republic of the Congo,DR Congo,DRC,D.R. Congo,Congo-Kinshasa,Congo|Congolese|Kinshasa
Republic of Congo|Congo-Brazzaville,Republic of the Congo||Brazzaville
Costa Rica||Costa Rican|San Jose
Croatia||Croatian|Zagreb
Cuba||Cuban|Havana
Cyprus||Cypriot|Nicosia
Czech Republic|Czechia|Czech|Prague
Denmark||Danish|Copenhagen
Djibouti||Djiboutian|
Dominican Republic||Dominican|Santo Domingo
Ecuador||Ecuadorian|Quito
Egypt||Egyptian|Cairo
El Salvador||Salvadoran|San Salvador
Eritrea||Eritrean|Asmara
Estonia||Estonian|Tallinn
Ethiopia||Ethiopian|Addis Ababa
Finland||Finnish|Helsinki
France||French|Paris
Gabon||Gabonese|Libreville
Georgia||Georgian|Tbilisi
Germany||German|Berlin
Ghana||Ghanaian|Accra
Greece||Greek|Athens
Guatemala||Guatemalan|Guatemala City
Guinea||Guinean|Conakry
Haiti||Haitian|Port-au-Prince
Honduras||Honduran|Tegucigalpa
Hungary||Hungarian|Budapest
Iceland||Icelandic|Reykjavik
India||Indian|New Delhi
Indonesia||Indonesian|Jakarta
Iran||Iranian|Tehran
Iraq||Iraqi|Baghdad
Ireland|Republic of Ireland|Irish|Dublin
Israel||Israeli|Jerusalem
Italy||Italian|Rome
Ivory Coast|Cote d'Ivoire,Côte d'Ivoire|Ivorian|Yamoussoukro
Jamaica||Jamaican|Kingston
Japan||Japanese|Tokyo
Jordan||Jordanian|Amman
Kazakhstan||Kazakh|Astana
Kenya||Kenyan|Nairobi
Kosovo||Kosovar|Pristina
Kuwait||Kuwaiti|Kuwait City
Kyrgyzstan||Kyrgyz|Bishkek
Laos||Lao,Laotian|Vientiane
Latvia||Latvian|Riga
Lebanon||Lebanese|Beirut
Liberia||Liberian|Monrovia
Libya||Libyan|Tripoli
Lithuania||Lithuanian|Vilnius
Luxembourg||Luxembourgish|
Madagascar||Malagasy|Antananarivo
Malawi||Malawian|Lilongwe
Malaysia||Malaysian|Kuala Lumpur
Mali||Malian|Bamako
Malta||Maltese|Valletta
Mauritania||Mauritanian|Nouakchott
Mexico||Mexican|Mexico City
Moldova||Moldovan|Chisinau
Mongolia||Mongolian|Ulaanbaatar
Montenegro||Montenegrin|Podgorica
Morocco||Moroccan|Rabat
Mozambique||Mozambican|Maputo
Myanmar|Burma|Burmese|Naypyitaw
Namibia||Namibian|Windhoek
Nepal||Nepalese,Nepali|Kathmandu
Netherlands|Holland|Dutch|Amsterdam
New Zealand||New Zealander|Wellington
Nicaragua||Nicaraguan|Managua
Niger||Nigerien|Niamey
Nigeria||Nigerian|Abuja
North Korea|DPRK|North Korean|Pyongyang
North Macedonia|Macedonia|Macedonian|Skopje
Norway||Norwegian|Oslo
Oman||Omani|Muscat
Pakistan||Pakistani|Islamabad
Palestine|Palestinian Territories|Palestinian|Ramallah
Panama||Panamanian|Panama City
Paraguay||Paraguayan|Asuncion
Peru||Peruvian|Lima
Philippines|the Philippines|Filipino,Philippine|Manila
Poland||Polish|Warsaw
Portugal||Portuguese|Lisbon
Qatar||Qatari|Doha
Romania||Romanian|Bucharest
Russia|Russian Federation|Russian|Moscow
Rwanda||Rwandan|Kigali
Saudi Arabia|Saudi|Saudi|Riyadh
Senegal||Senegalese|Dakar
Serbia||Serbian|Belgrade
Sierra Leone||Sierra Leonean|Freetown
Singapore||Singaporean|
Slovakia||Slovak|Bratislava
Slovenia||Slovenian|Ljubljana
Somalia||Somali|Mogadishu
South Africa||South African|Pretoria
South Korea|Republic of Korea,Korea|South Korean,Korean|Seoul
South Sudan||South Sudanese|Juba
Spain||Spanish|Madrid
Sri Lanka||Sri Lankan|Colombo
Sudan||Sudanese|Khartoum
Sweden||Swedish|Stockholm
Switzerland||Swiss|Bern
Syria||Syrian|Damascus
Taiwan||Taiwanese|Taipei
Tajikistan||Tajik|Dushanbe
Tanzania||Tanzanian|Dodoma
Thailand||Thai|Bangkok
Togo||Togolese|Lome
Tunisia||Tunisian|Tunis
Turkey|Turkiye,Türkiye|Turkish|Ankara
Turkmenistan||Turkmen|Ashgabat
Uganda||Ugandan|Kampala
Ukraine||Ukrainian|Kyiv
United Arab Emirates|UAE,U.A.E.|Emirati|Abu Dhabi
United Kingdom|UK,U.K.,Britain,Great Britain|British|London
United States|United States of America,US,U.S.,USA,U.S.A.,America|American|Washington
Uruguay||Uruguayan|Montevideo
Uzbekistan||Uzbek|Tashkent
Venezuela||Venezuelan|Caracas
Vietnam|Viet Nam|Vietnamese|Hanoi
Yemen||Yemeni|Sanaa
Zambia||Zambian|Lusaka
Zimbabwe||Zimbabwean|Harare
"""


def _countries() -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    rows = []
    for line in _COUNTRIES.strip().splitlines():
        name, aliases, demonyms, capital = line.split("|")
        rows.append((name, tuple(a for a in aliases.split(",") if a),
                     tuple(d for d in demonyms.split(",") if d), capital))
    return rows


COUNTRIES = _countries()
# Any way of naming a country -> its canonical name.
COUNTRY_NAMES = {n: c for c, aliases, _, _ in COUNTRIES for n in (c, *aliases)}
DEMONYMS = {d: c for c, _, demonyms, _ in COUNTRIES for d in demonyms}
CAPITALS = {cap: c for c, _, _, cap in COUNTRIES if cap}

# Supranational bodies and regions that act like countries in the news.
BLOCS = {
    "European Union": ("EU", "E.U."), "United Nations": ("UN", "U.N."), "NATO": ("Nato",),
    "African Union": ("AU",), "World Bank": (), "International Monetary Fund": ("IMF",),
    "World Health Organization": ("WHO",), "World Trade Organization": ("WTO",),
    "European Commission": (), "OPEC": (), "ASEAN": (), "Red Cross": (),
}
REGIONS = frozenset("""Europe|Asia|Africa|Oceania|Antarctica|Arctic|Middle East|Latin America|
North America|South America|Central America|Caribbean|Balkans|Scandinavia|Sahel|Pacific|Atlantic|
Atlantic Ocean|Pacific Ocean|Indian Ocean|Mediterranean|Persian Gulf|Gulf|Earth|West Africa|East Africa|
Southeast Asia|Central Asia|Great Lakes""".replace("\n", "").split("|"))

US_STATES = frozenset("""Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida
Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania
Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming""".split()) | frozenset(
    ["New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota",
     "Rhode Island", "South Carolina", "South Dakota", "West Virginia"])

# Large cities that are not capitals (capitals come from COUNTRIES).
CITIES = frozenset("""New York|Los Angeles|Chicago|Houston|San Francisco|Seattle|Boston|Miami|Dallas|
Atlanta|Detroit|Denver|San Jose|San Diego|Las Vegas|Toronto|Montreal|Vancouver|Sydney|Melbourne|
Shanghai|Hong Kong|Mumbai|Istanbul|Dubai|Frankfurt|Munich|Hamburg|Milan|Barcelona|Geneva|Zurich|
Toulouse|Marseille|Lyon|Manchester|Birmingham|Glasgow|Edinburgh|Sao Paulo|Rio de Janeiro|Lagos|
Johannesburg|Cape Town|Goma|Bukavu|Karachi|Lahore|Osaka|Shenzhen|Guangzhou|St Petersburg|Saint Petersburg|
Jeddah|Alexandria|Casablanca|Mombasa|Gaza|Kharkiv|Odesa|Aleppo|Mosul|Basra|Kandahar|Cupertino|
Everett|Long Beach|Mobile|Bangalore|Singapore|Chiang Mai|Washington D.C.|Washington, D.C.""".replace("\n", "").split("|"))

# Words before a name that say it is a person; the words become the description.
PERSON_TITLES = frozenset("""president vice-president prime minister premier chancellor king queen prince
princess emperor sultan sheikh emir pope cardinal bishop archbishop rabbi imam reverend father sister
senator sen. congressman congresswoman congressperson representative rep. governor gov. mayor
secretary minister ambassador envoy adviser advisor spokesman spokeswoman spokesperson judge justice
magistrate attorney lawyer prosecutor general gen. colonel col. lieutenant lt. major maj. captain capt.
sergeant sgt. admiral adm. commander commissioner director chairman chairwoman chair ceo cfo coo cto founder
co-founder chief executive officer head leader boss dr. dr doctor professor prof. mr. mr mrs. mrs ms. ms
miss sir dame lord lady analyst economist researcher scientist official officer deputy presiding
chief executive manager editor operating officer c.e.o. ceo cfo coo cto reporter correspondent columnist author actor singer coach player
striker activist candidate opponent rival owner investor""".split())

# Capitalised words that can stand before a name as part of a title ("Chief Executive").
TITLE_WORDS = frozenset(w.rstrip(".") for w in PERSON_TITLES) | frozenset(
    "executive vice deputy acting former interim senior top foreign defence defense finance "
    "interior health trade transport justice energy mines economy state foreign-affairs "
    "commerce agriculture education labor labour home attorney-general special speaker majority minority whip".split())

# Common given names: a capitalised pair starting with one is a person.
GIVEN_NAMES = frozenset("""Aaron Abdul Abdullah Adam Adrian Ahmed Alan Albert Alex Alexander Alexandra
Alexis Ali Alice Alicia Alan Amanda Amy Andrea Andrew Andy Angela Angelina Ann Anna Anne Anthony Antonio
Arnold Arthur Ashley Barack Barbara Ben Benjamin Bernard Bill Billy Bob Bobby Boris Brad Brian Bruce
Carl Carlos Carol Caroline Catherine Charles Charlie Chris Christian Christina Christine Christopher
Claire Claude Colin Craig Daniel Danny David Dean Deborah Denis Dennis Diana Diane Dick Dmitry Dominic
Donald Donna Doug Douglas Duncan Ed Eddie Edward Elizabeth Ellen Emily Emma Emmanuel Eric Erik Eva
Felix Fernando Frances Francis Francisco Frank Fred Frederick Gary Geoffrey George Gerald Gordon Grace
Greg Gregory Hamid Hannah Harold Harry Heather Helen Henry Howard Hugh Hugo Ian Isabel Ivan Jack Jacob
Jacques James Jamie Jan Jane Janet Jason Javier Jean Jeff Jeffrey Jennifer Jeremy Jerome Jerry Jessica
Jim Jimmy Joan Joe Joel John Johnny Jon Jonathan Jorge Jose Joseph Joshua Juan Judith Julia Julian
Julie Justin Karen Karl Kate Katherine Kathleen Keith Kelly Ken Kenneth Kevin Kim Kyle Larry Laura
Lauren Lawrence Lee Leon Leonard Linda Lisa Louis Louise Lucas Luis Luke Margaret Maria Marie Mark
Martin Mary Matt Matthew Maurice Max Melissa Michael Michel Michelle Miguel Mike Mohamed Mohammed
Muhammad Nancy Nathan Neil Nicholas Nick Nicola Nicolas Noel Olivia Oliver Omar Pablo Pamela Patricia
Patrick Paul Pedro Peter Phil Philip Pierre Rachel Ralph Ray Raymond Rebecca Richard Rick Rob Robert
Robin Roger Ron Ronald Rose Ruth Ryan Sally Sam Samuel Sandra Sandy Sarah Scott Sean Sebastian Sergei
Sergey Sharon Simon Sophie Stephen Steve Steven Stuart Susan Tanya Ted Teresa Terry Thomas Tim Timothy
Tina Todd Tom Tony Victor Victoria Vincent Vladimir Walter Wayne William Xi Yuri Zoe Felix Emmanuel
Jean-Pierre Jean-Claude Joseph Moise Denis Yoweri Cyril Abiy Recep Volodymyr Benjamin Narendra Shinzo
Justin Angela Olaf Giorgia Keir Rishi Kamala Hillary Nancy Mitch Chuck Marco Antonio Jens Ursula""".split())



@cache
def given_names() -> frozenset[str]:
    """GIVEN_NAMES and the larger list in data/given_names.json (built by scripts/make_given_names.py
    from the US Census name files): read on first use, once."""
    data = files("briefings").joinpath("data/given_names.json").read_text("utf-8")
    return frozenset(json.loads(data)) | GIVEN_NAMES


# Words in a capitalised name that make it a company / an organisation / a military.
COMPANY_WORDS = frozenset("""Inc Inc. Corp Corp. Corporation Co Co. Company Ltd Ltd. Limited LLC PLC Plc plc
AG SA S.A. NV N.V. SE GmbH Group Holdings Holding Airlines Airways Air Motors Bank Technologies
Technology Systems Resources Mining Minerals Energy Petroleum Oil Gas Pharmaceuticals Labs Media
Airplanes Aerospace Aviation Industries Partners Capital Investments Securities Insurance Telecom
Communications Electronics Networks Software Computer Computers Entertainment Records Studios Brands
Foods Research Consulting Ventures Logistics Shipping Steel Automotive Semiconductor Corps Cargo Freight
Motor Pharma Chemicals Chemical Petroleum Refining Retail Stores Bancorp Financial Manufacturing""".split())
ORG_WORDS = frozenset("""Ministry Department Office Agency Administration Authority Bureau Commission
Committee Council Court Tribunal Parliament Senate Congress Assembly Cabinet Government Union Association
Federation Organization Organisation Institute Institution University College School Foundation Fund
Party Movement Front Alliance League Coalition Service Services Board Society Center Centre Church
Police Guard Agency Reserve Secretariat Network Program Programme Initiative Forum Club Network
Mission Observatory Unit Trust Laboratory Laboratories Exchange Times Post Journal Herald Tribune Gazette
Telegraph Chronicle Hospital Museum""".split())
MILITARY_WORDS = frozenset("Army Navy Military Marines Forces Force Brigade Battalion Regiment Corps".split())
ARMED_GROUP_NOUNS = frozenset("rebels rebel militia militias insurgents fighters guerrillas militants jihadists".split())
MILITARY_NOUNS = frozenset("army military troops forces soldiers navy air-force armed-forces".split())
GOVERNMENT_NOUNS = frozenset("government authorities officials administration regime cabinet".split())
# Lower-case nouns before a name that say it is a company: "aircraft manufacturer Boeing".
COMPANY_CUES = frozenset("""company firm maker manufacturer airline carrier airframer giant group retailer
miner producer operator bank lender insurer startup conglomerate rival competitor supplier
chipmaker automaker carmaker planemaker brewer publisher broadcaster network""".split())
PLACE_PREPOSITIONS = frozenset("in at near from outside inside across to into toward towards".split())

MONTHS = frozenset("""January February March April May June July August September October November
December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split())
WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())

# Capitalised words that are not names: sentence openers, pronouns, time words,
# and the function words of headline-style capitalisation.
COMMON_WORDS = frozenset("""A An The This That These Those There Here It Its It's He She They We You I Me
My Our Your His Her Their Them Us In On At By For From With Without Of To Into Onto Over Under After
Before During Since Until While When Where Why How What Which Who Whom Whose If Then Than But And Or Nor
So Yet Also However Meanwhile Moreover Furthermore Although Though Because As About Above Across Against
Along Among Around Between Beyond Despite Except Inside Near Off Out Outside Per Through Throughout Toward
Towards Upon Via Within Both Each Every All Any Some Many Much More Most Few Several Such No Not None
One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last Next New Old Other Another
Today Tomorrow Yesterday Tonight Now Later Earlier Recently Soon Still Just Only Even Already Again
Mr Mrs Ms Dr Sir Madam Yes Okay OK Please Thanks Thank According Asked Speaking Citing Following
Despite Including Unlike Like Once Instead Overall Currently Previously Initially Finally Ultimately
Some Officials Sources Analysts Experts Critics Officials Residents Witnesses Police Reuters' Breaking
Update Updated Exclusive Analysis Opinion Editorial Watch Video Photos Live Read Share Comment Comments
Advertisement Published Posted Reporting Editing Writing Additional Story Stories News Home Menu
Chief Executive President Minister Senator Governor Judge Justice Secretary Spokesman Spokeswoman
Director Chairman General Prime Vice Deputy Former Acting Presiding Special Senior Top Head Minister
Internet Web Government Court Company Army Police Congress Parliament Senate God Christmas Easter
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Has Have Had Is Are Was Were Be Been Being
Will Would Can Could Should Shall May Might Must Do Does Did Said Says Told Added Say Let Make Made
Their Theirs Whether Unless Whereas Otherwise Nevertheless Nonetheless Therefore Thus Hence Indeed
Perhaps Maybe Certainly Clearly Obviously Apparently Reportedly Allegedly Notably Separately Elsewhere
Amid Amidst Ahead Behind Beside Besides Below Beneath Down Up Together Alone Why Everyone Everything
Nothing Something Someone Anyone Nobody Somebody Anything Neither Either Whatever Whoever Whenever
Wherever Well Oh Hey Good Great Big Small Major Key Top Full Free Real True False Best Worst Better
Worse High Low Long Short Early Late Recent Current Future Past Present Total Final Latest Own Same
Different Certain Various Public Private National International Global Local Regional Federal State
Western Eastern Northern Southern Central North South East West Upper Lower Inner Outer""".split())

# Acronyms and words that name units, currencies, time zones or things, not actors.
NON_ENTITIES = frozenset("""USD US$ EUR GBP JPY CNY CHF AUD CAD INR RMB GB MB KB TB GHz MHz Hz km mph kph
kg lb mm cm UTC GMT EST EDT PST PDT CET CEST BST IST LCD LED TV HDTV PC PCs OS CPU GPU GPS USB MP3 DVD CD
HD AI IT VIP CEO CFO COO CTO CIO FAQ PDF ID SMS PR HR IPO GDP CEOs AM PM FM
European Asian African Arab Western Eastern Latin Nordic Scandinavian Caribbean Hispanic Muslim Christian
Jewish Catholic Protestant Sunni Shia Shiite Kurdish
New Year Christmas Easter Thanksgiving Ramadan Eid Hanukkah Halloween Spring Summer Autumn Winter""".split()) | frozenset(
    ["North American", "South American", "Latin American", "Central American", "Middle Eastern",
     "New Year", "Christmas Day", "New Year's Day", "Black Friday", "Cyber Monday", "Chief Executive Officer",
     "Chief Operating Officer", "Chief Financial Officer", "Chief Technology Officer", "C.E.O."])

# A capitalised name followed by one of these is an event or a programme, not an actor.
EVENT_WORDS = frozenset("""Conference Show Expo Games Olympics Summit Festival Cup Championship Championships
Awards Award Convention Fair Exhibition Week Prize Tour Marathon Open Series Keynote Day Depression Recession
Crisis Crash Revolution Election Elections""".split())
PROGRAM_NOUNS = frozenset("""program programme project scheme contract deal initiative campaign plan
mission operation conference summit show event award awards""".split())
# A capitalised run before one of these names a product; its first word is the maker.
PRODUCT_NOUNS = frozenset("""aircraft airliner airliners jet jets jetliner jetliners plane planes
superjumbo superjumbos processor processors chip chips phone phones smartphone smartphones handset
handsets computer computers laptop laptops tablet tablets device devices player players console consoles
software app apps engine engines car cars truck trucks vehicle vehicles model models line range series
drone drones missile missiles rifle rifles helicopter helicopters tanker tankers satellite satellites
operating display displays camera cameras browser pickup pickups sedan sedans minivan minivans suv suvs
hybrid hybrids coupe hatchback crossover crossovers motorcycle motorcycles""".split())
# Verbs that, straight after a sentence-opening word, show it is a subject (a name).
SUBJECT_VERBS = frozenset("""has have had is was were are will would could said says announced announces
reported reports plans planned added told declined denied confirmed released introduced unveiled
launched agreed signed won lost filed sued expects expected""".split())
COLOURS = frozenset("Black White Red Blue Green Yellow Silver Gold Grey Gray Pink Purple Orange Brown".split())

# Adjectives that open names ("New York Times", "General Motors", "Federal Reserve"): at a sentence
# start they are kept as part of the name unless the rest is a name on its own ("New Apple phones").
NAME_ADJECTIVES = frozenset("""New General Federal National International Royal United Central North South
East West Northern Southern Eastern Western Great Grand First Global Public Free Old Upper Lower Inner
Outer Big American British European Asian African Arab Supreme High Standard Continental Pacific Atlantic
Imperial Democratic Republican Socialist Liberal Conservative Progressive Popular Islamic Catholic""".split())
# First words of place names: "St. Petersburg", "Mount Kenya", "Fort Worth", "Lake Chad".
PLACE_PREFIXES = frozenset("St St. Ste Saint Sainte Mount Mt Mt. Lake Fort Ft Cape Port".split())
# Last words of place names: "Suvarnabhumi Airport", "Wall Street", "Gulf of Aden" is in REGIONS.
PLACE_WORDS = frozenset("""Airport Street Avenue Road Square Bridge Island Islands River Valley Bay Beach
Harbour Harbor County Province District Canal Strait Sea Peninsula Mountains Hills Desert Coast Heights""".split())
# Lower-case nouns that, in "the port of X" or "the town of X", make X a place.
PLACE_NOUNS = frozenset("""port town city village capital province region district state county island
suburb neighbourhood neighborhood harbour harbor municipality""".split())
# Stock market indices: the market, not an actor, whether written whole ("Hang Seng Index") or short.
FINANCIAL_INDICES = frozenset([
    "Dow", "Dow Jones", "Dow Jones Industrial Average", "Dow Jones Industrials", "Nasdaq Composite",
    "S&P", "S&P 500", "Standard & Poor's 500", "Standard and Poor's 500", "FTSE", "FTSE 100", "FTSE 250",
    "Footsie", "Hang Seng", "Hang Seng Index", "Nikkei", "Nikkei 225", "Nikkei Stock Average", "Topix",
    "DAX", "Xetra Dax", "CAC", "CAC 40", "Stoxx", "Stoxx 600", "Euro Stoxx", "Euro Stoxx 50", "Kospi",
    "Sensex", "Nifty", "RTS", "MICEX", "ASX", "ASX 200", "All Ordinaries", "IBEX", "IBEX 35", "Bovespa",
    "TSX", "Shanghai Composite", "Shenzhen Composite", "Straits Times Index", "AEX", "SMI", "FTSE MIB",
    "Merval", "Taiex", "Russell 2000", "Wilshire 5000", "MSCI", "ISEQ", "OMX", "BUX", "WIG", "PSI 20",
])
# Words that end the name of a thing that is not an actor: a plan, a law, a treaty, an index.
NON_ACTOR_HEADS = frozenset("""Plan Act Bill Treaty Accord Accords Agreement Protocol Doctrine Index Average
Composite Prize Award Awards Act Law Amendment Resolution Directive Declaration Convention""".split())
SEASONS = frozenset("Spring Summer Autumn Fall Winter".split())
# Third-person verbs that may follow a name ("Rwanda maintains ...") though they end in -s like a plural noun.
VERBS_S = frozenset("""says wants plans denies claims insists accuses hopes expects faces remains seems needs
urges warns calls rejects agrees seeks signs holds takes gives makes sees gets becomes continues announces
reports launches threatens refuses blames welcomes condemns supports opposes backs leads joins wins loses
owns buys sells pays imports exports produces maintains accepts argues believes considers demands fears knows
offers promises proposes recognises recognizes requires sends tries uses vows controls runs employs operates
does has is was goes comes stands looks keeps puts sets shows tells thinks asks admits confirms disputes
estimates predicts ranks rates cuts raises lowers trades closes opens falls rises drops gains slips jumps
builds ships flies serves hosts lists""".split())
