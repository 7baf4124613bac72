// Word lists of the LOCATION, NRP and DATE_TIME recognizers and the common capitalised words the name
// recognizer must not take for names (see pii_core.hpp). Lower case; compiled into sets on first use.
#include "plugins/pii/pii_internal.hpp"

#include <array>

namespace inv::detectors::pii {
namespace {

// Comma-separated; multi-word entries are matched word by word.
constexpr std::string_view kLocations =
    // Continents, regions, oceans
    "africa, antarctica, asia, europe, oceania, eurasia, america, the americas, north america, south america, "
    "central america, latin america, middle east, far east, near east, southeast asia, south asia, east asia, "
    "central asia, west africa, east africa, north africa, southern africa, sub-saharan africa, "
    "western europe, eastern europe, central europe, northern europe, southern europe, scandinavia, balkans, "
    "caribbean, mediterranean, siberia, patagonia, sahara, himalayas, alps, andes, arctic, silicon valley, "
    "bay area, midwest, new england, atlantic ocean, pacific ocean, indian ocean, arctic ocean, southern ocean, "
    "north sea, baltic sea, black sea, red sea, caspian sea, dead sea, south china sea, persian gulf, "
    "gulf of mexico, "
    // Countries and common short forms
    "afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia, australia, "
    "austria, azerbaijan, bahamas, the bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, "
    "bhutan, bolivia, bosnia, bosnia and herzegovina, herzegovina, botswana, brazil, brunei, bulgaria, "
    "burkina faso, burundi, cabo verde, cape verde, cambodia, cameroon, canada, central african republic, "
    "chad, chile, china, colombia, comoros, congo, democratic republic of the congo, republic of the congo, "
    "costa rica, côte d'ivoire, cote d'ivoire, ivory coast, croatia, cuba, cyprus, czechia, czech republic, "
    "denmark, djibouti, dominica, dominican republic, east timor, timor-leste, ecuador, egypt, el salvador, "
    "equatorial guinea, eritrea, estonia, eswatini, swaziland, ethiopia, fiji, finland, france, gabon, gambia, "
    "the gambia, georgia, germany, ghana, greece, grenada, guatemala, guinea, guinea-bissau, guyana, haiti, "
    "honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy, jamaica, japan, jordan, "
    "kazakhstan, kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, "
    "liechtenstein, lithuania, luxembourg, madagascar, malawi, malaysia, maldives, mali, malta, "
    "marshall islands, mauritania, mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, "
    "morocco, mozambique, myanmar, burma, namibia, nauru, nepal, netherlands, the netherlands, holland, "
    "new zealand, nicaragua, niger, nigeria, north korea, north macedonia, macedonia, norway, oman, pakistan, "
    "palau, palestine, panama, papua new guinea, paraguay, peru, philippines, the philippines, poland, "
    "portugal, qatar, romania, russia, russian federation, rwanda, saint kitts and nevis, saint lucia, "
    "saint vincent and the grenadines, samoa, san marino, sao tome and principe, são tomé and príncipe, "
    "saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia, slovenia, solomon islands, "
    "somalia, south africa, south korea, korea, south sudan, spain, sri lanka, sudan, suriname, sweden, "
    "switzerland, syria, taiwan, tajikistan, tanzania, thailand, togo, tonga, trinidad and tobago, trinidad, "
    "tunisia, turkey, türkiye, turkmenistan, tuvalu, uganda, ukraine, united arab emirates, united kingdom, "
    "great britain, britain, england, scotland, wales, northern ireland, united states, "
    "united states of america, uruguay, uzbekistan, vanuatu, vatican, vatican city, venezuela, vietnam, "
    "viet nam, yemen, zambia, zimbabwe, greenland, hong kong, macau, macao, puerto rico, guam, bermuda, "
    "cayman islands, faroe islands, isle of man, gibraltar, tibet, crimea, gaza, gaza strip, west bank, "
    "kurdistan, catalonia, bavaria, tuscany, sicily, sardinia, lombardy, provence, normandy, brittany, "
    "andalusia, flanders, wallonia, kashmir, punjab, bengal, gujarat, kerala, maharashtra, tamil nadu, "
    "karnataka, rajasthan, hokkaido, okinawa, guangdong, sichuan, xinjiang, yunnan, bali, sumatra, "
    "borneo, tasmania, queensland, new south wales, western australia, south australia, northern territory, "
    "ontario, quebec, british columbia, alberta, manitoba, saskatchewan, nova scotia, new brunswick, "
    "newfoundland, prince edward island, yukon, nunavut, "
    // US states
    "alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, hawaii, "
    "idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, "
    "minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico, "
    "new york, north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania, rhode island, "
    "south carolina, south dakota, tennessee, texas, utah, vermont, virginia, washington, west virginia, "
    "wisconsin, wyoming, district of columbia, washington dc, carolina, "
    // Cities: North America
    "new york city, los angeles, chicago, houston, phoenix, philadelphia, san antonio, san diego, dallas, "
    "san jose, austin, jacksonville, fort worth, columbus, charlotte, san francisco, indianapolis, seattle, "
    "denver, boston, el paso, nashville, detroit, oklahoma city, portland, las vegas, memphis, louisville, "
    "baltimore, milwaukee, albuquerque, tucson, fresno, sacramento, kansas city, atlanta, omaha, "
    "colorado springs, raleigh, miami, long beach, virginia beach, oakland, minneapolis, tulsa, tampa, "
    "new orleans, wichita, cleveland, bakersfield, aurora, anaheim, honolulu, santa ana, riverside, "
    "corpus christi, lexington, pittsburgh, cincinnati, st louis, saint louis, st paul, saint paul, "
    "greensboro, anchorage, plano, lincoln, orlando, irvine, newark, toledo, durham, chula vista, fort wayne, "
    "jersey city, st petersburg, saint petersburg, laredo, madison, lubbock, scottsdale, reno, glendale, "
    "winston-salem, norfolk, boise, richmond, baton rouge, spokane, des moines, tacoma, san bernardino, "
    "salt lake city, grand rapids, birmingham, rochester, syracuse, albany, hartford, new haven, providence, "
    "charleston, savannah, key west, santa fe, santa monica, pasadena, burbank, ann arbor, boulder, "
    "miami beach, fort lauderdale, palo alto, mountain view, sunnyvale, cupertino, menlo park, redmond, "
    "berkeley, santa clara, brooklyn, manhattan, the bronx, bronx, staten island, hollywood, princeton, "
    "knoxville, little rock, huntsville, cambridge, annapolis, montpelier, juneau, cheyenne, helena, "
    "olympia, tallahassee, harrisburg, trenton, toronto, montreal, montréal, vancouver, calgary, edmonton, "
    "ottawa, winnipeg, quebec city, halifax, victoria, saskatoon, mexico city, guadalajara, monterrey, "
    "tijuana, cancun, cancún, puebla, havana, san juan, santo domingo, panama city, managua, tegucigalpa, "
    "guatemala city, kingston, port-au-prince, nassau, "
    // Cities: South America
    "bogota, bogotá, medellin, medellín, lima, quito, caracas, santiago, buenos aires, montevideo, asuncion, "
    "asunción, la paz, sao paulo, são paulo, rio de janeiro, brasilia, brasília, fortaleza, belo horizonte, "
    "recife, porto alegre, curitiba, manaus, cartagena, cusco, valparaiso, valparaíso, "
    // Cities: Europe
    "london, paris, berlin, madrid, rome, milan, naples, turin, florence, venice, bologna, genoa, palermo, "
    "barcelona, valencia, seville, sevilla, bilbao, malaga, málaga, lisbon, porto, amsterdam, rotterdam, "
    "the hague, utrecht, eindhoven, brussels, antwerp, ghent, bruges, zurich, zürich, geneva, basel, bern, "
    "lausanne, vienna, salzburg, innsbruck, munich, münchen, hamburg, frankfurt, cologne, köln, stuttgart, "
    "düsseldorf, dusseldorf, dortmund, essen, leipzig, dresden, hanover, hannover, nuremberg, bremen, bonn, "
    "heidelberg, copenhagen, aarhus, stockholm, gothenburg, malmö, malmo, oslo, bergen, helsinki, tampere, "
    "reykjavik, reykjavík, dublin, cork, belfast, edinburgh, glasgow, aberdeen, cardiff, manchester, "
    "liverpool, leeds, sheffield, bristol, newcastle, nottingham, leicester, southampton, brighton, oxford, "
    "coventry, plymouth, york, warsaw, krakow, kraków, gdansk, gdańsk, wroclaw, wrocław, poznan, poznań, "
    "lodz, łódź, prague, brno, bratislava, budapest, bucharest, sofia, belgrade, zagreb, ljubljana, "
    "sarajevo, skopje, tirana, podgorica, athens, thessaloniki, istanbul, ankara, izmir, antalya, nicosia, "
    "valletta, moscow, novosibirsk, yekaterinburg, kazan, kyiv, kiev, kharkiv, odesa, odessa, lviv, minsk, "
    "vilnius, riga, tallinn, chisinau, tbilisi, yerevan, baku, marseille, lyon, toulouse, nantes, "
    "strasbourg, bordeaux, lille, montpellier, rennes, cannes, luxembourg city, monte carlo, "
    // Cities: Asia and the Middle East
    "tokyo, osaka, kyoto, yokohama, nagoya, sapporo, kobe, fukuoka, hiroshima, seoul, busan, incheon, "
    "pyongyang, beijing, shanghai, guangzhou, shenzhen, chengdu, chongqing, tianjin, wuhan, hangzhou, "
    "nanjing, xi'an, xian, suzhou, taipei, kaohsiung, ulaanbaatar, kuala lumpur, jakarta, surabaya, "
    "bangkok, phuket, chiang mai, hanoi, ho chi minh city, saigon, phnom penh, vientiane, yangon, manila, "
    "quezon city, cebu, dhaka, chittagong, kathmandu, thimphu, colombo, mumbai, bombay, delhi, new delhi, "
    "bangalore, bengaluru, hyderabad, chennai, madras, kolkata, calcutta, pune, ahmedabad, jaipur, surat, "
    "lucknow, kanpur, nagpur, indore, bhopal, patna, kochi, goa, chandigarh, karachi, lahore, islamabad, "
    "rawalpindi, peshawar, kabul, kandahar, tehran, isfahan, mashhad, shiraz, baghdad, basra, mosul, erbil, "
    "damascus, aleppo, beirut, amman, jerusalem, tel aviv, haifa, ramallah, riyadh, jeddah, mecca, medina, "
    "dubai, abu dhabi, sharjah, doha, manama, kuwait city, muscat, sanaa, aden, tashkent, almaty, astana, "
    "bishkek, dushanbe, ashgabat, "
    // Cities: Africa and Oceania
    "cairo, alexandria, giza, luxor, lagos, abuja, kano, ibadan, accra, kumasi, dakar, abidjan, bamako, "
    "ouagadougou, niamey, conakry, freetown, monrovia, lome, lomé, cotonou, douala, yaounde, yaoundé, "
    "libreville, kinshasa, brazzaville, luanda, nairobi, mombasa, kampala, kigali, bujumbura, dar es salaam, "
    "dodoma, zanzibar, addis ababa, asmara, mogadishu, khartoum, juba, tripoli, tunis, algiers, casablanca, "
    "rabat, marrakech, marrakesh, fez, tangier, johannesburg, cape town, durban, pretoria, port elizabeth, "
    "windhoek, gaborone, harare, bulawayo, lusaka, lilongwe, maputo, antananarivo, port louis, sydney, "
    "melbourne, brisbane, perth, adelaide, canberra, hobart, gold coast, auckland, wellington, christchurch, "
    "queenstown, suva, port moresby, victoria falls, niagara falls";

constexpr std::string_view kLocationAcronyms = "usa uk uae nyc drc prc ussr";

constexpr std::string_view kOrgWords =
    "airlines airline airways air bank express instruments times post herald tribune journal university "
    "college institute motors electric steel oil energy telecom mobile railways rail fc united rangers "
    "giants yankees lakers warriors city county council inc corp ltd llc group holdings company co insurance "
    "financial capital partners ventures labs studios records pictures broadcasting network networks "
    "news daily gazette review magazine press museum zoo gallery hospital clinic school academy league "
    "open cup grand prix series conference summit symposium fund foundation trust party federal "
    "revolution war wars army navy ocean cuisine food restaurant cheese fries toast dressing shepherd "
    "express idol standard chronicle dynamics robotics systems technologies technology software solutions "
    "consulting scientific pharmaceuticals pharma brands foods motors media entertainment";

constexpr std::string_view kOrgPrefixes =
    "bank university college institute museum school academy church council department ministry republic "
    "federal state government embassy consulate office parliament congress governor mayor";

constexpr std::string_view kPlacePrepositions =
    "in at to from near into around across outside inside via toward towards visit visiting visited "
    "moved move moving travel traveling travelling trip fly flew flying flight flights based born live "
    "lives lived living located headquartered downtown north south east west through throughout within "
    "between of";

// Nationalities / demonyms, religions, political groups (singular; plurals are derived).
constexpr std::string_view kNrp =
    "american, canadian, mexican, brazilian, argentine, argentinian, argentinean, chilean, colombian, "
    "peruvian, venezuelan, cuban, haitian, jamaican, puerto rican, dominican, guatemalan, honduran, "
    "salvadoran, nicaraguan, costa rican, panamanian, ecuadorian, bolivian, paraguayan, uruguayan, british, "
    "english, scottish, scots, welsh, irish, french, german, italian, spanish, spaniard, portuguese, dutch, "
    "belgian, swiss, austrian, danish, dane, swedish, swede, norwegian, finnish, finn, icelandic, icelander, "
    "polish, czech, slovak, hungarian, romanian, bulgarian, serbian, serb, croatian, croat, bosnian, "
    "slovenian, albanian, greek, turkish, turk, cypriot, russian, ukrainian, belarusian, lithuanian, latvian, "
    "estonian, georgian, armenian, azerbaijani, kazakh, uzbek, chinese, japanese, korean, south korean, "
    "north korean, vietnamese, thai, filipino, filipina, indonesian, malaysian, singaporean, burmese, "
    "cambodian, laotian, mongolian, tibetan, taiwanese, indian, pakistani, bangladeshi, sri lankan, "
    "nepalese, nepali, afghan, iranian, persian, iraqi, syrian, lebanese, jordanian, israeli, palestinian, "
    "saudi, saudi arabian, emirati, qatari, kuwaiti, yemeni, omani, egyptian, libyan, tunisian, algerian, "
    "moroccan, sudanese, ethiopian, eritrean, somali, kenyan, ugandan, tanzanian, rwandan, nigerian, "
    "ghanaian, senegalese, malian, ivorian, cameroonian, congolese, angolan, zambian, zimbabwean, "
    "mozambican, south african, namibian, australian, new zealander, european, african, asian, latino, "
    "latina, latinx, hispanic, arab, kurdish, kurd, berber, african american, native american, caucasian, "
    "catalan, basque, flemish, bavarian, sicilian, texan, californian, new yorker, parisian, londoner, "
    "scandinavian, latin american, middle eastern, "
    "christian, catholic, roman catholic, protestant, evangelical, baptist, methodist, lutheran, "
    "presbyterian, anglican, episcopalian, pentecostal, mormon, quaker, amish, muslim, moslem, islamic, "
    "sunni, shia, shiite, shi'ite, sufi, jewish, jew, hindu, buddhist, sikh, taoist, shinto, zoroastrian, "
    "bahai, baha'i, atheist, agnostic, pagan, wiccan, rastafarian, christianity, catholicism, islam, "
    "judaism, hinduism, buddhism, sikhism, jainism, taoism, "
    "democrat, republican, gop, labour, tory, tories, socialist, communist, marxist, leninist, maoist, "
    "fascist, nazi, neo-nazi, libertarian, anarchist, bolshevik, zionist, islamist";

constexpr std::string_view kLanguages =
    "english french german spanish italian portuguese dutch chinese japanese korean russian arabic greek "
    "turkish polish swedish danish norwegian finnish czech hungarian romanian persian vietnamese thai "
    "indonesian ukrainian catalan basque flemish icelandic hebrew";

// Capitalised words that are not names (sentence starters, interface and trace vocabulary).
constexpr std::string_view kCommonWords =
    "the a an this that these those there here where when what who whom whose why how which while if then "
    "than so as and or but nor not no yes yeah ok okay sure please thanks thank hi hello hey dear regards "
    "best cheers sincerely welcome sorry great good nice happy well also just only even still already maybe "
    "perhaps actually basically however therefore meanwhile moreover furthermore finally additionally "
    "otherwise instead indeed unfortunately fortunately hopefully again always never sometimes often usually "
    "soon later now today tomorrow yesterday tonight i me my mine we us our ours you your yours he him his "
    "she her hers it its they them their theirs one someone anyone everyone nobody everybody somebody all "
    "both either neither none each every other another such same first second third last next previous new "
    "old big small high low main final full free open close closed start stop end begin done ready pending "
    "active inactive true false null default custom public private internal external global local remote "
    "online offline desktop web cloud pro plus premium basic standard enterprise home work personal "
    "business official senior junior chief head lead staff member members guest guests visitor owner "
    "author editor reviewer approver sender recipient reply forward sent received draft inbox attachment "
    "attached signed confirmed approved rejected cancelled canceled completed complete failed success "
    "warning critical urgent important note notes tip hint example sample demo beta alpha stable latest "
    "legacy error errors info debug trace fatal notice todo fix fixed update updated updates status order "
    "orders ticket tickets issue issues user users admin administrator assistant system tool tools function "
    "functions message messages email emails mail phone address name names date time subject from to cc bcc "
    "re fwd fw team teams support customer customers service services sales manager director engineer "
    "developer developers inc ltd llc corp company group university college school hospital bank street st "
    "avenue ave road rd boulevard blvd drive court place square park city county state country north south "
    "east west central airport station hotel cafe restaurant center centre building room floor suite office "
    "department ministry council committee board project projects meeting meetings call calls report "
    "reports review summary agenda release version build test tests testing file files folder document "
    "documents page pages section chapter table figure list item items task tasks step steps result results "
    "output input query response request requests data database server client api app application "
    "applications account accounts payment payments invoice receipt total amount balance price cost "
    "morning evening night afternoon week month year day days weekend everyone let make take give get set "
    "put send check see look find ask tell meet go come run use add remove delete create show read write "
    "save load try keep help need want like love know think believe remember forget notice said says told "
    "asked wrote replied called met joined left here's there's let's it's i'm i'll i've we're you're "
    "don't can't won't didn't doesn't isn't aren't wasn't can could would should might must shall will may "
    "is are was were be been being do does did have has had having get got go went gone say make made "
    "about above across after against along among around at before behind below beneath beside between "
    "beyond by down during except for in inside into near of off on onto out outside over past since "
    "through throughout till toward under until up upon with within without via per "
    "mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july "
    "august september october november december "
    "python java javascript typescript rust golang docker kubernetes linux windows android ios mac macos "
    "chrome firefox safari edge google amazon apple microsoft meta openai anthropic github gitlab slack zoom "
    "discord notion jira confluence figma stripe paypal visa mastercard uber lyft airbnb netflix spotify "
    "tesla twitter facebook instagram linkedin youtube whatsapp telegram signal reddit wikipedia "
    "gmail outlook excel word powerpoint teams azure aws gcp oracle sap salesforce shopify "
    "hr it qa ceo cto cfo coo vp pm ai ml llm gpt api sdk cli ui ux url uri id pdf csv json xml html css "
    "sql http https ssh tcp udp dns ip vpn ok faq eta asap fyi "
    "mr mrs ms dr prof sir madam "
    "thanks regards hi hey hello dear team all everyone folks guys "
    "street lane road way drive court square close crescent terrace avenue park place gardens "
    "yours truly kind warm warmest best wishes love";

constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march",     "april",
                                                      "may",     "june",     "july",      "august",
                                                      "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};

struct PlaceLists {
  WordSet locations = make_set(kLocations, true);
  WordSet prefixes;
  WordSet acronyms = make_set(kLocationAcronyms);
  WordSet org_words = make_set(kOrgWords);
  WordSet org_prefixes = make_set(kOrgPrefixes);
  WordSet place_prepositions = make_set(kPlacePrepositions);
  WordSet nrp = make_set(kNrp, true);
  WordSet languages = make_set(kLanguages);
  WordSet common = make_set(kCommonWords);
  PlaceLists() {
    for (std::string_view phrase : locations) {
      for (std::size_t k = phrase.find(' '); k != std::string_view::npos; k = phrase.find(' ', k + 1))
        prefixes.insert(phrase.substr(0, k));
    }
  }
};

const PlaceLists& places() {
  static const PlaceLists lists;
  return lists;
}

}  // namespace

bool is_location(std::string_view phrase) { return places().locations.count(phrase) > 0; }
bool is_location_prefix(std::string_view phrase) { return places().prefixes.count(phrase) > 0; }
bool is_location_acronym(std::string_view key) { return places().acronyms.count(key) > 0; }
bool is_org_word(std::string_view key) { return places().org_words.count(key) > 0; }
bool is_org_prefix(std::string_view key) { return places().org_prefixes.count(key) > 0; }
bool is_place_preposition(std::string_view key) { return places().place_prepositions.count(key) > 0; }
bool is_language(std::string_view key) { return places().languages.count(key) > 0; }
bool is_common_word(std::string_view key) { return places().common.count(key) > 0; }

bool is_nrp(std::string_view phrase) {
  const WordSet& set = places().nrp;
  if (set.count(phrase)) return true;
  // Plurals: Americans, Christians, Democrats, Jews, Tories (listed), ...
  if (phrase.size() > 3 && phrase.back() == 's' && set.count(phrase.substr(0, phrase.size() - 1))) {
    const std::string_view singular = phrase.substr(0, phrase.size() - 1);
    // Adjectives without a plural noun form.
    return singular != "british" && singular != "english" && singular != "french" && singular != "irish" &&
           singular != "welsh" && singular != "dutch" && singular != "swiss" && singular != "jewish" &&
           singular != "islamic" && singular != "polish" && singular != "spanish" && singular != "danish";
  }
  return false;
}

int month_number(std::string_view key) {
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (key == kMonths[m]) return static_cast<int>(m) + 1;
    if (key.size() == 3 && kMonths[m].substr(0, 3) == key) return static_cast<int>(m) + 1;
  }
  if (key == "sept") return 9;
  return 0;
}

bool is_month_abbreviation(std::string_view key) {
  return month_number(key) != 0 && key.size() <= 4 && key != "may" && key != "june" && key != "july";
}

int weekday_number(std::string_view key) {
  for (std::size_t d = 0; d < kWeekdays.size(); ++d)
    if (key == kWeekdays[d]) return static_cast<int>(d) + 1;
  return 0;
}

}  // namespace inv::detectors::pii
