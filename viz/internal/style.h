// The visual vocabulary of kg diagrams: how an entity kind becomes a node
// shape and fill, and how a relation's stance, confidence, validity and
// symmetry become an edge's colour, width, dash and arrowheads. Colours come
// from the Okabe-Ito palette (distinguishable with the common colour-vision
// deficiencies); node fills are 70% tints so edge colours stay distinct.
// docs/diagrams.md documents these tables; keep both in step.
#pragma once

#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/entity.h"
#include "core/relation.h"

namespace kg::viz::internal {

struct NodeStyle {
  std::string_view kind;    // the styled kind, or "" for the neutral default
  std::string_view shape;   // Graphviz shape name
  std::string_view style;   // Graphviz style list, always includes "filled"
  std::string_view fill;    // #RRGGBB
  std::string_view border;  // #RRGGBB
  int peripheries = 1;
};

// The style of a kind name; any name not in the vocabulary gets the neutral
// default (kind == "").
const NodeStyle& StyleForKind(std::string_view kind);
// The style for an entity: its first label that has a style of its own, else
// the neutral default.
const NodeStyle& StyleForEntity(const Entity& entity);
// Every styled kind in legend order (the neutral default excluded).
const NodeStyle* StyledKinds(size_t* count);
// The neutral default style.
const NodeStyle& DefaultNodeStyle();

enum class Tone { kPositive, kNegative, kNeutral, kFactual };

inline constexpr std::string_view kPositiveColor = "#009E73";  // bluish green
inline constexpr std::string_view kNegativeColor = "#D55E00";  // vermillion
inline constexpr std::string_view kNeutralColor = "#0072B2";   // blue: stance exactly 0
inline constexpr std::string_view kFactualColor = "#6E6E6E";   // grey

struct EdgeStyle {
  Tone tone = Tone::kFactual;
  std::string_view color;
  double penwidth = 1.2;
  bool dashed = false;     // not valid at the as-of date
  bool symmetric = false;  // no arrowheads
};

// Tone of a stance: > 0 positive, < 0 negative, 0 neutral, none factual.
Tone ToneForStance(std::optional<double> stance);
std::string_view ColorForTone(Tone tone);
std::string_view ToneName(Tone tone);  // "positive", "negative", "neutral", "factual"
// Pen width in points: 1 + 3|stance| for stance edges (1..4), else
// 0.8 + 1.7 confidence when a confidence is given (0.8..2.5), else 1.2.
double PenWidth(std::optional<double> stance, std::optional<double> confidence);
// The edge style of one relation.
EdgeStyle StyleForRelation(const Relation& relation, bool symmetric, std::optional<Date> as_of);

}  // namespace kg::viz::internal
