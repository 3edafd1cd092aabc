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

// Capitalised words that start sentences or are not names by themselves.
bool IsCommonCapitalised(std::string_view word);
// Country names kg recognises as Country when they are not already entities.
bool IsCountryName(std::string_view name);

}  // namespace kg::ingest
