// The lexicon tables. Keep each sorted by meaning, not alphabet, and document
// every change in docs/ingest.md.
#include "ingest/lexicon.h"

#include <algorithm>
#include <iterator>

namespace kg::ingest {
namespace {

constexpr RelationCue kRelationCues[] = {
    // making and developing
    {"makes", "MAKES", false, 0.8},
    {"manufactures", "MAKES", false, 0.8},
    {"produces", "MAKES", false, 0.75},
    {"made by", "MAKES", true, 0.8},
    {"manufactured by", "MAKES", true, 0.8},
    {"produced by", "MAKES", true, 0.75},
    {"develops", "DEVELOPS", false, 0.8},
    {"developed", "DEVELOPS", false, 0.75},
    {"designs", "DEVELOPS", false, 0.75},
    {"designed", "DEVELOPS", false, 0.7},
    {"launched", "DEVELOPS", false, 0.7, "MAKES"},
    {"unveiled", "DEVELOPS", false, 0.7, "MAKES"},
    {"released", "DEVELOPS", false, 0.65, "MAKES"},
    {"developing", "DEVELOPS", false, 0.7},
    {"develop", "DEVELOPS", false, 0.65},
    {"created", "DEVELOPS", false, 0.65},
    {"launch of", "DEVELOPS", false, 0.65, "MAKES"},
    {"introduced", "DEVELOPS", false, 0.6, "MAKES"},
    {"developed by", "DEVELOPS", true, 0.8},
    {"designed by", "DEVELOPS", true, 0.75},
    {"built by", "DEVELOPS", true, 0.7},
    // supply and use
    {"supplies", "SUPPLIES", false, 0.8},
    {"supplier to", "SUPPLIES", false, 0.8},
    {"supplier of", "SUPPLIES", false, 0.75},
    {"provides", "SUPPLIES", false, 0.6},
    {"sells", "SUPPLIES", false, 0.6},
    {"supplied by", "SUPPLIES", true, 0.8},
    {"uses", "USES", false, 0.75},
    {"relies on", "USES", false, 0.75},
    {"adopted", "USES", false, 0.7},
    {"adopts", "USES", false, 0.7},
    {"runs on", "USES", false, 0.7},
    {"use", "USES", false, 0.65},
    {"using", "USES", false, 0.65},
    {"rely on", "USES", false, 0.7},
    {"relying on", "USES", false, 0.7},
    {"equipped with", "USES", false, 0.6},
    {"used by", "USES", true, 0.75},
    {"based on", "BASED_ON", false, 0.8},
    {"designed for", "DESIGNED_FOR", false, 0.75},
    {"tailored for", "DESIGNED_FOR", false, 0.75},
    {"built for", "DESIGNED_FOR", false, 0.7},
    {"built on", "BASED_ON", false, 0.75},
    // competition and cooperation
    {"competes with", "COMPETES_WITH", false, 0.8},
    {"competing with", "COMPETES_WITH", false, 0.8},
    {"compete with", "COMPETES_WITH", false, 0.8},
    {"competes against", "COMPETES_WITH", false, 0.8},
    {"compete against", "COMPETES_WITH", false, 0.8},
    {"competition with", "COMPETES_WITH", false, 0.7},
    {"rival", "COMPETES_WITH", false, 0.65},
    {"rivals", "COMPETES_WITH", false, 0.7},
    {"competitor", "COMPETES_WITH", false, 0.65},
    {"against", "COMPETES_WITH", false, 0.5},
    {"partners with", "PARTNERS_WITH", false, 0.8},
    {"partnered with", "PARTNERS_WITH", false, 0.8},
    {"teamed up with", "PARTNERS_WITH", false, 0.75},
    {"works with", "PARTNERS_WITH", false, 0.65},
    {"cooperation with", "PARTNERS_WITH", false, 0.65},
    {"cooperate with", "PARTNERS_WITH", false, 0.7},
    {"cooperating with", "PARTNERS_WITH", false, 0.7},
    {"collaborate with", "PARTNERS_WITH", false, 0.7},
    {"collaborates with", "PARTNERS_WITH", false, 0.7},
    {"collaborating with", "PARTNERS_WITH", false, 0.7},
    {"collaboration with", "PARTNERS_WITH", false, 0.7},
    {"partnership with", "PARTNERS_WITH", false, 0.75},
    // people and organisations
    {"ceo", "LEADS", false, 0.9},
    {"chief executive", "LEADS", false, 0.9},
    {"chief executive of", "LEADS", false, 0.9},
    {"ceo of", "LEADS", false, 0.9},
    {"chairman of", "LEADS", false, 0.85},
    {"leads", "LEADS", false, 0.7},
    {"led", "LEADS", false, 0.7},
    {"head of", "LEADS", false, 0.8},
    {"led by", "LEADS", true, 0.8},
    {"founder of", "FOUNDED", false, 0.85},
    {"founder", "FOUNDED", false, 0.8},
    {"co-founder", "FOUNDED", false, 0.8},
    {"founding", "FOUNDED", false, 0.75},
    {"founded", "FOUNDED", false, 0.8},
    {"co-founded", "FOUNDED", false, 0.8},
    {"founded by", "FOUNDED", true, 0.85},
    {"member of", "MEMBER_OF", false, 0.75},
    {"joined", "MEMBER_OF", false, 0.6},
    {"invests in", "INVESTS_IN", false, 0.8},
    {"invested in", "INVESTS_IN", false, 0.8},
    {"stake in", "INVESTS_IN", false, 0.7},
    {"invest in", "INVESTS_IN", false, 0.75},
    {"investing in", "INVESTS_IN", false, 0.75},
    {"investment in", "INVESTS_IN", false, 0.7},
    {"investments in", "INVESTS_IN", false, 0.7},
    {"backed by", "INVESTS_IN", true, 0.7},
    // places and markets
    {"based in", "BASED_IN", false, 0.8},
    {"headquartered in", "BASED_IN", false, 0.85},
    {"sells in", "SELLS_IN", false, 0.75},
    {"sold in", "SELLS_IN", false, 0.7},
    {"sales in", "SELLS_IN", false, 0.65},
    {"sell to", "SELLS_IN", false, 0.6},
    {"sales to", "SELLS_IN", false, 0.6},
    {"exports to", "SELLS_IN", false, 0.6},
    // rules
    {"restricts", "RESTRICTS", false, 0.8},
    {"restricted", "RESTRICTS", false, 0.75},
    {"banned", "RESTRICTS", false, 0.8},
    {"bans", "RESTRICTS", false, 0.8},
    {"blocked", "RESTRICTS", false, 0.75},
    {"blocks", "RESTRICTS", false, 0.75},
    {"export controls on", "RESTRICTS", false, 0.8},
    {"sanctioned", "RESTRICTS", false, 0.75},
    {"blacklisted", "RESTRICTS", false, 0.75},
    {"restricting", "RESTRICTS", false, 0.75},
    {"restrictions on", "RESTRICTS", false, 0.75},
    {"ban on", "RESTRICTS", false, 0.75},
    {"curbs on", "RESTRICTS", false, 0.75},
    {"sanctions on", "RESTRICTS", false, 0.75},
    {"restricted by", "RESTRICTS", true, 0.75},
    {"banned by", "RESTRICTS", true, 0.8},
    {"blocked by", "RESTRICTS", true, 0.75},
    {"approved", "APPROVES", false, 0.75},
    {"approves", "APPROVES", false, 0.75},
    {"allowed", "APPROVES", false, 0.65},
    {"cleared", "APPROVES", false, 0.65},
    {"lifted the ban on", "APPROVES", false, 0.7},
    {"allowing", "APPROVES", false, 0.6},
    {"allowance to sell", "APPROVES", false, 0.65},
    {"approved by", "APPROVES", true, 0.75},
    {"cleared by", "APPROVES", true, 0.7},
    // stance stated by the narrator
    {"praised", "PRAISES", false, 0.75},
    {"praises", "PRAISES", false, 0.75},
    {"commended", "PRAISES", false, 0.75},
    {"lauded", "PRAISES", false, 0.75},
    {"hailed", "PRAISES", false, 0.7},
    {"criticized", "CRITICIZES", false, 0.75},
    {"criticised", "CRITICIZES", false, 0.75},
    {"criticizes", "CRITICIZES", false, 0.75},
    {"slammed", "CRITICIZES", false, 0.75},
    {"attacked", "CRITICIZES", false, 0.6},
    {"welcomed", "WELCOMES", false, 0.75},
    {"welcomes", "WELCOMES", false, 0.75},
    {"respects", "RESPECTS", false, 0.7},
};

constexpr std::string_view kNegations[] = {"not",    "n't",     "no longer", "never",
                                           "yet to", "without", "nor",       "neither"};

constexpr PolarityWord kPolarity[] = {
    {"world-class", "PRAISES", 0.9},    {"world first", "PRAISES", 0.9},
    {"incredible", "PRAISES", 0.9},     {"extraordinary", "PRAISES", 0.9},
    {"best", "PRAISES", 0.8},           {"excellent", "PRAISES", 0.8},
    {"outstanding", "PRAISES", 0.8},    {"amazing", "PRAISES", 0.8},
    {"brilliant", "PRAISES", 0.8},      {"fantastic", "PRAISES", 0.8},
    {"remarkable", "PRAISES", 0.8},     {"impressive", "PRAISES", 0.8},
    {"innovat", "PRAISES", 0.7},        {"great", "PRAISES", 0.7},
    {"breakthrough", "PRAISES", 0.7},   {"superb", "PRAISES", 0.8},
    {"wonderful", "PRAISES", 0.8},      {"proud", "PRAISES", 0.6},
    {"advanced", "PRAISES", 0.6},       {"powerful", "PRAISES", 0.6},
    {"successful", "PRAISES", 0.6},     {"good", "PRAISES", 0.5},
    {"strong", "PRAISES", 0.5},         {"leading", "PRAISES", 0.5},
    {"respect", "RESPECTS", 0.7},       {"formidable", "RESPECTS", 0.7},
    {"underestimat", "RESPECTS", 0.7},  {"admire", "RESPECTS", 0.7},
    {"capable", "RESPECTS", 0.6},       {"welcome", "WELCOMES", 0.6},
    {"glad", "WELCOMES", 0.6},          {"look forward", "WELCOMES", 0.6},
    {"disappoint", "CRITICIZES", -0.5}, {"concern", "CRITICIZES", -0.3},
    {"worr", "CRITICIZES", -0.3},       {"weak", "CRITICIZES", -0.4},
    {"fail", "CRITICIZES", -0.5},       {"unfair", "CRITICIZES", -0.5},
    {"mistake", "CRITICIZES", -0.5},    {"wrong", "CRITICIZES", -0.4},
    {"flawed", "CRITICIZES", -0.5},     {"dangerous", "CRITICIZES", -0.5},
    {"poor", "CRITICIZES", -0.4},       {"bad", "CRITICIZES", -0.4},
    {"inferior", "CRITICIZES", -0.5},   {"too simplistic", "CRITICIZES", -0.4},
    {"overrated", "CRITICIZES", -0.5},  {"behind", "CRITICIZES", -0.3},
};

constexpr std::string_view kSpeech[] = {"said",     "says",      "added",   "told",   "noted",
                                        "stated",   "explained", "argued",  "warned", "stressed",
                                        "remarked", "asked",     "replied", "wrote",  "insisted"};

constexpr std::string_view kTitles[] = {
    "CEO",        "Chief",     "Executive",    "Officer",   "President",   "Chairman",
    "Chairwoman", "Secretary", "Minister",     "Founder",   "Co-founder",  "Director",
    "Senator",    "Governor",  "Spokesperson", "Spokesman", "Spokeswoman", "Analyst",
    "Vice",       "Premier",   "Chancellor",   "Mr.",       "Ms.",         "Mrs.",
    "Dr.",        "Prof.",     "CFO",          "CTO",       "COO"};

constexpr KindCue kKindCues[] = {
    {"Department", "Organization", true},
    {"Ministry", "Organization", true},
    {"Administration", "Organization", true},
    {"Commission", "Organization", true},
    {"Bureau", "Organization", true},
    {"Agency", "Organization", true},
    {"Council", "Organization", true},
    {"Government", "Organization", true},
    {"Congress", "Organization", true},
    {"Parliament", "Organization", true},
    {"University", "Organization", true},
    {"Institute", "Organization", true},
    {"Association", "Organization", true},
    {"Office", "Organization", true},
    {"Inc.", "Company", true},
    {"Inc", "Company", true},
    {"Corp.", "Company", true},
    {"Corp", "Company", true},
    {"Corporation", "Company", true},
    {"Ltd", "Company", true},
    {"Technologies", "Company", true},
    {"Group", "Company", true},
    {"Holdings", "Company", true},
    {"Semiconductor", "Company", true},
    {"Motors", "Company", true},
    {"Electronics", "Company", true},
    {"Labs", "Company", true},
    {"Robotics", "Company", true},
    {"Expo", "Event", true},
    {"Conference", "Event", true},
    {"Summit", "Event", true},
    {"Forum", "Event", true},
    {"chip", "Product", false},
    {"chips", "Product", false},
    {"GPU", "Product", false},
    {"GPUs", "Product", false},
    {"processor", "Product", false},
    {"processors", "Product", false},
    {"accelerator", "Product", false},
    {"accelerators", "Product", false},
    {"phone", "Product", false},
    {"smartphone", "Product", false},
    {"model", "AIModel", false},
    {"models", "AIModel", false},
    {"chatbot", "AIModel", false},
    {"company", "Company", false},
    {"maker", "Company", false},
    {"chipmaker", "Company", false},
    {"startup", "Company", false},
    {"firm", "Company", false},
    {"architecture", "Technology", false},
    {"platform", "Technology", false},
    {"said", "Person", false},
    {"says", "Person", false},
};

constexpr std::string_view kCommon[] = {
    "A",         "An",          "The",       "In",        "On",
    "At",        "This",        "That",      "These",     "Those",
    "It",        "Its",         "He",        "She",       "They",
    "We",        "I",           "You",       "But",       "And",
    "Or",        "However",     "Also",      "After",     "Before",
    "When",      "While",       "As",        "For",       "With",
    "From",      "According",   "His",       "Her",       "Their",
    "Our",       "If",          "Since",     "Not",       "No",
    "Yes",       "So",          "Then",      "There",     "Here",
    "What",      "Why",         "How",       "Who",       "Where",
    "Still",     "Meanwhile",   "Last",      "Next",      "Earlier",
    "Later",     "Today",       "Yesterday", "Tomorrow",  "Monday",
    "Tuesday",   "Wednesday",   "Thursday",  "Friday",    "Saturday",
    "Sunday",    "January",     "February",  "March",     "April",
    "May",       "June",        "July",      "August",    "September",
    "October",   "November",    "December",  "Q",         "A:",
    "Q:",        "Regarding",   "Currently", "Recently",  "Additionally",
    "Moreover",  "Furthermore", "Although",  "Because",   "Despite",
    "Instead",   "Finally",     "First",     "Second",    "Third",
    "Many",      "Some",        "Most",      "Every",     "Each",
    "All",       "Both",        "Other",     "Another",   "Such",
    "Analysts",  "Chinese",     "American",  "Western",   "Global",
    "AI",        "Our",         "My",        "Mr",        "Ms",
    "Dr",        "Once",        "Now",       "Even",      "Only",
    "Just",      "Over",        "Under",     "Among",     "Between",
    "During",    "Through",     "Without",   "Within",    "Thanks",
    "Overall",   "Notably",     "Asked",     "Speaking",  "CEO",
    "Secretary", "President",   "Chief",     "Executive", "Minister",
    "Founder",   "Do",          "Does",      "Did",       "Is",
    "Are",       "Was",         "Were",      "Will",      "Would",
    "Can",       "Could",       "Should",    "Have",      "Has",
    "Had",       "Question",    "Answer",    "Besides",
};

constexpr std::string_view kCountries[] = {
    "China",    "United States", "Japan",     "South Korea",    "Korea",       "Taiwan",
    "India",    "Germany",       "France",    "United Kingdom", "Britain",     "Canada",
    "Russia",   "Brazil",        "Singapore", "Vietnam",        "Netherlands", "Israel",
    "Malaysia", "Mexico",        "Australia"};

constexpr Pronoun kPronouns[] = {
    {"I", Referent::kSpeaker, false},
    {"my", Referent::kSpeaker, true},
    {"we", Referent::kSpeakerCompany, false},
    {"our", Referent::kSpeakerCompany, true},
    {"he", Referent::kLastPerson, false},
    {"she", Referent::kLastPerson, false},
    {"his", Referent::kLastPerson, true},
    {"it", Referent::kLastThing, false},
    {"its", Referent::kLastThing, true},
    {"the company", Referent::kLastCompany, false},
    {"the company's", Referent::kLastCompany, true},
    {"the company’s", Referent::kLastCompany, true},
};

constexpr GroupNoun kGroupNouns[] = {
    {"competitors", "COMPETES_WITH", false},
    {"rivals", "COMPETES_WITH", false},
    {"suppliers", "SUPPLIES", true},
    {"partners", "PARTNERS_WITH", false},
    {"companies", "", false},
    {"firms", "", false},
    {"makers", "", false},
    {"manufacturers", "", false},
    {"carmakers", "", false},
    {"automakers", "", false},
    {"chipmakers", "", false},
    {"providers", "", false},
    {"startups", "", false},
    {"brands", "", false},
    {"vendors", "", false},
    {"labs", "", false},
    {"giants", "", false},
    {"players", "", false},
};

constexpr Demonym kDemonyms[] = {
    {"Chinese", "China"},        {"American", "United States"}, {"U.S.", "United States"},
    {"US", "United States"},     {"Japanese", "Japan"},         {"South Korean", "South Korea"},
    {"Korean", "South Korea"},   {"Taiwanese", "Taiwan"},       {"Indian", "India"},
    {"German", "Germany"},       {"French", "France"},          {"British", "United Kingdom"},
    {"Canadian", "Canada"},      {"Russian", "Russia"},         {"Brazilian", "Brazil"},
    {"Dutch", "Netherlands"},    {"Israeli", "Israel"},         {"Singaporean", "Singapore"},
    {"Vietnamese", "Vietnam"},   {"Malaysian", "Malaysia"},     {"Mexican", "Mexico"},
    {"Australian", "Australia"},
};

constexpr PossessiveRule kPossessive[] = {
    {"Company", "Product", "MAKES", "", 0.7},
    {"Company", "AIModel", "DEVELOPS", "", 0.7},
    {"Company", "Technology", "DEVELOPS", "architecture", 0.65},
    {"Company", "Technology", "DEVELOPS", "platform", 0.65},
    {"Company", "Technology", "DEVELOPS", "technology", 0.6},
    {"Organization", "Product", "DEVELOPS", "", 0.6},
    {"Product", "Technology", "BASED_ON", "architecture", 0.7},
    {"Person", "Product", "RESTRICTS", "ban", 0.7},
    {"Organization", "Product", "RESTRICTS", "ban", 0.75},
    {"Country", "Product", "RESTRICTS", "ban", 0.7},
    {"Person", "Product", "RESTRICTS", "restrictions", 0.65},
    {"Organization", "Product", "RESTRICTS", "restrictions", 0.7},
};

template <typename T, size_t N>
std::span<const T> Span(const T (&a)[N]) {
  return {a, N};
}

}  // namespace

std::span<const RelationCue> RelationCues() { return Span(kRelationCues); }
std::span<const std::string_view> NegationCues() { return Span(kNegations); }
std::span<const PolarityWord> PolarityWords() { return Span(kPolarity); }
std::span<const std::string_view> SpeechVerbs() { return Span(kSpeech); }
std::span<const std::string_view> TitleWords() { return Span(kTitles); }
std::span<const KindCue> KindCues() { return Span(kKindCues); }
std::span<const Pronoun> Pronouns() { return Span(kPronouns); }
std::span<const GroupNoun> GroupNouns() { return Span(kGroupNouns); }
std::span<const Demonym> Demonyms() { return Span(kDemonyms); }
std::span<const PossessiveRule> PossessiveRules() { return Span(kPossessive); }

bool IsCommonCapitalised(std::string_view word) {
  return std::find(std::begin(kCommon), std::end(kCommon), word) != std::end(kCommon);
}

bool IsCountryName(std::string_view name) {
  return std::find(std::begin(kCountries), std::end(kCountries), name) != std::end(kCountries);
}

}  // namespace kg::ingest
