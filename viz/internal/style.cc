// The kind and stance style tables of kg diagrams (see style.h).
#include "viz/internal/style.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace kg::viz::internal {
namespace {

// Okabe-Ito hue as border, its 70% tint as fill. Shapes differ too, so a
// reader who cannot tell the hues apart (or prints in grey) still can.
const NodeStyle kKindStyles[] = {
    {"Company", "box", "rounded,filled", "#B2D5E8", "#0072B2", 1},
    {"Product", "hexagon", "filled", "#F8E2B2", "#E69F00", 1},
    {"Person", "ellipse", "filled", "#F0D7E5", "#CC79A7", 1},
    {"Technology", "octagon", "filled", "#B2E2D5", "#009E73", 1},
    {"AIModel", "component", "filled", "#CCE8F8", "#56B4E9", 1},
    {"Organization", "tab", "filled", "#FAF7C6", "#B8A800", 1},
    {"Country", "ellipse", "filled", "#F2CFB2", "#D55E00", 2},
    {"Event", "parallelogram", "filled", "#D9D9D9", "#000000", 1},
};

const NodeStyle kDefaultStyle = {"", "box", "filled", "#FFFFFF", "#7F7F7F", 1};

}  // namespace

const NodeStyle& StyleForKind(std::string_view kind) {
  for (const NodeStyle& s : kKindStyles) {
    if (s.kind == kind) return s;
  }
  return kDefaultStyle;
}

const NodeStyle& StyleForEntity(const Entity& entity) {
  for (const std::string& label : entity.labels) {
    const NodeStyle& s = StyleForKind(label);
    if (!s.kind.empty()) return s;
  }
  return kDefaultStyle;
}

const NodeStyle* StyledKinds(size_t* count) {
  *count = std::size(kKindStyles);
  return kKindStyles;
}

const NodeStyle& DefaultNodeStyle() { return kDefaultStyle; }

Tone ToneForStance(std::optional<double> stance) {
  if (!stance) return Tone::kFactual;
  if (*stance > 0) return Tone::kPositive;
  if (*stance < 0) return Tone::kNegative;
  return Tone::kNeutral;
}

std::string_view ColorForTone(Tone tone) {
  switch (tone) {
    case Tone::kPositive:
      return kPositiveColor;
    case Tone::kNegative:
      return kNegativeColor;
    case Tone::kNeutral:
      return kNeutralColor;
    case Tone::kFactual:
      return kFactualColor;
  }
  return kFactualColor;
}

std::string_view ToneName(Tone tone) {
  switch (tone) {
    case Tone::kPositive:
      return "positive";
    case Tone::kNegative:
      return "negative";
    case Tone::kNeutral:
      return "neutral";
    case Tone::kFactual:
      return "factual";
  }
  return "factual";
}

double PenWidth(std::optional<double> stance, std::optional<double> confidence) {
  if (stance) return 1.0 + 3.0 * std::min(1.0, std::fabs(*stance));
  if (confidence) return 0.8 + 1.7 * std::clamp(*confidence, 0.0, 1.0);
  return 1.2;
}

EdgeStyle StyleForRelation(const Relation& relation, bool symmetric, std::optional<Date> as_of) {
  EdgeStyle style;
  std::optional<double> stance = relation.stance();
  style.tone = ToneForStance(stance);
  style.color = ColorForTone(style.tone);
  style.penwidth = PenWidth(stance, relation.confidence());
  style.dashed = as_of.has_value() && !relation.ValidAt(*as_of);
  style.symmetric = symmetric;
  return style;
}

}  // namespace kg::viz::internal
