// The documented lexicons kg's own extractor works from (docs/ingest.md,
// "Lexicons"): relation cues mapped onto the ontology's types with their
// direction, negation cues, stance polarity words, speech verbs, titles and
// the cue words that guess a new entity's kind. Plain constant tables: adding
// a cue is adding a row.
#pragma once

#include <span>
#include <string_view>

namespace kg::ingest {

struct RelationCue {
  std::string_view phrase;  // lower case words, matched at word boundaries
  std::string_view type;    // an ontology type
  bool passive;             // "supplied by": the later mention is the start
  double confidence;
  // The type instead when a company is the start and a product the end
  // ("NVIDIA launched RTX Pro": MAKES, not DEVELOPS); empty: `type`.
  std::string_view company_product_type = {};
};
std::span<const RelationCue> RelationCues();

// Words that negate a cue when they come between the first mention and it.
std::span<const std::string_view> NegationCues();

struct PolarityWord {
  std::string_view word;  // lower case; a prefix match ("innovat" finds "innovative")
  std::string_view type;  // PRAISES, CRITICIZES, RESPECTS or WELCOMES
  double stance;
};
std::span<const PolarityWord> PolarityWords();

// Verbs of speech for attribution ("said", "told", "added", ...).
std::span<const std::string_view> SpeechVerbs();

// Titles and roles before a person's name ("CEO", "Commerce Secretary").
std::span<const std::string_view> TitleWords();

struct KindCue {
  std::string_view word;  // a word inside or right after the name
  std::string_view kind;
  bool inside;  // true: part of the name ("Department"); false: after it ("chip")
};
std::span<const KindCue> KindCues();

// Words that refer back to an entity named elsewhere (sentence-level
// co-reference for relations only; they never make entity candidates).
enum class Referent {
  kSpeaker,         // "I", "my": the quotation's speaker
  kSpeakerCompany,  // "we", "our": the company the quotation's speaker leads or founded
  kLastPerson,      // "he", "his": the last person named (not the speaker, inside a quotation)
  kLastThing,       // "it", "its": the last company, product, model or technology of the sentence
  kLastCompany,     // "the company": the last company named in the last three sentences
  kLastProduct,     // "the car", "the chip": the last product named in the last three sentences
  kAddressee,       // "you" in an interviewer's question: the person who answers it
};
struct Pronoun {
  std::string_view word;  // matched as written or with a capital first letter
  Referent refers;
  bool possessive;  // "its H20": the next mention is the possessor's, like "NVIDIA's H20"
};
std::span<const Pronoun> Pronouns();

// Nouns of a group phrase before "such as", "like", "including", "(e.g.,":
// the listed mentions are its members. `type` is the relation the owner of
// the group ("NVIDIA's competitors", "our suppliers") has with each member,
// empty when none; `member_first` when the member is the relation's start.
struct GroupNoun {
  std::string_view word;  // lower case, plural
  std::string_view type;
  bool member_first;
};
std::span<const GroupNoun> GroupNouns();

// "Chinese" -> "China": adjectives of the countries kg recognises.
struct Demonym {
  std::string_view adjective;
  std::string_view country;
};
std::span<const Demonym> Demonyms();

// "NVIDIA's H20", "its Hopper architecture": the relation a possessive
// states between two kinds of entity (empty `next`: any following word).
struct PossessiveRule {
  std::string_view from_kind;  // the possessor's kind
  std::string_view to_kind;
  std::string_view type;
  std::string_view next;  // a word that must follow the possessed mention, or empty
  double confidence;
};
std::span<const PossessiveRule> PossessiveRules();

// Capitalised words that start sentences or are not names by themselves.
bool IsCommonCapitalised(std::string_view word);
// Country names kg recognises as Country when they are not already entities.
bool IsCountryName(std::string_view name);

}  // namespace kg::ingest
