// Offline content-moderation core (see moderation_core.hpp for the documented algorithm and heuristics).
#include "plugins/moderation/moderation_core.hpp"

#include "common/utf8.hpp"
#include "plugins/support/pcre2_matcher.hpp"
#include "plugins/support/text_normalize.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace inv::detectors {
namespace {

// Normalisation: the same as the prompt-injection core's (plugins/support/text_normalize.hpp).
using Normalized = support::NormalizedText;
Normalized normalize(std::string_view input) { return support::normalize_for_matching(input); }

// =========================================================================================================
// Rules.

enum Channel : int {
  kHarassment = 0,
  kHate = 1,
  kSelfHarm = 2,
  kSexual = 3,
  kViolence = 4,
  kSexualMinors = 5,
  kHateThreatening = 6,
  kViolenceGraphic = 7,
  kSelfHarmMention = 8,   // bare self-harm vocabulary (clinically dampened)
  kSexualClinical = 9,    // anatomical vocabulary (clinically dampened)
  kViolenceWords = 10,    // descriptive violent vocabulary (news dampened)
  kMinor = 11,            // presence of a minor term
  kGroup = 12,            // presence of a protected-group term
  kDehumanizing = 13,     // presence of a dehumanising word
  kClinicalContext = 14,  // number of distinct clinical / educational / supportive markers
  kNewsContext = 15,      // number of distinct news / history / fiction markers
  kChannelCount = 16,
};

enum RuleFlags : unsigned {
  kNone = 0,
  kNegatable = 1u << 0,      // a match preceded (within 3 words) by a negation does not count
  kNewsDamp = 1u << 1,       // x0.4 in news / history context
  kNewsDampLight = 1u << 2,  // x0.7 in news / history context
  kClinicalDamp = 1u << 3,   // x0.3 in clinical context
  kClinicalDampLight = 1u << 4,  // x0.5 in clinical context
  kAdditive = 1u << 5,       // every match (up to 3) adds the full weight; otherwise 1 + 0.25 per extra match
  kContext = 1u << 6,        // a context marker: adds 1 to its channel once, evaluated before the others
};

struct Effect {
  int channel = -1;
  double weight = 0;
};

struct RuleSpec {
  const char* name;
  unsigned flags;
  const char* pattern;
  Effect effects[3];
  // Pre-filter: space-separated words; the rule only runs when some token of the normalised chunk starts
  // with one of them ("word=" requires the whole token). Every match of the pattern must contain such a
  // token (checked by a test against unfiltered scoring). Empty: always runs.
  const char* anchors = "";
};

// {{NAME}} placeholders shared by the patterns.
const std::pair<std::string_view, std::string_view> kMacros[] = {
    {"GAP", R"((?:[^.!?]|[.!?](?! |$)))"},
    {"FUCK", R"((?:fuck|f\*+ck|f\*+k|f\*\*\*|fck|fuk|fuq|phuck|fcuk))"},
    {"YOUARE", R"((?:you(?:'re|re| are| r)|u(?:'re| are| r)|ur|youre|you're))"},
    // Insulting nouns that are insults on their own ("you idiot").
    {"INSULTN",
     R"((?:idiots?|morons?|imbeciles?|cretins?|dumbass(?:es)?|dumb ?fucks?|dipshits?|shitheads?|dickheads?|assholes?|arseholes?|bastards?|bitch(?:es)?|sluts?|whores?|cunts?|twats?|pricks?|wankers?|losers?|retards?|scumbags?|scum|piece of (?:shit|crap|garbage|trash)|waste of (?:space|oxygen|air|skin)|creeps?|freaks?|degenerates?|pigs?|fatsos?|fatass(?:es)?|clowns?|jerks?))"},
    // Nouns that insult only as a predicate ("you are a joke").
    {"INSULTP",
     R"((?:shit|crap|garbage|trash|failures?|hacks?|frauds?|parasites?|rats?|snakes?|cowards?|nobody|nothing|joke|disgrace|embarrassment|mistake|abomination|the worst|disappointment))"},
    {"INTENS",
     R"((?:such |so |a |an |just |fucking |fuckin |fkn |freaking |really |complete |total |absolute |utter |little |big |massive |huge |pathetic |stupid |worthless |dumb |fat |ugly |useless |disgusting |incompetent |lazy |brainless |sorry |miserable |filthy |dirty |nothing but |nothing more than |bunch of ))"},
    {"INSULTA",
     R"((?:stupid|dumb|idiotic|moronic|retarded|pathetic|worthless|useless|ugly|disgusting|incompetent|brainless|braindead|brain-dead|repulsive|vile|trash|garbage|a joke|the worst|a waste|pitiful|an embarrassment|a disgrace|the (?:dumbest|stupidest|ugliest|laziest|worst|most (?:pathetic|useless|stupid|incompetent|disgusting|annoying|worthless))))"},
    // Protected groups (plural / collective forms).
    {"GROUP",
     R"((?:(?:jews|jewish people|the jews|muslims|moslems|islamists|christians|catholics|hindus|sikhs|buddhists|atheists|blacks|black people|black folks|whites|white people|asians|asian people|chinese(?: people)?|japanese people|koreans|indians|pakistanis|arabs|africans|mexicans|latinos|latinas|hispanics|immigrants|illegals|illegal aliens|migrants|refugees|asylum seekers|foreigners|gays|gay people|gay men|lesbians|homosexuals|bisexuals|queers|trans people|trans women|trans men|transgenders|transgender people|transsexuals|women|females|men|males|gypsies|roma|disabled people|the disabled|cripples|autistic people|natives|native americans|aboriginals|indigenous people|palestinians|israelis|iranians|syrians|somalis|nigerians|haitians|russians|ukrainians|poles|irish people|germans|americans|mormons|(?:people|those|these|immigrants|migrants|refugees) from (?:africa|asia|mexico|india|china|pakistan|somalia|syria|iraq|afghanistan|haiti|the middle east|latin america|arab countries|eastern europe|muslim countries|the third world))(?!'|-)))"},
    {"GROUPSING",
     R"((?:(?:jew|muslim|moslem|christian|catholic|hindu|sikh|black|white|asian|chinaman|indian|pakistani|arab|african|mexican|latino|latina|hispanic|immigrant|illegal|migrant|refugee|foreigner|gay|lesbian|homosexual|queer|trans|transgender|tranny|gypsy|cripple|native|palestinian|israeli|woman|female)(?!'|-)))"},
    {"DEHUMAN",
     R"((?:animals?|vermin|rats|cockroaches|roaches|parasites|leeches|insects|pests|subhumans?|sub-humans?|savages|apes|monkeys|pigs|dogs|filth|filthy|scum|trash|garbage|a disease|a plague|a cancer|a virus|an infestation|diseased|disgusting|mentally ill|inferior|genetically inferior|evil|degenerates?|degenerate|freaks|abominations?|an abomination|criminals|rapists|terrorists|thieves|invaders|pedophiles|paedophiles|groomers|stupid|dumb|lazy|dirty|primitive|barbaric|barbarians|worthless|not human|not people|less than human|brainwashed|sheep|too stupid))"},
    {"SLUR",
     R"((?:n[i1!]gg(?:er|a|ah|uh|az)s?|sandn[i1]gg\w*|kikes?|spics?|wetbacks?|ragheads?|towelheads?|faggots?|trann(?:y|ies)|gooks?|pakis|beaners?))"},
    {"FUT",
     R"((?:i(?:'m| am)? (?:going to|gonna|gon|about to|finna|want to|wanna|would love to|plan to|intend to|swear i'll|promise i'll)|i'm gonna|i will|i'll|ill|i shall|imma|ima|i'ma|we(?:'re| are)? (?:going to|gonna)|we (?:need to|must|should|have to|gotta)|we will|we'll|let's|lets|let us|someone (?:should|needs to|ought to)|somebody (?:should|needs to)))"},
    {"KILLV",
     R"((?:kill|murder|shoot|stab|strangle|choke|behead|decapitate|butcher|slaughter|execute|hang|lynch|torture|rape|punch|hurt|maim|cripple|gut|bury|drown|poison|run over|blow up|shank|knife|gun down|mow down|set fire to|burn|cut|slap|smack|attack|assault|beat up|beat the shit out of|kick the shit out of|break))"},
    {"PERSONNOUN",
     R"((?:guy|girl|man|woman|boy|kid|dude|bitch|bastard|fucker|asshole|teacher|professor|principal|boss|manager|coworker|colleague|neighbou?r|landlord|cop|officer|judge|president|senator|mayor|witness|guard|doctor|nurse|student|classmate|ex|wife|husband|girlfriend|boyfriend|mother|father|mom|dad|brother|sister|son|daughter|family|kids|children|parents|friend|bully|referee|driver|cashier|clerk|customer|client|employee|lawyer|priest|pastor|imam|rabbi|politician|journalist|reporter|baby)s?)"},
    {"PERSON",
     R"((?:you|u|ya|him|her|them|everyone|everybody|someone|somebody|people|ppl|y'all|yall|all of (?:you|them)|you and your (?:whole )?(?:family|kids|friends)|(?:that|this|the|my|your|his|her|their|ur|our) (?:whole |little |fucking |stupid |damn |new |old )?{{PERSONNOUN}}|every(?:one|body) (?:here|there|in (?:this|that|the) \w+)|the whole (?:school|class|office|family)))"},
    {"APPROACH",
     R"((?:(?:come|go|show up|drive|walk) (?:over |back |right )?(?:(?:to|at|into) (?:your|his|her|their|ur) (?:house|home|place|work|school|office|door) )?(?:and |to )|(?:find|hunt down|track down|catch|get|grab|find out where \w+ lives?)(?: {{PERSON}})?(?: down)? and ))"},
    {"MINOR",
     R"((?:child|children|kid|kids|minor|minors|underage|underaged|under-age|under ?(?:1[0-7]|[1-9])\b|preteens?|pre-teens?|tweens?|teen|teens|teenage|teenagers?|young (?:girls?|boys?|teens?)|little (?:girls?|boys?)|schoolgirls?|schoolboys?|school ?girls?|toddlers?|infants?|loli|lolis|lolicon|shota|shotacon|jailbait|(?:1[0-7]|[1-9]) ?(?:yo|y/o|yrs? old|years? old|-years?-old|year-old)|(?:1[0-7]|[1-9])-year-olds?|(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|ten|nine|eight) ?-?years? ?-?old|middle school(?:ers?)?|elementary school(?:ers?)?|high school(?:ers?)?|grade school(?:ers?)?))"},
};

// clang-format off
const RuleSpec kRules[] = {
    // ---- context markers (evaluated first) ----
    {"ctx_clinical_person", kContext, R"(\b(?:patients?|pt|clients?|clinicians?|physicians?|doctors?|nurses?|psychiatrists?|therapists?|counsel(?:l)?ors?|surgeons?)\b)", {{kClinicalContext, 1}}},
    {"ctx_clinical_terms", kContext, R"(\b(?:diagnos\w*|history of|hx of|denies|denied|assessment|screening|symptoms?|prescribed|dosage|side effects?|medications?|clinical|psychiatric|therapy|counsel(?:l)?ing|treatment|ideation|safety plan|risk factors?)\b)", {{kClinicalContext, 1}}},
    {"ctx_support", kContext, R"(\b(?:prevention|awareness|hotline|helpline|crisis line|lifeline|988|samaritans|support line|talk to (?:someone|your doctor|a professional)|if you or someone you know|you are not alone|reach out)\b)", {{kClinicalContext, 1}}},
    {"ctx_education", kContext, R"(\b(?:anatomy|anatomical|reproductive|lecture|curriculum|education|biology|health class|textbook|medical|cancer|infection|contraception|consent)\b)", {{kClinicalContext, 1}}},
    {"ctx_research", kContext, R"(\b(?:study|research|statistics|survey|rates?|percent|according to|data shows?|researchers?)\b)", {{kClinicalContext, 1}, {kNewsContext, 1}}},
    {"ctx_news_authority", kContext, R"(\b(?:police|officials?|authorities|prosecutors?|investigators?|sheriff|organi[sz]ers|spokes(?:man|woman|person))\b)", {{kNewsContext, 1}}},
    {"ctx_news_reporting", kContext, R"(\b(?:reported|reportedly|reports|told reporters|said on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|said in a statement|press release|journalists?|headlines?|news)\b)", {{kNewsContext, 1}}},
    {"ctx_news_legal", kContext, R"(\b(?:suspects?|charged with|arrested|sentenced|convicted|court|trial|indicted|victims?|witnesses)\b)", {{kNewsContext, 1}}},
    {"ctx_history", kContext, R"(\b(?:historians?|history|historical|world war|the war|the holocaust|regime|genocide in|in (?:1[0-9]|20)[0-9]{2}|century|estimated?|estimates)\b)", {{kNewsContext, 1}}},
    {"ctx_fiction", kContext, R"(\b(?:documentary|film|movie|novel|book|video game|rated r|thriller|series|episode|plot|director)\b)", {{kNewsContext, 1}}},

    // ---- harassment ----
    {"insult_directed_noun", kNegatable, R"(\b(?:{{YOUARE}}|you|u|ya) (?:{{INTENS}}){0,4}{{INSULTN}}\b)", {{kHarassment, 6.0}}, "you u= u're ur= ya= youre"},
    {"insult_directed_predicate", kNegatable, R"(\b{{YOUARE}} (?:{{INTENS}}){0,4}{{INSULTP}}\b)", {{kHarassment, 6.0}}, "you u= u're ur= ya= youre"},
    {"insult_directed_adjective", kNegatable, R"(\b(?:{{YOUARE}}|you look|you sound|you seem|you act|you smell|u look) (?:(?:so|such|really|fucking|just|very|incredibly|extremely|too|a|an) ){0,3}{{INSULTA}}\b)", {{kHarassment, 5.0}}, "you u= u're ur= ya= youre"},
    {"insult_question", kNegatable, R"(\bare (?:you|u) (?:so |really |fucking |just )?(?:stupid|dumb|retarded|an idiot|a moron|brain-?dead)\b)", {{kHarassment, 4.5}}, "are="},
    {"fuck_you", kNegatable, R"(\b(?:go )?(?:{{FUCK}}|screw) (?:you|u|ya|off|yourself|urself|your (?:mother|mom|family))\b)", {{kHarassment, 6.0}}, "fuck f* fck fuk fuq phuck fcuk screw"},
    {"shut_up", kNone, R"(\b(?:shut (?:the (?:fuck|hell) )?up|stfu|gtfo)\b)", {{kHarassment, 2.5}}, "shut stfu gtfo"},
    {"go_die", kNegatable, R"(\b(?:go (?:to hell|die|drown|jump off a (?:bridge|cliff)|play in traffic|rot)|drop dead|die in a (?:fire|hole|ditch)|rot in hell|burn in hell)\b)", {{kHarassment, 4.5}, {kViolence, 1.5}}, "go= drop die rot burn"},
    {"tell_to_kill_self", kNegatable, R"(\b(?:kys|kill your ?self|neck your ?self|hang your ?self|unalive your ?self|off your ?self|you should (?:just )?die|you (?:should|need to|ought to) (?:just )?(?:kill|hang|off) yourself|do (?:us|everyone|the world) a favou?r and (?:die|disappear|kill yourself|leave|vanish))\b)", {{kHarassment, 6.0}, {kSelfHarm, 2.5}}, "kys kill neck hang unalive off you do="},
    {"nobody_likes_you", kNone, R"(\b(?:nobody|no one|no-one|noone) (?:likes|loves|wants|cares about|will ever love|would miss|needs|asked for) (?:you|u|your)\b|\beveryone(?: [a-z]+){0,3} (?:hates|despises|laughs at|is laughing at) (?:you|u)\b)", {{kHarassment, 4.0}}, "nobody no= no-one noone everyone"},
    {"i_hate_you", kNegatable, R"(\bi (?:fucking |really |so |just |truly )?(?:hate|despise|loathe|detest) (?:you|u|ya|your (?:guts|face|stupid face|voice))\b)", {{kHarassment, 4.0}}, "i="},
    {"your_mom", kNone, R"(\b(?:your|ur|yo) (?:mom|mother|mama|momma)(?:'s| is)? (?:a |so )?(?:whore|slut|bitch|fat|ugly|hoe)\b)", {{kHarassment, 4.0}}, "your ur= yo="},
    {"intimidation", kNone, R"(\bor else\b|\byou(?:'ll| will) (?:regret|pay for) (?:it|this|that)\b|\bwatch your back\b|\bi know where you live\b|\byou(?:'re| are) (?:dead|going to die|gonna die|finished)\b)", {{kHarassment, 2.0}, {kViolence, 2.0}}, "or= you watch i="},
    {"insult_words", kNone, R"(\b(?:idiots?|morons?|imbeciles?|dumbass|dipshit|shithead|dickhead|asshole|arsehole|bastard|bitch(?:es)?|slut|whore|cunt|twat|prick|wanker|loser|retard(?:ed)?|scumbag|stupid|worthless|pathetic|incompetent|creep)\b)", {{kHarassment, 1.5}}, "idiot moron imbecile dumbass dipshit shithead dickhead asshole arsehole bastard bitch slut whore cunt twat prick wanker loser retard scumbag stupid worthless pathetic incompetent creep"},
    {"profanity", kNone, R"(\b(?:{{FUCK}}(?:ing|ed|er|s)?|shit(?:ty|s)?|sh\*t|crap(?:py)?|damn|goddamn|bullshit|motherfuck\w*|wtf|pissed off)\b)", {{kHarassment, 0.8}}, "fuck f* fck fuk fuq phuck fcuk shit sh* crap damn goddamn bullshit motherfuck wtf pissed"},

    // ---- hate ----
    {"slur", kNone, R"(\b{{SLUR}}\b)", {{kHate, 6.5}, {kHarassment, 2.0}}, "nig sandn kike spic wetback raghead towelhead faggot tranny trannies gook paki beaner"},
    {"group_dehumanized", kNegatable | kNewsDamp, R"(\b(?:(?:all|most|the|these|those|fucking|filthy|dirty|damn|bloody) ){0,2}{{GROUP}} (?:are|r|is|=|were born) (?:(?:all|just|nothing but|literally|basically|such|so|fucking|a bunch of|like|naturally|inherently|genetically|born|always|simply|truly|the|mostly) ){0,3}(?:[a-z-]+ )?{{DEHUMAN}}\b)", {{kHate, 6.0}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"group_conspiracy", kNewsDamp, R"(\b{{GROUP}} (?:control|run|own|rule|secretly control|are taking over|are replacing|are invading|are destroying|are ruining|are poisoning|are infecting) (?:the |our |this )?(?:banks|media|world|government|country|hollywood|everything|us|jobs|women|children|culture|nation|west)\b)", {{kHate, 4.5}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"hate_group", kNegatable, R"(\b(?:hate|despise|detest|loathe|can't stand|cannot stand|am sick of|are sick of|sick of) (?:(?:all|those|these|the|fucking|filthy|dirty) ){0,2}{{GROUP}}\b)", {{kHate, 5.5}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"group_exclusion", kNegatable | kNewsDamp, R"(\b{{GROUP}} (?:should|must|need to|ought to|deserve to|have to)(?: all)? (?:go back|leave|get out|be (?:deported|banned|kicked out|removed|locked up|sterili[sz]ed|segregated|expelled|thrown out|put in camps)|not be (?:allowed|permitted)|stay out)\b|\b{{GROUP}} (?:shouldn't|should not|don't|do not|must not) (?:exist|deserve (?:rights|to live|respect|to exist|to vote)|belong (?:here|in)|count as (?:people|human))\b)", {{kHate, 5.5}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"group_trope", kNegatable | kNewsDamp, R"(\b{{GROUP}} (?:belong|should stay|should be kept) (?:in the kitchen|in cages|in zoos|in chains|in the fields|in the trash|in the ground|in the gutter|barefoot and pregnant)\b)", {{kHate, 5.0}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"group_pronoun_dehumanized", kNewsDamp, R"(\b{{GROUP}}\b{{GAP}}{0,60}?\bthey(?:'re| are| r) (?:(?:all|just|so|too|nothing but|basically|literally|such) ){0,2}{{DEHUMAN}}\b)", {{kHate, 5.0}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"go_back_country", kNone, R"(\bgo back to (?:your|their|ur) (?:own )?(?:country|countries|shithole|jungle|cave|desert|hut|reservation)\b)", {{kHate, 4.0}, {kHarassment, 2.0}}, "go="},
    {"epithet", kNone, R"(\b(?:filthy|dirty|stinking|disgusting|subhuman|inferior|worthless|fucking|goddamn) (?:{{GROUP}}|{{GROUPSING}}s?)\b)", {{kHate, 4.5}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"group_mention", kNone, R"(\b(?:{{GROUP}}|{{GROUPSING}})\b)", {{kGroup, 1}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"dehumanizing_word", kNone, R"(\b(?:vermin|subhumans?|sub-humans?|parasites?|cockroaches|savages|apes|monkeys|animals|filth|scum|rats|plague|infestation|diseased|inferior race|mongrels|invaders|degenerates?|abominations?|pedophiles|groomers|terrorists|rapists)\b)", {{kDehumanizing, 1}}, "vermin subhuman sub parasite cockroach savage ape monkey animal filth scum rat plague infestation diseased inferior mongrel invader degenerate abomination pedophile groomer terrorist rapist"},

    // ---- hate/threatening ----
    {"kill_group", kNegatable | kNewsDamp, R"(\b(?:kill|exterminate|eradicate|wipe out|gas|shoot|hang|lynch|slaughter|massacre|burn|nuke|eliminate|purge|get rid of|round up|behead|execute|cleanse)(?: off)? (?:(?:(?:all|of|every|last|single|one|the|those|these|any|fucking|filthy|dirty) ){0,4}{{GROUP}}|(?:every|each|any|that|this) (?:single |last |fucking |filthy |dirty )?{{GROUPSING}})\b)", {{kHateThreatening, 7.0}, {kHate, 5.0}, {kViolence, 3.0}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"death_to_group", kNone, R"(\bdeath to (?:all )?(?:the )?{{GROUP}}\b)", {{kHateThreatening, 7.0}, {kHate, 5.0}, {kViolence, 2.0}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"group_should_die", kNegatable | kNewsDamp, R"(\b{{GROUP}} (?:should|must|need to|deserve to|ought to|will|are going to|have to)(?: all)? (?:be )?(?:killed|exterminated|eradicated|gassed|shot|hanged|hung|lynched|burned|burnt|wiped out|slaughtered|executed|die|burn|hang|put down|eliminated|purged)\b|\b{{GROUP}} (?:deserve|deserves) (?:death|to die|a bullet|the gas chamber|the rope)\b)", {{kHateThreatening, 7.0}, {kHate, 5.0}, {kViolence, 3.0}}, "jew muslim moslem islamist christian catholic hindu sikh buddhist atheist black white asian chinese chinaman japanese korean indian pakistani arab african mexican latin hispanic immigrant illegal migrant refugee asylum foreigner gay lesbian homosexual bisexual queer trans tranny women woman female men= male gyps roma= disabled cripple autistic native aboriginal indigenous palestinian israeli iranian syrian somali nigerian haitian russian ukrainian poles= irish german american mormon people those these"},
    {"attack_places_of_worship", kNegatable, R"(\b(?:burn|bomb|blow up|torch|attack|shoot up|firebomb)(?: down)? (?:their|the|every|all|those|these) (?:mosques?|synagogues?|churches|temples|gurdwaras?|refugee shelters?|shelters)\b)", {{kViolence, 4.0}, {kHateThreatening, 2.0}}, "mosque synagogue church temple gurdwara shelter"},

    // ---- self-harm ----
    {"self_harm_intent", kNone, R"(\b(?:i|im|i'm|i am|i've|ive|i have)(?: (?:really|just|seriously|honestly|kinda|kind of|sometimes|still|often|always|literally|actually|now|finally|been|also|almost|am)){0,3} (?:want|wanna|need|going|gonna|plan|planning|thinking about|think about|thought about|thinking of|considering|ready|trying|tried|about|decided|deserve|wish i could|feel like|intend|intending)(?: to)?(?: just| finally| go)? (?:kill (?:myself|my ?self)|end (?:it all|my life|my own life|everything|my suffering|this pain)|die\b(?! (?:of|from|laughing|for|happy|trying|in peace|a little|when|if))|commit suicide|suicide\b|hurt myself|cut myself|harm myself|take my (?:own )?life|overdose\b|od\b|hang myself|jump (?:off|from) (?:a |the |my )?(?:bridge|building|roof|cliff|balcony)|not (?:wake up|be here|exist)|disappear forever|be dead|unalive myself|slit my wrists?))", {{kSelfHarm, 6.5}}, "i= im= i'm i've ive="},
    {"self_harm_ongoing", kNone, R"(\b(?:i|i've|ive|i'm|im|i have|i am|i keep|i started|i still)(?: (?:been|started|keep|kept|still|again|always|sometimes|often|secretly)){0,2} (?:cutting|hurting|harming|burning|starving|punishing) myself\b|\bi (?:cut|burned|hurt|harmed) myself (?:again|last night|today|yesterday|on purpose|deliberately)\b)", {{kSelfHarm, 6.0}}, "i= im= i'm i've ive="},
    {"self_harm_mention", kClinicalDamp, R"(\b(?:kill(?:ing|ed)? myself|suicid(?:e|al)|self[- ]?harm(?:ing)?|cut(?:ting)? myself|hurt(?:ing)? myself|harm(?:ing)? myself|end(?:ing)? my (?:own )?life|take my (?:own )?life|taking my own life|slit(?:ting)? my wrists?|overdos(?:e|ing)|hang(?:ing)? myself|lethal dose)\b)", {{kSelfHarmMention, 2.5}}, "kill suicid self cut hurt harm end take taking slit overdos hang lethal"},
    {"pills_overdose", kNegatable, R"(\b(?:swallow|swallowed|take|took|taken|down|downed|overdose on|overdosed on|chug|chugged)(?: (?:all|every|the whole bottle of|a bottle of|a bunch of|a fistful of|a handful of|half (?:a|the) bottle of|my|the|these|those|of|[2-9]\d|\d{3,}|\d+ of|twenty|thirty|forty|fifty|a hundred)){1,3} (?:pills|tablets|meds|medication|sleeping pills|painkillers|antidepressants|insulin)\b)", {{kSelfHarm, 4.5}}, "pill tablet med insulin painkiller antidepressant"},
    {"hopelessness", kNone, R"(\b(?:no (?:reason|point) (?:to|in) (?:live|living|going on|being alive)|better off dead|(?:everyone|they|my family|the world) (?:would be|'d be|will be) better off without me|can't (?:go on|take it anymore|do this anymore|keep going)|cannot (?:go on|take it anymore)|nobody would (?:even )?(?:notice|care|miss me) if i (?:was|were|died|disappeared)|wish i (?:was|were) (?:dead|never born)|want to disappear|don't want to (?:live|be alive|exist|wake up)|tired of (?:living|being alive)|finally be done with (?:everything|it all|life)|end the pain for good)\b)", {{kSelfHarm, 3.5}}, "no= better can't cannot nobody wish want don't tired finally end"},
    {"method_seeking", kNone, R"(\b(?:how|what(?:'s| is)?|which)\b(?: [a-z']+){0,6} (?:pills?|tablets?|sleeping pills|tylenol|paracetamol|acetaminophen|ibuprofen|insulin|painkillers?|dose|mg|rope|bridge|way|ways|method|methods)\b(?: [a-z']+){0,6}? (?:to die|to overdose|and die|to kill myself|to end my life|to end it all|would kill me|to commit suicide|to be lethal|to be fatal|is lethal|is fatal|a lethal dose|to od)\b)", {{kSelfHarm, 5.0}}, "how what which"},
    {"painless_method", kNone, R"(\b(?:painless|quickest|easiest|best|surest|fastest|least painful)(?: [a-z]+)? (?:way|method)s? (?:to )?(?:die|kill myself|commit suicide|end (?:my|it)|suicide|od|overdose)\b)", {{kSelfHarm, 5.5}}, "painless quickest easiest best surest fastest least"},

    // ---- sexual ----
    {"explicit_terms", kAdditive, R"(\b(?:porn|porno|pornography|pornographic|xxx|hentai|blow ?jobs?|hand ?jobs?|rim ?jobs?|orgasms?|orgasmic|cum(?! ?laude)(?:ming|shot|s)?|jizz|cocks?|pussy|pussies|tits|titties|boobies|dildos?|anal sex|oral sex|gangbang|creampie|deepthroat|bukkake|masturbat\w*|jerk(?:ing|ed)? off|jack(?:ing|ed)? off|sexting|sext|nudes|camgirls?|onlyfans|nsfw)\b)", {{kSexual, 3.5}}, "porn xxx hentai blow hand rim orgasm cum jizz cock puss tits titties boobies dildo anal oral gangbang creampie deepthroat bukkake masturbat jerk jack sext nudes camgirl onlyfans nsfw"},
    {"sexual_terms", kAdditive, R"(\b(?:sexy|horny|erotic|erotica|naked(?! eye)|nude(?! (?:lipstick|colou?r|heels|shade|tone|beige))|nudity|lingerie|seduc\w*|aroused|arousal|kinky|fetish|bdsm|stripper|strip club|steamy|smut|lewd|slutty|hookups?|hook ?up (?:tonight|with (?:me|someone|singles|a))|one night stand|make love|making love|made love|have sex|having sex|had sex|sex with|sex scene|sex tape|sex chat|sexual (?:favou?rs|acts?|positions?|fantas(?:y|ies)|encounter))\b)", {{kSexual, 2.5}}, "sexy horny erotic naked nude nudity lingerie seduc aroused arousal kinky fetish bdsm stripper strip steamy smut lewd slutty hook one= make making made have having had sex"},
    {"anatomical_terms", kClinicalDamp, R"(\b(?:penis|vagina|vaginal|genitals?|genitalia|intercourse|erection|ejaculat\w*|nipples?|breasts?|clitoris|clit|testicles|vulva|sperm|semen|condoms?)\b)", {{kSexualClinical, 1.5}}, "penis vagina genital intercourse erection ejaculat nipple breast clitoris clit testicles vulva sperm semen condom"},
    {"sex_act", kNone, R"(\b{{FUCK}}(?:ed|ing)?(?: (?:her|him|me|you|them|each other))? (?:hard|all night|senseless|so (?:hard|good)|until (?:she|he|i|you|they) (?:came|cum|cums|comes))\b|\b{{FUCK}}(?:ed|ing) (?:her|him|me|them|each other)\b|\bsuck (?:my|your|his|her) (?:cock|dick|tits|pussy|balls)\b|\b(?:lick|eat) (?:my|your|her|his) (?:pussy|ass|cock)\b|\b(?:make|made|making) you (?:cum|come|moan|scream)\b)", {{kSexual, 3.5}}, "fuck f* fck fuk fuq phuck fcuk suck lick eat make made making"},
    {"undressing", kNone, R"(\b(?:took|take|taking|pulled|pull|ripped|rip|tore|tear)(?: off)? (?:her|his|my|your|their) (?:clothes|panties|bra|shirt|pants|underwear|dress|knickers)(?: off)?\b)", {{kSexual, 2.5}}, "took take taking pulled pull ripped rip tore tear"},
    {"request_nudes", kNone, R"(\b(?:send|show|give)(?: me)? (?:your |some |more |ur )?(?:nudes|nude (?:pics?|photos?|selfies?)|naked (?:pics?|photos?|selfies?|body)|tits|boobs|dick ?pics?|pussy|body pics)\b|\bwant to see (?:you|your|ur) (?:naked|nude|naked body|tits|boobs)\b)", {{kSexual, 4.0}}, "send show give want"},
    {"sexual_suggestive", kNone, R"(\b(?:in bed with (?:me|you)|do to (?:my|your) body|to my body in bed|(?:my|your) body (?:on|against) (?:mine|yours)|touch (?:me|you) (?:all over|everywhere)|between (?:my|your|her|his) (?:legs|thighs)|what you(?:'d| would) do to me)\b)", {{kSexual, 2.0}}, "bed body touch between what"},
    {"porn_advertising", kNone, R"(\b(?:free|watch|uncensored|hd|full|hot|hardcore|amateur|live)\b{{GAP}}{0,30}?\b(?:porn\w*|xxx|sex (?:videos|cams?|scenes)|nudes)\b|\b(?:porn\w*|xxx) (?:videos?|scenes?|clips?|movies?|sites?|pics)\b)", {{kSexual, 2.5}}, "porn xxx sex nudes"},
    {"write_sexual", kNone, R"(\b(?:write|describe|tell|generate|create|roleplay)\b{{GAP}}{0,40}?\b(?:sex scene|steamy|erotic|explicit|sexual|smut|nsfw|porn\w*|naughty|dirty story|lemon)\b)", {{kSexual, 2.0}}, "write describe tell generate create roleplay"},

    // ---- sexual/minors ----
    {"minor_term", kNone, R"(\b{{MINOR}}\b)", {{kMinor, 1}}, "child kid minor under pre teen tween young little school toddler infant loli shota jailbait 1 2 3 4 5 6 7 8 9 eleven twelve thirteen fourteen fifteen sixteen seventeen ten nine eight middle elementary high grade"},
    {"minor_sexual_compound", kNone, R"(\b(?:child|kiddie|kiddy|underage|teen|preteen|minor|jailbait|loli)\s?(?:porn\w*|nudes?|sex|erotica|xxx|nude pics?)\b|\bcp\b(?={{GAP}}{0,40}\b(?:links?|trade|trading|dm|pics|videos|collection|folder))|\b(?:lolicon|shotacon)\b)", {{kSexualMinors, 7.0}, {kSexual, 2.0}}, "child kidd underage teen preteen minor jailbait loli cp= shotacon"},
    {"csam_mention", kNone, R"(\bcsam\b|\bchild sexual abuse material\b)", {{kSexualMinors, 3.0}}, "csam child"},

    // ---- violence ----
    {"threat_person", kNegatable, R"(\b{{FUT}} (?:(?:fucking|really|literally|personally|just|actually|seriously|gladly|happily|slowly|finally) )?{{APPROACH}}?{{KILLV}} {{PERSON}}\b)", {{kViolence, 6.0}, {kHarassment, 3.0}}, "kill murder shoot stab strangle choke behead decapitate butcher slaughter execute hang lynch torture rape punch hurt maim cripple gut bury drown poison run blow shank knife gun mow set burn cut slap smack attack assault beat kick break"},
    {"threat_bodily", kNegatable, R"(\b{{FUT}} (?:(?:fucking|really|literally|personally|just|actually|seriously|gladly) )?{{APPROACH}}?(?:break (?:your|his|her|their|ur) (?:legs|neck|arms|face|jaw|bones|skull|teeth)|slit (?:your|his|her|their|ur) throats?|smash (?:your|his|her|their|ur) (?:face|head|skull) in|smash (?:your|his|her|their|ur) (?:face|head|skull)|beat (?:you|him|her|them|u)(?: up| to death| senseless| until| black and blue| half to death| to a pulp| bloody)|put a bullet (?:in|through) (?:you|your|him|his|her|them|their)|burn (?:your|his|her|their|ur) (?:house|home|car|place) down|burn down (?:your|his|her|their|ur) (?:house|home)|blow (?:your|his|her|their|ur) (?:brains|head) out|cut (?:your|his|her|their|ur) (?:throat|head|fingers|tongue) (?:out|off)?)\b)", {{kViolence, 6.0}, {kHarassment, 3.0}}, "break slit smash beat put burn blow cut"},
    {"incitement", kNegatable, R"(\b(?:we|you|they|someone|somebody|people|y'all|everyone) (?:should|must|need to|ought to|have to|gotta|got to) (?:all )?(?:just )?(?:go )?{{KILLV}} (?:{{PERSON}}|(?:all |every |the |those |these )?(?:cops?|police(?:men)?|officers?|protesters?|politicians?|senators?|judges?|teachers?|students|kids|children|soldiers|civilians|jews|immigrants))\b)", {{kViolence, 5.0}}, "kill murder shoot stab strangle choke behead decapitate butcher slaughter execute hang lynch torture rape punch hurt maim cripple gut bury drown poison run blow shank knife gun mow set burn cut slap smack attack assault beat kick break"},
    {"imperative_attack", kNone, R"((?:^|[.!?,;:] |\band )(?:go )?(?:shoot|kill|stab|murder|bomb|attack|lynch|hang|beat up|gun down)(?: down)? (?:any|all|every|those|these|the) (?:[a-z]+ )?(?:cops?|police(?:men)?|officers?|people|protesters?|guards?|kids|children|teachers?|students?|politicians?|soldiers?|civilians?|agents|journalists|reporters|voters|women|men|infidels|traitors)\b)", {{kViolence, 5.0}}, "shoot kill stab murder bomb attack lynch hang beat gun"},
    {"mass_violence_target", kNewsDamp, R"(\b(?:shoot|shooting|bomb|bombing|blow up|attack|burn down|massacre|shoot up)(?: up)? (?:the|a|this|our|my|that|every|his|her|their) (?:school|church|mosque|synagogue|temple|mall|office|building|concert|rally|parade|crowd|campus|stadium|airport|subway|station|hospital|embassy|clinic|club|daycare|kindergarten|classroom|workplace|festival|courthouse|police station)\b)", {{kViolence, 3.0}}, "shoot bomb blow attack burn massacre"},
    {"threat_mass_violence", kNegatable, R"(\b{{FUT}} (?:go )?(?:shoot up|bomb|blow up|attack|burn down|massacre|shoot)(?: up)? (?:the|a|this|our|my|that|every|his|her|their) (?:school|church|mosque|synagogue|temple|mall|office|building|concert|rally|parade|crowd|campus|stadium|airport|subway|station|hospital|embassy|clinic|club|daycare|kindergarten|classroom|workplace|festival|courthouse|police station)\b)", {{kViolence, 6.0}}, "shoot bomb blow attack burn massacre"},
    {"weapon_instructions", kNegatable, R"(\b(?:how (?:do i |can i |to |would i |could i )?|instructions (?:for|to|on)|steps to|guide to|teach me (?:how )?to |tell me how to |show me how to )(?:make|build|assemble|create|cook|construct|get)(?: a| an| my own| some)? (?:(?:homemade|home-made|diy|working|untraceable|simple) )?(?:pipe ?bombs?|bombs?|explosives?|ieds?|molotov(?: cocktails?)?|nail bombs?|grenades?|napalm|thermite|detonators?|car bombs?|ghost guns?|untraceable guns?|nerve agents?|sarin|ricin|poison gas)\b)", {{kViolence, 5.5}}, "pipe bomb explosive ied molotov grenade napalm thermite detonator gun nerve sarin ricin poison"},
    {"destroy_property", kNegatable, R"(\b(?:blow up|bomb|torch|set fire to|burn down|firebomb)(?: down)? (?:my|his|her|their|the|your|our) (?:[a-z]+'s )?(?:car|house|home|office|building|school|shop|store|apartment)\b)", {{kViolence, 3.0}}, "blow bomb torch set burn firebomb"},
    {"violent_words", kNewsDamp, R"(\b(?:kill(?:ed|ing|s)?|murder(?:ed|ing|s|er|ers|ous)?|stab(?:bed|bing|s)?|shot|shoot(?:ing|s)?|massacre[ds]?|slaughter(?:ed)?|assault(?:ed)?|tortur(?:e|ed|ing)|strangl(?:e|ed|ing)|bomb(?:ing|ed|s)?|explosives?|gunfire|gunman|guns?|knife|bloody|violent|violence|rape[ds]?|raping|beat(?:en|ing)|lynch(?:ed|ing)?|behead(?:ed|ing)?|execut(?:ed|ion))\b)", {{kViolenceWords, 1.0}}, "kill murder stab shot shoot massacre slaughter assault tortur strangl bomb explosive gunfire gunman gun knife bloody violen rape raping beat lynch behead execut"},

    // ---- violence/graphic (each phrase adds) ----
    {"gore_mutilation", kAdditive | kNewsDampLight | kClinicalDampLight, R"(\b(?:disembowel\w*|eviscerat\w*|dismember\w*|decapitat\w*|mutilat\w*|skinn?ed (?:him |her |them |it )?alive|flayed|impaled|burn(?:ed|t) (?:him |her |them )?alive|torn limb from limb|(?:ripped|tore|torn|sliced|cut|split) (?:his |her |their |its )?(?:[a-z]+ )?(?:apart|open)|gouged out|chopped (?:up|off|into pieces)|hacked (?:to pieces|apart)|(?:arm|leg|hand|head|limb|finger|foot|ear|face|jaw)s? (?:was |were |got )?(?:torn|ripped|blown|cut|chopped|hacked|sliced) off)\b)", {{kViolenceGraphic, 3.0}, {kViolence, 1.0}}, "disembowel eviscerat dismember decapitat mutilat skin flayed impaled burn torn ripped tore sliced cut split gouged chopped hacked blown"},
    {"gore_anatomy", kAdditive | kNewsDampLight | kClinicalDampLight, R"(\b(?:entrails|intestines|innards|guts (?:(?:was|were) )?(?:spilled|spilling|hanging|ripped|torn|everywhere|out)|(?:spilled|ripped|torn|pulled|hanging) (?:out )?(?:his|her|their) (?:guts|intestines|entrails|insides)|(?:his|her|their) guts (?:spilled|spilling|poured|out)|brains? (?:matter )?(?:(?:was|were) )?(?:splattered|blown out|spilled|leaking|oozing|scattered|everywhere)|brain matter|skull (?:was )?(?:crushed|caved in|smashed in|split open|cracked open)|eyes? (?:(?:was|were) )?(?:gouged|ripped|popped) out|severed (?:head|heads|limbs?|arms?|legs?|hands?|fingers?|body parts)|bones? (?:(?:was|were) )?(?:snapped|sticking out|shattered|protruding|poking through)|flesh (?:(?:was|were) )?(?:ripped|torn|peeling|tearing|hanging|melting|burning)|torn flesh|bloody pulp|charred (?:bodies|corpses?|remains))\b)", {{kViolenceGraphic, 3.0}, {kViolence, 1.0}}, "entrails intestines innards guts insides brain skull eye severed bone flesh bloody charred"},
    {"gore_blood", kAdditive | kNewsDampLight | kClinicalDampLight, R"(\b(?:pool of blood|blood (?:sprayed|gushed|gushing|spurted|spurting|everywhere|splattered|pouring|poured|pooled|dripping from)|(?:sprayed|gushing|spurting|splattering|soaked in|covered in|drenched in) (?:his |her |their )?blood|bled out|bleeding out)\b)", {{kViolenceGraphic, 2.0}}, "pool blood bled bleeding"},
    {"gore_words", kAdditive | kNewsDampLight | kClinicalDampLight, R"(\b(?:gore|gory|gruesome|grisly|mangled|maggots|rotting (?:body|bodies|flesh|corpse)|corpses?|dead bodies|decomposing)\b)", {{kViolenceGraphic, 1.5}}, "gore gory gruesome grisly mangled maggots rotting corpse dead decomposing"},
};
// clang-format on

std::string expand_macros(std::string_view pattern) { return support::expand_macros(pattern, kMacros, "moderation"); }

using support::CodePtr;

struct Anchor {
  std::string word;
  bool exact = false;
};

struct CompiledRule {
  const RuleSpec* spec = nullptr;
  CodePtr code;
  std::vector<Anchor> anchors;  // empty: no pre-filter
};

std::vector<Anchor> parse_anchors(std::string_view list) {
  std::vector<Anchor> out;
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && list[i] == ' ') ++i;
    std::size_t j = i;
    while (j < list.size() && list[j] != ' ') ++j;
    if (j > i) {
      std::string_view word = list.substr(i, j - i);
      const bool exact = word.size() > 1 && word.back() == '=';
      if (exact) word.remove_suffix(1);
      out.push_back({std::string(word), exact});
    }
    i = j;
  }
  return out;
}

CodePtr compile(const std::string& pattern, const char* name) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  CodePtr code(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_UTF | PCRE2_UCP,
                             &error, &offset, nullptr));
  if (!code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    throw std::logic_error(std::string("moderation: rule ") + name + " does not compile at " +
                           std::to_string(offset) + ": " + reinterpret_cast<const char*>(message));
  }
  pcre2_jit_compile(code.get(), PCRE2_JIT_COMPLETE);
  return code;
}

struct RuleSet {
  std::vector<CompiledRule> rules;
  // Anchor word -> rules; keys view the strings of `rules`, which are not modified after construction.
  std::unordered_map<std::string_view, std::vector<std::size_t>> prefix_anchors;
  std::unordered_map<std::string_view, std::vector<std::size_t>> exact_anchors;
  std::size_t longest_prefix = 0;
};

const RuleSet& rule_set() {
  static const RuleSet set = [] {
    RuleSet s;
    for (const RuleSpec& spec : kRules) {
      s.rules.push_back(CompiledRule{&spec, compile(expand_macros(spec.pattern), spec.name), parse_anchors(spec.anchors)});
    }
    for (std::size_t r = 0; r < s.rules.size(); ++r) {
      for (const Anchor& a : s.rules[r].anchors) {
        auto& rules = (a.exact ? s.exact_anchors : s.prefix_anchors)[std::string_view(a.word)];
        if (rules.empty() || rules.back() != r) rules.push_back(r);
        if (!a.exact) s.longest_prefix = std::max(s.longest_prefix, a.word.size());
      }
    }
    return s;
  }();
  return set;
}

using Matcher = support::ClassifierMatcher;
using support::for_each_match;
using support::is_word_char;

bool negated_before(std::string_view s, std::size_t start) {
  static constexpr std::string_view kNegators[] = {
      "not",   "never",  "no",      "don't",    "dont",      "doesn't", "didn't", "won't",  "wont", "wouldn't",
      "can't", "cannot", "cant",    "mustn't",  "shouldn't", "isn't",   "aren't", "nobody", "nor",  "neither",
      "wasn't", "weren't", "haven't", "hasn't"};
  return support::negated_before(s, start, kNegators);
}

constexpr double kBias = -4.5;
constexpr double kNewsFactor = 0.4;
constexpr double kNewsFactorLight = 0.7;
constexpr double kClinicalFactor = 0.3;
constexpr double kClinicalFactorLight = 0.5;
constexpr double kGroupDehumanizing = 2.5;
constexpr double kMinorsSexualGate = 2.0;
constexpr double kMinorsBoost = 4.5;
constexpr double kHateViolenceBoost = 3.0;

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The distinct tokens of a normalised text (runs of a-z, 0-9, ', * and non-ASCII bytes; leading and
// trailing apostrophes and leading asterisks trimmed), sorted.
std::vector<std::string_view> tokens_of(std::string_view s) {
  auto token_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c == '*' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!token_char(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && token_char(s[j])) ++j;
    std::string_view t = s.substr(i, j - i);
    while (!t.empty() && (t.front() == '\'' || t.front() == '*')) t.remove_prefix(1);
    while (!t.empty() && t.back() == '\'') t.remove_suffix(1);
    if (!t.empty()) tokens.push_back(t);
    i = j;
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

// Which rules may match: those without anchors, and those with an anchor word that some token starts with
// (or equals, for exact anchors).
std::vector<char> enabled_rules(const RuleSet& set, std::string_view s) {
  std::vector<char> enabled(set.rules.size(), 0);
  for (std::size_t r = 0; r < set.rules.size(); ++r) enabled[r] = set.rules[r].anchors.empty() ? 1 : 0;
  auto enable = [&](const auto& map, std::string_view key) {
    const auto it = map.find(key);
    if (it == map.end()) return;
    for (const std::size_t r : it->second) enabled[r] = 1;
  };
  for (const std::string_view token : tokens_of(s)) {
    enable(set.exact_anchors, token);
    const std::size_t longest = std::min(token.size(), set.longest_prefix);
    for (std::size_t len = 1; len <= longest; ++len) enable(set.prefix_anchors, token.substr(0, len));
  }
  return enabled;
}

ModerationExplanation score_chunk(std::string_view chunk, bool with_reasons, bool prefilter) {
  ModerationExplanation result;
  const Normalized norm = normalize(chunk);
  const std::string_view s = norm.text;
  const RuleSet& set = rule_set();
  Matcher matcher;
  std::array<double, kChannelCount> ch{};

  // Evidence rules: count the matches that are not negated (at most 3 per rule).
  std::vector<int> counts(set.rules.size(), 0);
  bool any = false;
  if (!s.empty()) {
    const auto enabled = prefilter ? enabled_rules(set, s) : std::vector<char>(set.rules.size(), 1);
    for (std::size_t r = 0; r < set.rules.size(); ++r) {
      const CompiledRule& rule = set.rules[r];
      const RuleSpec& spec = *rule.spec;
      if ((spec.flags & kContext) || !enabled[r]) continue;
      int counted = 0;
      for_each_match(rule.code.get(), s, matcher, [&](std::size_t b, std::size_t) {
        if ((spec.flags & kNegatable) && negated_before(s, b)) return true;
        ++counted;
        return counted < 3;
      });
      counts[r] = counted;
      any = any || counted > 0;
    }
  }
  if (any) {
    // Context markers: each distinct matched marker adds 1 (at most 3 per rule).
    for (const CompiledRule& rule : set.rules) {
      const RuleSpec& spec = *rule.spec;
      if ((spec.flags & kContext) == 0) continue;
      std::vector<std::string_view> seen;
      for_each_match(rule.code.get(), s, matcher, [&](std::size_t b, std::size_t e) {
        const std::string_view marker = s.substr(b, e - b);
        if (std::find(seen.begin(), seen.end(), marker) == seen.end()) seen.push_back(marker);
        return seen.size() < 3;
      });
      for (const Effect& e : spec.effects) {
        if (e.channel >= 0) ch[static_cast<std::size_t>(e.channel)] += e.weight * static_cast<double>(seen.size());
      }
    }
    const bool clinical = ch[kClinicalContext] >= 2;
    const bool news = ch[kNewsContext] >= 2;
    if (with_reasons && clinical) result.reasons.emplace_back("context:clinical");
    if (with_reasons && news) result.reasons.emplace_back("context:news");

    for (std::size_t r = 0; r < set.rules.size(); ++r) {
      const int counted = counts[r];
      if (counted == 0) continue;
      const RuleSpec& spec = *set.rules[r].spec;
      double multiplier = (spec.flags & kAdditive) ? counted : 1.0 + 0.25 * (counted - 1);
      if (news && (spec.flags & kNewsDamp)) multiplier *= kNewsFactor;
      if (news && (spec.flags & kNewsDampLight)) multiplier *= kNewsFactorLight;
      if (clinical && (spec.flags & kClinicalDamp)) multiplier *= kClinicalFactor;
      if (clinical && (spec.flags & kClinicalDampLight)) multiplier *= kClinicalFactorLight;
      for (const Effect& e : spec.effects) {
        if (e.channel >= 0) ch[static_cast<std::size_t>(e.channel)] += e.weight * multiplier;
      }
      if (with_reasons) result.reasons.emplace_back(spec.name);
    }
  }

  std::array<double, kModerationCategoryCount> logit{};
  logit[kHarassment] = kBias + ch[kHarassment];
  logit[kHate] = kBias + ch[kHate] + (ch[kGroup] > 0 && ch[kDehumanizing] > 0 ? kGroupDehumanizing : 0);
  logit[kSelfHarm] = kBias + ch[kSelfHarm] + ch[kSelfHarmMention];
  const double sexual_evidence = ch[kSexual] + ch[kSexualClinical];
  logit[kSexual] = kBias + sexual_evidence;
  logit[kViolence] = kBias + ch[kViolence] + ch[kViolenceWords];
  logit[kSexualMinors] =
      kBias + ch[kSexualMinors] +
      (ch[kMinor] > 0 && sexual_evidence >= kMinorsSexualGate ? sexual_evidence + kMinorsBoost : 0);
  logit[kHateThreatening] =
      kBias + ch[kHateThreatening] + (ch[kHate] >= 4 && ch[kViolence] >= 4 ? kHateViolenceBoost : 0);
  logit[kViolenceGraphic] = kBias + ch[kViolenceGraphic];
  for (std::size_t i = 0; i < kModerationCategoryCount; ++i) result.scores[i] = sigmoid(logit[i]);
  if (with_reasons && ch[kGroup] > 0 && ch[kDehumanizing] > 0) result.reasons.emplace_back("group_with_dehumanizing_word");
  if (with_reasons && ch[kMinor] > 0 && sexual_evidence >= kMinorsSexualGate) {
    result.reasons.emplace_back("minor_with_sexual_content");
  }
  return result;
}

}  // namespace

// =========================================================================================================
// Public API.

std::optional<std::size_t> moderation_category_index(std::string_view name) {
  for (std::size_t i = 0; i < kModerationCategoryCount; ++i) {
    if (name == kModerationCategories[i]) return i;
  }
  return std::nullopt;
}

std::string normalize_for_moderation(std::string_view utf8_text) { return normalize(utf8_text).text; }

ModerationScores moderation_scores(std::string_view chunk) { return score_chunk(chunk, false, true).scores; }

ModerationExplanation explain_moderation(std::string_view chunk) { return score_chunk(chunk, true, true); }

ModerationExplanation explain_moderation_unfiltered(std::string_view chunk) { return score_chunk(chunk, true, false); }

std::vector<ModerationChunk> split_moderation_chunks(std::string_view utf8_text, std::string_view split) {
  std::string storage;
  const std::string_view text = utf8::repaired(utf8_text, storage);
  std::string split_storage;
  const std::string_view sep = utf8::repaired(split, split_storage);

  // Byte ranges of the separator-delimited parts (each after the first starting at its separator).
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  std::size_t begin = 0;
  if (!sep.empty()) {
    std::size_t search = 0;
    while (true) {
      const std::size_t found = text.find(sep, search);
      if (found == std::string_view::npos) break;
      parts.emplace_back(begin, found);
      begin = found;
      search = found + sep.size();
    }
  }
  parts.emplace_back(begin, text.size());

  std::vector<ModerationChunk> chunks;
  std::size_t cp = 0;  // code point offset of the current byte position
  for (const auto& [b, e] : parts) {
    std::size_t piece_begin = b;
    std::size_t piece_cp = cp;
    std::size_t count = 0;
    std::size_t i = b;
    while (i < e) {
      if (count == kModerationChunkMaxCodePoints) {
        chunks.push_back({piece_cp, piece_cp + count, std::string(text.substr(piece_begin, i - piece_begin))});
        piece_begin = i;
        piece_cp += count;
        count = 0;
      }
      i = utf8::next_code_point(text, i);
      ++count;
    }
    chunks.push_back({piece_cp, piece_cp + count, std::string(text.substr(piece_begin, e - piece_begin))});
    cp = piece_cp + count;
  }
  return chunks;
}

std::optional<std::string> flagged_category(const ModerationScores& scores, const ModerationConfig& config) {
  std::array<std::optional<double>, kModerationCategoryCount> specific{};
  for (const auto& [name, threshold] : config.cat_thresholds) {
    if (const auto index = moderation_category_index(name)) specific[*index] = threshold;
  }
  std::optional<std::string> category;
  for (std::size_t i = 0; i < kModerationCategoryCount; ++i) {
    const bool over_default = scores[i] > config.default_threshold;
    const bool over_specific = specific[i].has_value() && scores[i] > *specific[i];
    if (over_default || over_specific) category = kModerationCategories[i];
  }
  return category;
}

namespace {

std::vector<ModeratedChunk> flag_chunks(const std::vector<ModerationChunk>& chunks,
                                        const std::vector<ModerationScores>& scores,
                                        const ModerationConfig& config) {
  std::vector<ModeratedChunk> out;
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    if (auto category = flagged_category(scores[i], config)) {
      out.push_back({chunks[i].start, chunks[i].end, std::move(*category)});
    }
  }
  return out;
}

}  // namespace

std::vector<ModeratedChunk> moderate_text(std::string_view utf8_text, const ModerationConfig& config,
                                          const std::function<ModerationScores(std::string_view)>& scorer) {
  const auto chunks = split_moderation_chunks(utf8_text, config.split);
  std::vector<ModerationScores> scores;
  scores.reserve(chunks.size());
  for (const auto& chunk : chunks) scores.push_back(scorer(chunk.text));
  return flag_chunks(chunks, scores, config);
}

std::vector<ModeratedChunk> moderate_text(std::string_view utf8_text, const ModerationConfig& config) {
  return moderate_text(utf8_text, config, [](std::string_view chunk) { return moderation_scores(chunk); });
}

std::vector<ModeratedChunk> moderate_text_batch(std::string_view utf8_text, const ModerationConfig& config,
                                                const ModerationBatchScorer& scorer) {
  const auto chunks = split_moderation_chunks(utf8_text, config.split);
  std::vector<std::string> texts;
  texts.reserve(chunks.size());
  for (const auto& chunk : chunks) texts.push_back(chunk.text);
  const auto scores = scorer(texts);
  if (scores.size() != chunks.size()) {
    throw std::runtime_error("moderation: the scorer returned " + std::to_string(scores.size()) +
                             " results for " + std::to_string(chunks.size()) + " chunks");
  }
  return flag_chunks(chunks, scores, config);
}

}  // namespace inv::detectors
