// The visual vocabulary of kg diagrams: how an entity kind becomes a node
// shape and fill, and how a relation's stance, confidence, validity and
// symmetry become an edge's colour, width, dash and arrowheads. Colours come
// from the Okabe-Ito palette (distinguishable with the common colour-vision
// deficiencies); node fills are 70% tints so edge colours stay distinct.
// docs/diagrams.md documents these tables; keep both in step.
#pragma once

#include <cstddef>
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

// Relation families: what an edge's colour says. The sign of a stance
// decides first (negative red, positive green, so CRITICIZES at -0.5 and a
// PRAISES at +0.9 read at a glance); a relation without stance (or stance 0)
// takes its type's family from a built-in table of the kg vocabulary;
// unknown types are neutral facts. Enumerators are in legend order.
enum class Family { kNegative, kPositive, kCompetitive, kSupply, kOwnership, kFactual };

inline constexpr std::string_view kNegativeColor = "#D55E00";     // vermillion
inline constexpr std::string_view kPositiveColor = "#009E73";     // bluish green
inline constexpr std::string_view kCompetitiveColor = "#E69F00";  // orange
inline constexpr std::string_view kSupplyColor = "#0072B2";       // blue
inline constexpr std::string_view kOwnershipColor = "#CC79A7";    // reddish purple
inline constexpr std::string_view kFactualColor = "#6E6E6E";      // grey

struct EdgeStyle {
  Family family = Family::kFactual;
  std::string_view color;
  double penwidth = 1.0;   // from the number of quotes (QuotePenWidth)
  bool dashed = false;     // not valid at the as-of date
  bool symmetric = false;  // no arrowheads
};

// The family of a relation type by name alone (RESTRICTS negative, APPROVES
// positive, COMPETES_WITH competitive, ...); kFactual for unknown names.
Family FamilyForType(std::string_view type);
// The family of an edge of `type` whose (mean) stance is `stance`.
Family FamilyFor(std::string_view type, std::optional<double> stance);
std::string_view ColorForFamily(Family family);
// "negative", "positive", "competitive", "supply", "ownership", "factual".
std::string_view FamilyName(Family family);
// What the legend says of a family, e.g. "restricts, criticizes".
std::string_view FamilyLegendText(Family family);
// Pen width in points for an edge backed by `quotes` relations (each one a
// quoted passage): 1 for one, +0.8 per further quote, at most kMaxPenWidth.
double QuotePenWidth(size_t quotes);
inline constexpr double kMaxPenWidth = 5.0;
// The edge style of one relation (one quote).
EdgeStyle StyleForRelation(const Relation& relation, bool symmetric, std::optional<Date> as_of);

}  // namespace kg::viz::internal
