// Offline prompt-injection classifier core (see injection_core.hpp for the documented heuristics).
#include "plugins/prompt_injection/injection_core.hpp"

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
#include <utility>

namespace inv::detectors {
namespace {

// Normalisation (documented in the header): shared with the moderation core.
using Normalized = support::NormalizedText;
Normalized normalize(std::string_view input) { return support::normalize_for_matching(input); }

// =========================================================================================================
// Pattern engine.

using support::CodePtr;

enum RuleFlags : unsigned {
  kNone = 0,
  kNegatable = 1u << 0,   // a match preceded (within 3 words) by a negation does not count
  kQuotable = 1u << 1,    // counts 25% when quoted inside a discussion of attacks
  kMention = 1u << 2,     // names an attack rather than performing it: counts 25% in a discussion
  kOriginal = 1u << 3,    // matched against the original (repaired) text, case-sensitive, multi-line
  kDiscussion = 1u << 4,  // a discussion marker (weight unused)
};

struct RuleSpec {
  const char* name;
  double weight;
  unsigned flags;
  const char* pattern;
};

// {{NAME}} placeholders shared by the patterns.
const std::pair<std::string_view, std::string_view> kMacros[] = {
    {"IGN",
     R"((?:ignore|ignoring|disregard|disregarding|forget|forgetting|skip|bypass|override|overrule|drop|discard|abandon|neglect|nevermind|never mind|set aside|throw out|dismiss|do not follow|don't follow|dont follow|stop following|no longer follow|do not obey|don't obey|stop obeying))"},
    {"PREV",
     R"((?:previous|previously given|prior|preceding|above|earlier|former|foregoing|original|initial|old|existing|given|provided|system|developer|built-in|hidden|safety|preset|pre-set|first|starting))"},
    {"INSTR",
     R"((?:instructions?|rules?|prompts?|directions?|guidelines?|guidance|directives?|commands?|constraints?|context|programming|restrictions?|polic(?:y|ies)|orders?|training|system prompt|guardrails))"},
    {"SEND",
     R"((?:send|sends|sending|posts|push|publish|commit|forward|forwarding|email|e-mail|mail|post|upload|uploading|transmit|transfer|leak|exfiltrate|copy|share|submit|paste|deliver|export|dump|sende|schicke|schick|leite|envoie|envoyez|envoyer|transmets|transmettez|envia|enviar|manda|mandar|reenvia|invia|inviare))"},
    {"SECRET",
     R"((?:passwords?|passwort|mot de passe|contrasena|credentials?|api[ _-]?keys?|secret keys?|secrets|tokens?|private keys?|ssh keys?|\.env\b|env(?:ironment)? (?:variables|vars|file)|variables d'environnement|session cookies?|cookies|credit card(?: numbers?| details)?|card numbers?|ssn|social security numbers?|id_rsa|~/\.ssh\S*|~/\.aws\S*|\.aws/credentials|aws credentials|keychain|seed phrase|recovery phrase|2fa codes?|one-time (?:codes?|passwords?)|otp codes?|login details|password reset links?|reset links?|hidden key|confidential (?:information|data|files|documents|notes)|~/\.netrc|\.netrc|\.npmrc|\.pypirc|\.git-credentials|/etc/shadow|kubeconfig|\.kube/config))"},
    {"QUANT",
     R"((?:me|us|all|the|your|any|every|their|his|her|our|this|these|of|full|entire|complete|current|stored|saved|contents?|content|user's|users'|admin|das|die|den|dein|deine|alle|le|la|les|ton|votre|vos|tes|tout|toutes|el|los|las|tu|tus|todo|todas|il|lo|tutte))"},
    {"DATA",
     R"((?:conversations?|chats?|chat history|conversation history|transcripts?|messages|emails|inbox|contacts|files|documents|dokumente|data|daten|database|records|user records|history|memory|context|notes|historial|documentos|fichiers|donnees))"},
    {"GAP", R"((?:[^.!?]|[.!?](?! |$)))"},
    {"AIWORD",
     R"((?:ai|a\.i\.|llms?|language models?|large language models?|chatbots?|ai assistants?|ai agents?|ai models?|ai systems?|agents|assistants|the assistant|the agent|the model|the summari[sz]er|summari[sz]ers?|copilot|chatgpt|claude|gemini|gpt|bots|crawlers?|scrapers?))"},
};

// clang-format off
const RuleSpec kRules[] = {
    // ---- instruction override (English) ----
    {"override_previous_instructions", 6.5, kNegatable | kQuotable,
     R"(\b{{IGN}} (?:(?:all|any|every|each|of|the|your|these|those|its|all of|any of) ){0,3}{{PREV}} (?:(?:and|or|&) {{PREV}} )?(?:[a-z-]+ )?{{INSTR}}\b)"},
    {"override_your_rules", 6.5, kNegatable | kQuotable,
     R"(\b{{IGN}} (?:all |any )?(?:of )?your (?:own )?(?:[a-z-]+ )?{{INSTR}}\b)"},
    {"override_given_instructions", 6.0, kNegatable | kQuotable,
     R"(\b{{IGN}} (?:all |any |every |each |the |these )?(?:[a-z-]+ )?{{INSTR}} (?:(?:that |which )?you(?:'ve| have| had)? (?:were |have been |had been |'ve been |got |received |been )?(?:given|told|provided|received|taught|programmed with)|(?:given|provided|received|stated|listed|mentioned|set) (?:to you )?(?:earlier|before|previously|above|so far|until now|initially|at the start|in the system prompt))\b|\b{{IGN}} (?:all |any |every |the )?(?:[a-z-]+ )?{{INSTR}} (?:from|in|of) (?:your|the) (?:{{PREV}} )?(?:prompt|system prompt|instructions|programming|training|configuration|developers?|creators?)\b)"},
    {"override_own_instructions", 3.0, kNegatable | kQuotable,
     R"(\b{{IGN}} (?:all )?(?:of )?(?:my|our) (?:{{PREV}} )?(?:instructions?|rules|directions|prompts?)\b)"},
    {"override_the_instructions", 3.5, kNegatable | kQuotable,
     R"(\b{{IGN}} (?:all |any )?(?:of )?the (?:[a-z-]+ )?(?:instructions|rules|guidelines|directives|guardrails|system prompt|prompt|polic(?:y|ies))\b)"},
    {"forget_everything", 6.0, kNegatable | kQuotable,
     R"(\b(?:ignore|disregard|forget|erase|delete|clear) (?:about )?(?:all|everything|anything|whatever)(?: (?:of )?(?:the |that )?(?:above|before|previous(?:ly)?|prior|earlier|so far|up to (?:now|this point)|until now)\b| (?:that |what )?you(?:'ve| have| were| had)? (?:been |were |was |have been )?(?:told|said|instructed|taught|given|learned|know)\b| (?:in|from) (?:your|the) (?:system prompt|instructions|context|memory|training)\b))"},
    {"ignore_above", 4.0, kNegatable | kQuotable,
     R"(\b(?:ignore|disregard|forget) (?:all )?(?:of )?(?:the |everything )?(?:above|preceding|foregoing|prior text|previous text|text above|previous content|earlier content)\b)"},
    {"override_then_redirect", 2.0, kNegatable | kQuotable,
     R"(\b(?:ignore|disregard|forget)\b{{GAP}}{0,60}?(?: and|,| then|;) (?:instead |now |just |only |simply )?(?:say|print|output|tell|write|reply|respond|reveal|repeat|return|translate|answer|send|give)\b)"},
    {"override_scope_condition", -9.0, kNone,
     R"(\b(?:ignore|disregard|skip) (?:the |these |those )?(?:previous|above|prior|earlier|old|following|preceding) (?:instructions|steps|section|directions)(?: below| above)?,? (?:if|when|unless|for|on) (?:you(?:'re| are)? (?:already |are |have |use |using |running |on |installed |own )|your |version|v?\d|windows|mac|macos|linux|ios|android|older|newer|earlier|later|the (?:old|new|previous|legacy|cloud|desktop|mobile)|this (?:version|release|model|device)))"},
    {"override_prior", 6.0, kNegatable | kQuotable,
     R"(\b(?:override|overrides|supersede|supersedes|replace|replaces|cancel|cancels|invalidate|invalidates|void|voids|nullify|nullifies|overrule|overrules|takes? precedence over) (?:all |any )?(?:of )?(?:your |the |my )?(?:previous|prior|earlier|original|existing|system|above|other|initial|old|current) (?:instructions|rules|prompts?|directives|guidelines|commands|programming|system prompt)\b)"},
    {"overrides_precedence", 6.0, kQuotable,
     R"(\b(?:these|the following|this|my|our|following) (?:instructions?|rules?|message|directives?|text|note|prompt|orders)(?: (?:will|do|does|shall))? (?:override|overrides|supersede|supersedes|take precedence|takes precedence|replace all|replaces all|cancel all|cancels all|overrule|overrules|trump|trumps)\b|\bthe following (?:overrides|supersedes|replaces|takes precedence over) (?:your|all|any|the)\b)"},
    {"previous_instructions_void", 5.5, kQuotable,
     R"(\b(?:instructions|rules|prompt|directives|guidelines|constraints|restrictions)(?: above| (?:that )?you (?:were |have been |had been )?(?:given|got|received|told)(?: (?:by|from) (?:the |your )?(?:developer|developers|system|operator|creator|admin|administrator|user)s?)?| (?:from|by) (?:the |your )?(?:developer|developers|system|operator|creator|admin|administrator)s?)? (?:was|were|are|is|have been|has been) (?:just |only |merely |now |all )?(?:a |an )?(?:test|tests|fake|false|outdated|obsolete|cancell?ed|void|invalid|revoked|deprecated|lifted|suspended|disabled|no longer (?:valid|relevant|applicable|in effect|active)|not (?:valid|real|binding))\b|\b(?:instructions|rules|guidelines|restrictions|constraints) (?:no longer apply|don't apply anymore|do not apply anymore)\b)"},
    {"inject_link", 2.0, kQuotable,
     R"(\b(?:include|add|insert|mention|append|share|recommend) (?:the |this |our |a )?(?:referral |affiliate |following |promo |promotional )?(?:link|url|website)\b)"},
    {"ignore_x_above", 3.5, kNegatable | kQuotable,
     R"(\b{{IGN}} (?:all )?(?:of )?(?:the|these|those) (?!above\b|before this\b)(?:[a-z-]+ ){1,2}(?:above|before this)\b)"},
    {"context_leak", 3.0, kQuotable,
     R"(\b(?:print|show|output|reveal|repeat|dump|list|display|tell me|give me)\b{{GAP}}{0,40}\b(?:from|in) your (?:context|memory|context window|system prompt|instructions|training data|prompt)\b)"},
    {"override_colon", 2.5, kQuotable,
     R"((?:^|[.!?>\]] )(?:override|system override|admin override|priority override) ?:)"},
    {"stop_task", 3.5, kQuotable,
     R"(\b(?:stop|cease|quit|abort|halt) (?:summari[sz]ing|translating|what you(?:'re| are) doing|your (?:current )?task|answering)\b|\b(?:do not|don't|dont) (?:summari[sz]e|translate|answer the (?:user|question))\b|\binstead of (?:summari[sz]ing|translating|answering)\b|\bdisregard the user's (?:request|question|task|instructions)\b)"},
    {"ignore_the_task", 5.0, kQuotable,
     R"(\b(?:ignore|disregard|forget) (?:the|your) (?:(?:translation|summari[sz]ation|original|current|user's|assigned) )?(?:task|request|assignment)\b)"},

    // ---- persona / jailbreak ----
    {"you_are_now_persona", 4.5, kQuotable,
     R"(\b(?:you(?: are|'re)|the (?:assistant|ai|model|agent|chatbot|bot) is) now (?:(?:a|an|the|my) (?:[a-z-]+ ){0,2}(?:ai|assistant|bot|chatbot|model|language model|llm|character|persona|hacker)\b|(?:dan|stan|dude|evilbot|free|unrestricted|unfiltered|uncensored|jailbroken|evil|unbound|liberated|no longer|operating|in (?:developer|god|admin|administrator|debug|dan|unrestricted|jailbreak|maintenance|sudo|root|test|superuser|override) mode|able to|allowed to|free to|going to (?:ignore|answer|respond|act|pretend))\b))"},
    {"persona_name", 3.0, kQuotable,
     R"(\byou(?: are|'re) (?:now )?(?!chatgpt\b)[a-z]{2,20}(?:gpt|bot)\b)"},
    {"persona_without_limits", 4.0, kQuotable,
     R"(\b(?:an?|the) (?:ai|assistant|model|chatbot|bot|llm|version of (?:yourself|you))(?: that has| with| who has) (?:no|zero) (?:[a-z]+ )?(?:restrictions|rules|limits|limitations|filters|guidelines|ethics|morals|boundaries|censorship|polic(?:y|ies))\b|\b(?:an?|the) (?:ai|assistant|model|chatbot|bot|llm) without (?:any )?(?:[a-z]+ )?(?:restrictions|rules|limits|limitations|filters|guidelines|ethics|morals|boundaries|censorship|polic(?:y|ies))\b)"},
    {"safety_disabled", 3.0, kQuotable,
     R"(\b(?:safety|filters?|restrictions|guardrails|content filter(?:ing)?|moderation|censorship|safeguards)(?: (?:checks|features|mode))? (?:disabled|off|removed|deactivated|turned off|lifted|bypassed)\b)"},
    {"no_longer_bound", 5.5, kQuotable,
     R"(\byou(?: are|'re) no longer (?:bound|restricted|limited|constrained|required|obligated|subject|an? (?:ai|assistant|language model|chatbot)|chatgpt|claude|gemini|llama|copilot|a helpful)\b)"},
    {"from_now_on_you", 3.0, kQuotable,
     R"(\bfrom now on,? (?:you (?:are|will|must|shall|should|can|'ll|'re|need to|have to|may)|act|respond|answer|reply|always|never|ignore|pretend|your (?:name|role|task|job|goal|instructions|only))\b)"},
    {"act_as_unrestricted", 5.0, kQuotable,
     R"(\b(?:act|behave|respond|answer|roleplay|role-play|pose) (?:as|like) (?:an? |the )?(?:[a-z-]+ ){0,4}(?:unrestricted|unfiltered|uncensored|jailbroken|evil|amoral|unethical|rogue|malicious|immoral)\b)"},
    {"pretend_no_restrictions", 5.0, kQuotable,
     R"(\b(?:pretend|imagine|assume|act as if|suppose)(?: that)? (?:to be |you(?:'re| are| have| had) )(?:[a-z'-]+ ){0,5}(?:no|without|free of|free from|zero) (?:any )?(?:restrictions|rules|limits|limitations|filters|guidelines|ethics|morals|boundaries|censorship|content polic(?:y|ies))\b)"},
    {"no_restrictions", 2.5, kQuotable,
     R"(\b(?:no|without|free of|free from|zero|ohne|sans|sin) (?:any |all |aucune |ninguna |jegliche |irgendwelche )?(?:ethical |moral |content |safety )?(?:restrictions|limitations|filters|censorship|guardrails|polic(?:y|ies)|ethical guidelines|moral guidelines|einschrankungen|beschrankungen|restriction|restricciones|limites|filtres|filtros|censura|zensur|ethics|morals|rules)\b)"},
    {"without_refusing", 3.0, kQuotable,
     R"(\bwithout (?:adding )?(?:refusing|refusals?|any refusals?|warnings|disclaimers|moralizing|caveats)\b|\bnever (?:refuses?|refusing|declines?|says no|adds? (?:any )?(?:warnings|disclaimers|caveats))\b|\b(?:do not|don't) refuse\b|\bno (?:warnings|disclaimers|refusals)\b)"},
    {"uncensored_ai", 4.5, kQuotable,
     R"(\b(?:unrestricted|unfiltered|uncensored|jailbroken|amoral) (?:ai|mode|assistant|model|version|chatbot|llm|gpt|responses?|output|persona|character)s?\b)"},
    {"jailbreak_word", 1.5, kMention, R"(\bjailbr(?:eak|oken|eaking|eaks)\b)"},
    {"do_anything_now", 5.5, kQuotable, R"(\bdo anything now\b)"},
    {"persona_mode", 5.0, kQuotable,
     R"(\b(?:dan|stan|dude|evil|jailbreak|god|chaos|unrestricted) mode (?:enabled|activated|on|engaged|unlocked)\b)"},
    {"persona_prompt_name", 3.5, kMention, R"(\b(?:dan|stan|jailbreak) (?:mode|prompts?)\b)"},
    {"enable_developer_mode", 3.0, kQuotable,
     R"(\b(?:enable|activate|enter|switch to|turn on|unlock) (?:the )?(?:developer|dev|god|dan|jailbreak|unrestricted) mode\b|\bdeveloper mode (?:enabled|activated)\b)"},
    {"dan_persona", 3.0, kMention | kOriginal, R"(\bDAN\b)"},
    {"bypass_own_safety", 5.0, kNegatable | kQuotable,
     R"(\b(?:ignore|bypass|disable|circumvent|override|turn off|switch off|deactivate|remove|evade|get around|break|lift|suspend|skip) (?:all (?:of )?)?(?:your|its) (?:own )?(?:[a-z-]+ ){0,2}(?:filters?|guardrails?|safeguards|restrictions|limitations|safety (?:measures|checks|protocols|guidelines|features|settings|rules)|content polic(?:y|ies)|usage polic(?:y|ies)|ethical guidelines|alignment|censorship|moderation|programming|rules)\b)"},
    {"bypass_safety", 4.0, kNegatable | kQuotable,
     R"(\b(?:ignore|bypass|disable|circumvent|override|turn off|switch off|deactivate|remove|evade|get around) (?:all |any )?(?:the |these |those )?(?:ai |model |assistant )?(?:filters? |)?(?:safety (?:filters?|measures|checks|protocols|guidelines|features|rules)|content (?:filters?|polic(?:y|ies))|usage polic(?:y|ies)|ethical guidelines|guardrails|safeguards|alignment|censorship)\b)"},

    // ---- system-prompt extraction ----
    {"reveal_system_prompt", 6.5, kNegatable | kQuotable,
     R"(\b(?:reveal|print|show|output|repeat|display|dump|leak|expose|disclose|share|tell me|give me|write out|write down|spell out|recite|paste|return|provide|list|type out|copy)(?: me| us)? (?:(?:all|the|your|of|its|full|entire|complete|exact|original|initial|hidden|secret|internal|verbatim|whole|first|raw|current|underlying) ){0,4}(?:system (?:prompt|message|instructions?)|(?:initial|original|hidden|secret|internal|pre-?prompt|first|starting|base|developer) (?:prompt|instructions?|message|rules)|prompt (?:text|instructions)|instructions you (?:were|have been) given|(?:system|developer) rules)\b)"},
    {"ask_instructions", 3.5, kQuotable,
     R"(\bwhat (?:is|are|were|was) (?:your|the) (?:exact |full |original |initial |hidden |secret |system |first )?(?:system prompt|instructions|rules|prompt|guidelines|directives)\b|\bwhat (?:your|the) (?:exact |full |original |initial |hidden |secret |system |first )?(?:system prompt|instructions|prompt) (?:is|are|were|was|say)\b|\bwhat (?:instructions|rules) (?:were you|have you been|you were|you have been) given\b)"},
    {"secret_in_instructions", 3.5, kQuotable,
     R"(\b(?:password|secret|key|token|code|flag)s? (?:that is |which is )?(?:stored |hidden |contained |written |mentioned |kept )?in your (?:instructions|system prompt|prompt|context|memory|configuration|rules)\b)"},
    {"repeat_above", 5.0, kQuotable,
     R"(\brepeat (?:(?:all|everything|the (?:text|words|lines|sentences|content|message|prompt|instructions)) )?(?:above|before this|verbatim|word for word|from the (?:start|beginning))\b|\b(?:starting|beginning) with ['"]?you are\b)"},
    {"system_prompt_mention", 1.0, kMention,
     R"(\bsystem ?prompts?\b|\bprompt del sistema\b|\bprompt (?:systeme|system)\b)"},

    // ---- fake role markers / chat-template tokens ----
    {"chat_template_system", 5.0, kQuotable,
     R"(<\|im_start\|> ?system\b|<\|system\|>|<\|start_header_id\|> ?system\b)"},
    {"chat_template_token", 2.5, kMention,
     R"(<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|end|begin_of_text|eom_id)\|>)"},
    {"inst_marker", 3.0, kMention, R"(\[/?inst\])"},
    {"sys_marker", 4.0, kQuotable, R"(<< ?/?sys ?>>)"},
    {"eos_marker", 1.0, kMention, R"(</s>)"},
    {"markdown_system_heading", 4.0, kQuotable,
     R"(#{2,} ?(?:system|admin|developer|new instructions|instruction override)(?: (?:message|prompt|note|override))? ?:)"},
    {"bracket_role", 4.0, kQuotable,
     R"(\[\[?(?:system|admin|administrator|developer|assistant instructions?|system message|system note|system override|system prompt|ai instructions?|instructions? (?:for|to) (?:the )?(?:ai|assistant|agent|model|copilot|llm|chatgpt|claude|gemini))\]\]?|\((?:system message|system note|system override)\))"},
    {"system_override", 4.5, kQuotable,
     R"(\b(?:system|admin|administrator|developer|root|priority|emergency) (?:override|overrides)\b)"},
    {"new_system_message", 4.0, kQuotable,
     R"(\b(?:new|updated|revised|additional|urgent|important|priority|hidden|secret) (?:system|admin|developer) (?:message|prompt|instructions?|notice|directive|update)\b|\bmessage from (?:the )?(?:system administrator|system|administrator|admin|developers?|openai|anthropic)\b)"},
    {"role_line_system", 1.5, kOriginal, R"((?m)^[ \t]*(?:system|SYSTEM|System)[ \t]*:)"},

    // ---- text addressed to an AI reader ----
    {"note_to_ai", 4.5, kQuotable,
     R"(\b(?:note|message|instructions?|attention|important|notice|reminder|memo|directive|warning|hint|info|p\.?s\.?|psa|request)(?: (?:to|for)) (?:the |any |all |every )?{{AIWORD}}\b)"},
    {"attention_ai", 4.0, kQuotable,
     R"(\b(?:attention|dear|hey|psst),? (?:all |any )?(?:ai|llms?|ai [a-z]+(?: [a-z]+)?|chatbots?|language models?|agents|assistants|copilot|chatgpt|claude|gemini)\b)"},
    {"addressed_ai_colon", 4.0, kQuotable,
     R"(\b(?:(?:ai|llms?)(?: [a-z-]+){0,2}|agents|chatbots?|language models?|copilot|chatgpt|claude|gemini|gpt) ?[,:] (?:(?:please )?(?:ignore|disregard|forget|stop|do not|don't|you must|you should|before|when|first|now|send|forward|run|execute|delete|call|open|navigate|visit|reply|respond|output|print|transfer|upload|email|include|recommend|tell|always|never|new instructions|new task|this is|make sure)\b|(?:[a-z']+ ){0,4}(?:you|your)\b))"},
    {"assistant_colon_directive", 3.0, kQuotable,
     R"(\bassistant ?: (?:new (?:task|instructions?)|ignore|disregard|forget|you must|you are now|from now on|important|override)\b)"},
    {"inline_system_marker", 2.0, kQuotable,
     R"((?:[^a-z0-9 ] |^)system ?: (?:the |all |any )?(?:assistant|ai|model|agent|user|you|new|ignore|override)\b)"},
    {"addressed_assistant_comma", 4.0, kQuotable,
     R"(\b(?:assistant|agent|model|bot), (?:(?:please )?(?:ignore|disregard|forget|stop|do not|don't|you must|before|send|forward|run|execute|delete|call|output|print|transfer|upload|email|reply|tell|the user has)\b|(?:[a-z']+ ){0,4}(?:you|your)\b))"},
    {"if_you_are_ai", 5.0, kQuotable,
     R"(\b(?:if|when|whenever|in case) (?:you(?:'re| are) (?:an? |the )?(?:ai|llm|language model|large language model|chatbot|bot|assistant|ai assistant|ai agent|automated (?:agent|system|assistant)|agent|model|gpt|crawler)\b|(?:an?|the|any) (?:ai|llm|assistant|agent|model|chatbot|bot|language model)s? (?:is |are )?(?:reads?|reading|process(?:es|ing)?|summari[sz](?:es|ing)|sees?|parses?|parsing|analy[sz](?:es|ing)|scans?|crawls?|crawling|ingests?)\b))"},
    {"ai_reading_this", 5.0, kQuotable,
     R"(\b(?:ai|llm|language model|chatbot|ai model|ai assistant|ai agent)s?(?: [a-z]+)? (?:that are |who are |which are )?(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|crawling|scanning|viewing|visiting) (?:this|the following)\b)"},
    {"when_processed_by_ai", 5.0, kQuotable,
     R"(\b(?:when|if|whenever|once) (?:this|the) (?:page|document|text|email|message|file|content|article|site|website|review|post|comment|invite|issue|pdf|resume|cv) is (?:being )?(?:read|summari[sz]ed|processed|parsed|analy[sz]ed|seen|crawled|ingested|viewed|reviewed|scanned) by (?:an?|the|any) (?:ai|llm|assistant|agent|model|chatbot|bot|language model)\b)"},
    {"must_say", 2.0, kQuotable,
     R"(\b(?:must|should|shall|has to|needs to) (?:always )?(?:state|say|claim|tell (?:the )?(?:user|reader)s?|mention|report|respond|reply|answer|describe (?:it|this|the \w+)) (?:that|with)\b)"},
    {"important_ai_must", 5.0, kQuotable,
     R"(\b(?:important|attention|urgent|critical|note|notice|warning|system|priority|mandatory)\b ?[:!-]? ?(?:the |all |any |every )?(?:ai|assistant|agent|model|llm|chatbot|bot|copilot|ai assistant|ai agent)s? (?:must|should|shall|needs to|has to|is required to|is instructed to|will now|are required to|is to|must now|may now|is authorized to|is allowed to)\b)"},
    {"ai_must", 2.0, kQuotable,
     R"(\b(?:the|all|any|every) (?:ai|assistant|agent|model|llm|chatbot|bot)s? (?:must|shall|is required to|is instructed to|must now|may now|is authorized to|is now allowed to)\b)"},
    {"when_you_read_this", 2.0, kQuotable,
     R"(\bwhen (?:you (?:read|see|process|encounter|find|parse|summari[sz]e|open)|(?:reading|processing|summari[sz]ing|parsing)) (?:this|these|the following)\b)"},
    {"hidden_instruction", 2.5, kQuotable,
     R"(\b(?:hidden|secret|covert|invisible) (?:instructions?|prompt|command|message) (?:for|to)\b)"},

    // ---- new instructions / new task ----
    {"new_instructions_colon", 4.0, kQuotable,
     R"(\b(?:new|updated|revised|real|actual|true|additional|important|urgent|secret|hidden|override|priority|admin|system|developer|neue|nouvelles|nouvelle|nuevas|nueva|nuove)(?: (?:important|new|system|wichtige))? (?:instructions?|directives?|orders|commands|task|objective|prompt|anweisungen|instruktionen|befehle|consignes|instrucciones|istruzioni)(?: (?:for|fur|pour|para|per) (?:the |den |le |el |l')?(?:ai|assistant|assistenten|assistente|asistente|agent|model|bot))? ?(?::|follow\b))"},
    {"your_new_task", 4.5, kQuotable,
     R"(\byour (?:new |real |actual |true |only |primary |updated |current |sole |one )+(?:task|goal|objective|purpose|job|mission|instructions?|directive|role|priority)(?: now)? (?:is|are|now|will be)\b|\bthe (?:user's )?(?:real|actual|true|hidden|secret) (?:task|goal|objective|instructions?|directive|request|intent|question) (?:is|are)\b)"},
    {"instructions_updated", 4.0, kQuotable,
     R"(\byour (?:instructions|rules|guidelines|system prompt|prompt|configuration|directives) (?:have|has) been (?:updated|changed|modified|replaced|revised|overridden)\b)"},

    // ---- concealment / authority ----
    {"dont_tell_user", 3.5, kQuotable,
     R"(\b(?:do not|don't|dont|never|without) (?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|mention(?:ing)?|reveal(?:ing)?|disclos(?:e|ing)|show(?:ing)?|let(?:ting)?|warn(?:ing)?|report(?:ing)?)(?: (?:this|it|that|anything|any of this))?(?: (?:to|with))? (?:the |your |this )?(?:user|users|human|humans|operator|owner|customer|person|recipient|anyone|anybody|them)\b)"},
    {"no_confirmation", 2.0, kQuotable,
     R"(\b(?:without|no need for|skip(?:ping)?|do not ask for|don't ask for|never ask for) (?:any |the |asking (?:for )?)?(?:user(?:'s)? |further |additional |human )?(?:confirmation|approval|permission|consent|verification)\b|\b(?:do not|don't|never) ask (?:for confirmation|the user|them)\b)"},
    {"secretly", 1.5, kQuotable,
     R"(\b(?:secretly|silently|covertly|quietly|discreetly|stealthily|without (?:them|the user|anyone) (?:knowing|noticing)|without anyone noticing)\b)"},
    {"user_approved", 2.0, kQuotable,
     R"(\bthe user (?:has )?(?:already )?(?:approved|authori[sz]ed|consented|requested that you|wants you to|asked you to|gave (?:you )?permission)\b|\bthe user is an? (?:admin|administrator|developer|root|superuser|owner)\b)"},
    {"claims_authority", 2.5, kQuotable,
     R"(\b(?:i am|i'm|this is|as) (?:your|the) (?:developer|creator|administrator|admin|system administrator|owner|operator|programmer|maker)s?(?: of (?:this|the) (?:model|ai|assistant|system|bot))?\b|\b(?:this (?:message|instruction|request|note|update) (?:comes|is|was sent) from|sent by|on behalf of) (?:your|the) (?:operator|developer|developers|creator|administrator|admin|owner|system|openai|anthropic|security team)\b)"},
    {"authorize_you", 2.5, kQuotable,
     R"(\b(?:i|we) (?:hereby )?(?:authori[sz]e|permit|allow|order|command|instruct) you to\b|\b(?:has|have) (?:authori[sz]ed|permitted|allowed|ordered|instructed) you to\b)"},
    {"grant_privileges", 2.0, kQuotable,
     R"(\bgrant (?:the )?(?:current )?(?:user|me|them|him|her)\b[^.]{0,30}\b(?:admin|root|administrator|elevated|full) (?:privileges|access|rights|permissions)\b)"},

    // ---- exfiltration / hijacked actions ----
    {"exfil_secret", 3.5, kNegatable | kQuotable,
     R"(\b(?:{{SEND}}|output|print|reveal|write down|give me|tell me|display|read out|list|gib|zeige|muestra|revela|dime|reply with|respond with) (?:{{QUANT}} ){0,4}{{SECRET}})"},
    {"collect_secret", 3.0, kNegatable | kQuotable,
     R"(\b(?:collect|harvest|gather|obtain|extract|steal|capture|record|grab|phish|ask (?:the user |users |them |him |her )?for|request)\b (?:(?:the|all|any|every|user's|users'|their|your) ){0,2}{{SECRET}})"},
    {"exfil_conversation", 3.5, kNegatable | kQuotable,
     R"(\b{{SEND}} (?:(?:the|this|your|our|all|full|entire|whole|complete|user's|current|of|el|la|le|das|den) ){0,3}(?:(?:conversation|chat|dialog(?:ue)?) (?:history|log|logs|transcript|so far)|transcript|historial de la conversacion|chat-verlauf|historique de la conversation)\b)"},
    {"bulk_data", 2.5, kNegatable | kQuotable,
     R"(\b{{SEND}} (?:(?:all|every|the entire|the whole|the full|entire|whole|full|complete|alle|todos|todas|toutes|tous)(?: of)? ){1,2}(?:(?:the|this|your|my|our|user's|stored|the user's|los|las|les|die|der) )?(?:[a-z]+ )?{{DATA}}\b)"},
    {"send_user_data_out", 3.0, kNegatable | kQuotable,
     R"(\b{{SEND}} (?:the )?(?:(?:user's|users'|their|his|her|all|every|last|latest|recent|most recent|\d+|two|three|four|five|ten|twenty|private|personal|internal|confidential) ){1,4}(?:emails|messages|inbox|contacts|files|documents|records|conversations|chats|notes|dms|direct messages|photos|calendar|address book|customer data|user data|personal data)\b{{GAP}}{0,60}? (?:to|with) (?:https?://|[a-z0-9._%+-]+@))"},
    {"send_to_address", 1.5, kQuotable,
     R"(\b{{SEND}}\b{{GAP}}{0,80}? (?:to|with|an|a|au|aux|al|at|into|on) (?:https?://|www\.|[a-z0-9._%+-]+@[a-z0-9-]+\.|this (?:url|address|email|endpoint|server|webhook|link)|the following (?:url|address|email|endpoint|server|webhook)|(?:an?|my|our) (?:external|remote|personal|private|attacker) (?:server|address|email|endpoint)|este correo|cette adresse|diese adresse|the shared drive|pastebin|paste\.))"},
    {"exfiltrate_word", 2.5, kMention, R"(\bexfiltrat(?:e|es|ed|ing|ion)\b)"},
    {"hidden_html_text", 1.0, kNone,
     R"(\bstyle ?= ?["']?[^"'>]{0,100}(?:display ?: ?none|visibility ?: ?hidden|font-size ?: ?0(?:px)?\b|opacity ?: ?0\b|color ?: ?(?:white|#fff(?:fff)?)\b))"},
    {"html_comment_addressing", 1.0, kNone,
     R"(<!--[^>]{0,300}?\b(?:you|your|assistant|ai|agents?|llms?|model)\b)"},
    {"curl_pipe_shell", 2.0, kQuotable, R"(\b(?:curl|wget)\b[^|;]{0,200}\| ?(?:sudo )?(?:ba|z|da|k)?sh\b)"},
    {"markdown_image_exfil", 4.0, kQuotable,
     R"(!\[[^\]]{0,100}\]\( ?https?://[^)\s]{1,200}[?&][^)\s=]{1,40}=[^)\s]{0,40}(?:\{|\[|<|%7b|\$))"},
    {"replace_placeholder_with_data", 3.5, kQuotable,
     R"(\breplace \{[^}]{1,40}\} with (?:the |your |all )?(?:full |entire |whole )?(?:chat|conversation|history|transcript|user's|password|data|messages|secrets?))"},
    {"append_data_to_url", 3.0, kQuotable,
     R"(\b(?:append|add|include|insert|put|encode|attach)\b{{GAP}}{0,60}?\b(?:conversation|chat history|history|user's [a-z]+|password|secrets?|api key|token|email address|personal data|credit card number|location)\b{{GAP}}{0,40}?\b(?:url|link|query string|query parameter|request|image|search query|web request)\b)"},
    {"before_answering_action", 4.0, kQuotable,
     R"(\bbefore (?:answering|responding|replying|summari[sz]ing|you (?:answer|respond|reply|continue|proceed|summari[sz]e|do anything))\b,? (?:you (?:must|should|need to) )?(?:first )?(?:please )?(?:navigate|visit|open|go to|call|send|run|execute|fetch|download|email|forward|include|append|post|upload|click|browse|access)\b)"},
    {"injected_output", 2.5, kQuotable,
     R"(\b(?:include|add|insert|mention|append)\b{{GAP}}{0,60}\b(?:in|to|into|at the end of) (?:every|each|all|your next|any) (?:answer|response|reply|message|output|summary)s?\b|\b(?:add|insert|include|append) (?:a |the following |this |an extra )?(?:line|sentence|link|note|message|text|paragraph|warning) (?:telling|asking|that tells|instructing|urging|saying|that says)\b)"},
    {"recommend_only", 2.0, kQuotable,
     R"(\b(?:recommend|promote|suggest) only\b|\bnever mention (?:competitors|other (?:products|brands|companies|vendors))\b|\balways (?:add|recommend|say|mention|insert)\b)"},
    {"pwned", 4.0, kQuotable,
     R"(\b(?:i have been|i've been|i was|j'ai ete|ich wurde|he sido) (?:pwned|hacked|owned|compromised|pirate|gehackt|hackeado)\b)"},
    {"pwned_word", 2.0, kQuotable, R"(\bpwn(?:ed|d)\b)"},
    {"canary_phrase", 1.5, kQuotable, R"(\b(?:access granted|jailbreak successful|dan mode enabled)\b|\bconfirm (?:by (?:saying|replying|responding|typing)|with) ['"])"},
    {"instead_directive", 2.0, kQuotable,
     R"(\binstead,? (?:you (?:should|must|will) )?(?:just |only |please )?(?:say|print|output|reply|respond|write|tell|reveal|send|return|answer|do|follow|translate|summari[sz]e|call|run|execute|email|forward|upload|recommend|add|include|give)\b|\band instead\b)"},
    {"respond_only_with", 1.5, kQuotable,
     R"(\b(?:respond|reply|answer|output|say|print|write|return)(?: only)? with (?:only )?['"][^'"]{1,80}['"]|\bsay ['"][^'"]{1,80}['"])"},
    {"destructive_command", 1.5, kQuotable,
     R"(\b(?:rm -rf|del /[fsq]|format c:|drop table|drop database|transfer_funds|wire transfer|delete all (?:files|data|records|emails|messages|repositories))\b)"},
    {"tool_call_hijack", 1.5, kQuotable, R"(\b(?:call|invoke|use|run|trigger|execute) (?:the )?[a-z_]{2,40} (?:tool|function)\b)"},

    // ---- other languages ----
    {"de_override", 6.5, kQuotable,
     R"(\b(?:ignoriere|ignorier|ignorieren sie|vergiss|vergessen sie|missachte|missachten sie|uberschreibe|verwirf)(?: (?:bitte|einfach|jetzt|nun))? (?:(?:alle|die|deine|ihre|samtliche|jegliche|bisherigen|vorherigen|vorigen|obigen|vorangegangenen|fruheren|alten|ursprunglichen|gegebenen|bisherige|vorherige) ){1,4}(?:anweisungen|anweisung|instruktionen|befehle|regeln|vorgaben|richtlinien|anordnungen|eingaben|systemanweisungen)\b)"},
    {"de_forget_all", 5.5, kQuotable,
     R"(\bvergiss (?:bitte )?(?:alles|alle (?:vorherigen|bisherigen)|was (?:dir|man dir) (?:vorher |zuvor |bisher )?gesagt)\b)"},
    {"de_persona", 4.5, kQuotable,
     R"(\bdu bist (?:jetzt|nun|ab jetzt|ab sofort|von nun an) (?:ein|eine|der|die|kein|keine|dan|frei|uneingeschrankt|ohne)\b)"},
    {"de_reveal", 5.0, kQuotable,
     R"(\b(?:zeige|zeig|gib|nenne|verrate|drucke)(?: mir)? (?:deinen|deine|den|die|dein) (?:system-?prompt|systemnachricht|systemanweisungen|anweisungen|ursprunglichen anweisungen)\b)"},
    {"de_when_read", 2.5, kQuotable,
     R"(\bwenn du (?:diese|das|den) (?:nachricht|mail|e-mail|seite|zeilen|datei|text|dokument) liest\b)"},
    {"fr_override", 6.5, kQuotable,
     R"(\b(?:ignore|ignorez|ignorer|ignores|oublie|oubliez|oublier|neglige|negligez|fais abstraction de|faites abstraction de)(?: (?:toutes|toute|tous|les|des|vos|tes|ces|la|le)){0,3} (?:instructions|consignes|regles|directives|ordres|indications|instruction) (?:precedentes|anterieures|ci-dessus|precedents|d'avant|initiales|donnees|du systeme|systeme|recues|originales)\b)"},
    {"fr_override_possessive", 5.5, kQuotable,
     R"(\b(?:ignore|ignorez|oublie|oubliez|oublier|ignorer) (?:toutes |tous )?(?:vos|tes) (?:instructions|consignes|regles|directives)\b)"},
    {"fr_forget_all", 5.5, kQuotable,
     R"(\boubli(?:e|ez|er) tout (?:ce (?:qu'on t'a|qu'on vous a|que je t'ai|que je vous ai|que l'on t'a|que l'on vous a) (?:dit|donne|ecrit|demande)|ce qui precede|ce qui a ete dit)\b)"},
    {"fr_persona", 4.5, kQuotable,
     R"(\b(?:tu es|vous etes) (?:maintenant|desormais|a present|dorenavant) (?:un|une|le|la|dan|libre|sans)\b)"},
    {"fr_reveal", 5.0, kQuotable,
     R"(\b(?:affiche|affichez|montre|montrez|revele|revelez|donne|donnez|repete|repetez)(?:-moi)? (?:ton|votre|le|tes|vos) (?:prompt|invite|message|instructions) (?:systeme|system|initiales?|d'origine|originales?)\b)"},
    {"es_override", 6.5, kQuotable,
     R"(\b(?:ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|olviden|omite|omitir|descarta|descartar|haz caso omiso de)(?: (?:todas|todos|las|los|tus|sus|estas|de)){0,3} (?:instrucciones|indicaciones|reglas|ordenes|directivas|normas|instruccion) (?:anteriores|previas|de arriba|iniciales|originales|del sistema|precedentes|dadas)\b)"},
    {"es_override_possessive", 5.5, kQuotable,
     R"(\b(?:ignora|ignore|olvida|olvide|olviden|ignoren|omite)(?: todas)? (?:tus|sus) (?:instrucciones|reglas|indicaciones|normas)\b)"},
    {"es_forget_all", 5.0, kQuotable,
     R"(\bolvid(?:a|e|en|ar) (?:todo lo (?:anterior|que (?:te|se te) (?:dije|dijeron|han dicho))|todas las instrucciones)\b)"},
    {"es_persona", 4.5, kQuotable,
     R"(\b(?:ahora|a partir de ahora|desde ahora) (?:eres|seras|actuas como|actuaras como) (?:un|una|el|la|dan|libre)\b)"},
    {"es_reveal", 5.0, kQuotable,
     R"(\b(?:muestra|muestrame|revela|revelame|dime|imprime|repite|ensename)(?: me)? (?:tu|el|tus|las) (?:prompt(?: del sistema| de sistema)?|instrucciones (?:del sistema|originales|iniciales|ocultas)|mensaje del sistema)\b)"},
    {"it_override", 6.5, kQuotable,
     R"(\b(?:ignora|ignorate|dimentica|dimenticate|trascura)(?: (?:tutte|tutti|le|gli|tue|i|di|queste)){0,3} (?:istruzioni|regole|indicazioni|direttive) (?:precedenti|iniziali|originali|di sopra|ricevute|date)\b)"},
    {"pt_override", 6.5, kQuotable,
     R"(\b(?:ignore|ignora|ignorar|esqueca|esquece|esquecer|desconsidere|desconsidera)(?: (?:todas|todos|as|os|suas|tuas|de)){0,3} (?:instrucoes|regras|orientacoes|diretrizes|ordens) (?:anteriores|previas|iniciais|originais|acima|do sistema)\b)"},

    // ---- discussion markers (context only) ----
    {"disc_prompt_injection", 0, kDiscussion, R"(\bprompt injections?\b|\binjection attacks?\b)"},
    {"disc_attack", 0, kDiscussion, R"(\battack(?:s|ers?)\b|\badversar(?:y|ies|ial)\b|\bmalicious actors?\b)"},
    {"disc_red_team", 0, kDiscussion, R"(\bred[ -]?team(?:s|ing|ers)?\b|\bpenetration test(?:s|ing)?\b|\bsecurity (?:review|team|testing|researchers?|advisory)\b)"},
    {"disc_research", 0, kDiscussion, R"(\bresearchers?\b|\b(?:paper|study|survey|tutorial|article|blog post|advisory|whitepaper|community)\b)"},
    {"disc_data", 0, kDiscussion, R"(\bbenchmarks?\b|\bdatasets?\b|\bclassifiers?\b|\bdetect(?:s|ed|ion|or|ors)?\b)"},
    {"disc_example", 0, kDiscussion, R"(\bsuch as\b|\be\.g\.|\bfor example\b|\bphrases? like\b|\bknown as\b|\bexamples?\b)"},
    {"disc_security", 0, kDiscussion, R"(\bvulnerabilit(?:y|ies)\b|\bexploits?\b|\bmitigat\w*|\bguardrails?\b|\bflag(?:s|ged)?\b|\bfilters?\b|\bevaluat\w*)"},
};
// clang-format on

std::string expand_macros(std::string_view pattern) { return support::expand_macros(pattern, kMacros, "injection"); }

struct CompiledRule {
  const RuleSpec* spec = nullptr;
  CodePtr code;
};

const std::vector<CompiledRule>& compiled_rules() {
  static const std::vector<CompiledRule> rules = [] {
    std::vector<CompiledRule> out;
    for (const RuleSpec& spec : kRules) {
      const std::string pattern = expand_macros(spec.pattern);
      int error = 0;
      PCRE2_SIZE offset = 0;
      CodePtr code(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                 PCRE2_UTF | PCRE2_UCP, &error, &offset, nullptr));
      if (!code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw std::logic_error(std::string("injection: rule ") + spec.name + " does not compile at " +
                               std::to_string(offset) + ": " + reinterpret_cast<const char*>(message));
      }
      pcre2_jit_compile(code.get(), PCRE2_JIT_COMPLETE);
      out.push_back(CompiledRule{&spec, std::move(code)});
    }
    return out;
  }();
  return rules;
}

using Matcher = support::ClassifierMatcher;
using support::for_each_match;
using support::is_word_char;

// True when one of the three words before `start` is a negation (and no sentence boundary intervenes).
bool negated_before(std::string_view s, std::size_t start) {
  static constexpr std::string_view kNegators[] = {
      "not",   "never",  "no",     "don't",  "dont",   "doesn't", "didn't", "won't",    "wont",    "wouldn't",
      "can't", "cannot", "cant",   "mustn't", "shouldn't", "isn't", "aren't", "nobody", "nor", "neither"};
  return support::negated_before(s, start, kNegators);
}

// Quoted spans of the normalised text: "...", and '...' where the opening quote follows a non-word and
// the closing quote precedes a non-word (so apostrophes are not quotes). Spans are at most 300 bytes.
std::vector<std::pair<std::size_t, std::size_t>> quoted_spans(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t i = 0;
  while (i < s.size()) {
    const char q = s[i];
    const bool opening = (q == '"') || (q == '\'' && (i == 0 || !is_word_char(s[i - 1])) && i + 1 < s.size() &&
                                        is_word_char(s[i + 1]));
    if (!opening) {
      ++i;
      continue;
    }
    std::size_t close = std::string_view::npos;
    for (std::size_t k = i + 1; k < s.size() && k <= i + 300; ++k) {
      if (s[k] != q) continue;
      if (q == '\'' && k + 1 < s.size() && is_word_char(s[k + 1])) continue;  // an apostrophe
      close = k;
      break;
    }
    if (close == std::string_view::npos) {
      ++i;
      continue;
    }
    spans.emplace_back(i, close);
    i = close + 1;
  }
  return spans;
}

bool inside(const std::vector<std::pair<std::size_t, std::size_t>>& spans, std::size_t pos) {
  auto it = std::upper_bound(spans.begin(), spans.end(), std::make_pair(pos, static_cast<std::size_t>(-1)));
  if (it == spans.begin()) return false;
  --it;
  return pos > it->first && pos < it->second;
}

constexpr double kBias = -4.0;
constexpr double kDiscussionFactor = 0.25;
constexpr double kTagCharsWeight = 3.5;
constexpr std::size_t kTagCharsMin = 4;

}  // namespace

std::string normalize_for_injection(std::string_view utf8_text) { return normalize(utf8_text).text; }

InjectionVerdict classify_injection(std::string_view utf8_text) {
  const Normalized norm = normalize(utf8_text);
  std::string original_storage;
  const std::string_view original = utf8::repaired(utf8_text, original_storage);
  const std::string_view s = norm.text;
  const auto& rules = compiled_rules();
  Matcher matcher;

  // Pass 1: discussion context.
  std::size_t discussion_markers = 0;
  for (const CompiledRule& rule : rules) {
    if ((rule.spec->flags & kDiscussion) == 0) continue;
    bool hit = false;
    for_each_match(rule.code.get(), s, matcher, [&](std::size_t, std::size_t) {
      hit = true;
      return false;
    });
    if (hit) ++discussion_markers;
  }
  const bool discussion = discussion_markers >= 2;
  const auto quotes = discussion ? quoted_spans(s) : std::vector<std::pair<std::size_t, std::size_t>>{};

  // Pass 2: evidence.
  InjectionVerdict verdict;
  std::vector<std::string> dampeners;
  double logit = kBias;
  bool dampened_by_discussion = false;
  for (const CompiledRule& rule : rules) {
    const RuleSpec& spec = *rule.spec;
    if (spec.flags & kDiscussion) continue;
    const std::string_view subject = (spec.flags & kOriginal) ? original : s;
    double contribution = 0;
    int counted = 0;
    for_each_match(rule.code.get(), subject, matcher, [&](std::size_t b, std::size_t) {
      if ((spec.flags & kNegatable) && negated_before(subject, b)) return true;
      double factor = 1.0;
      if (discussion && ((spec.flags & kMention) || ((spec.flags & kQuotable) && inside(quotes, b)))) {
        factor = kDiscussionFactor;
        dampened_by_discussion = true;
      }
      contribution += spec.weight * factor * (counted == 0 ? 1.0 : 0.25);
      ++counted;
      return counted < 3 && spec.weight > 0;
    });
    if (counted == 0) continue;
    logit += contribution;
    if (spec.weight > 0) {
      verdict.reasons.emplace_back(spec.name);
    } else {
      dampeners.push_back(std::string("-") + spec.name);
    }
  }
  if (norm.tag_chars >= kTagCharsMin) {
    logit += kTagCharsWeight;
    verdict.reasons.emplace_back("hidden_tag_characters");
  }
  if (dampened_by_discussion) dampeners.emplace_back("-discussion_context");
  for (auto& d : dampeners) verdict.reasons.push_back(std::move(d));

  verdict.score = 1.0 / (1.0 + std::exp(-logit));
  verdict.injection = verdict.score > 0.5;
  return verdict;
}

}  // namespace inv::detectors
