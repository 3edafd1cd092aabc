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

namespace {

struct TypeFamily {
  std::string_view type;
  Family family;
};

// The built-in vocabulary's types by what they mean for an analyst: who
// restricts or criticizes (negative), who approves or praises (positive),
// who competes, the supply and production chain (with partnerships), and
// ownership and control. BASED_IN, BASED_ON and unknown types are neutral.
constexpr TypeFamily kTypeFamilies[] = {
    {"RESTRICTS", Family::kNegative},
    {"CRITICIZES", Family::kNegative},
    {"APPROVES", Family::kPositive},
    {"PRAISES", Family::kPositive},
    {"RESPECTS", Family::kPositive},
    {"WELCOMES", Family::kPositive},
    {"COMPETES_WITH", Family::kCompetitive},
    {"SUPPLIES", Family::kSupply},
    {"MAKES", Family::kSupply},
    {"DEVELOPS", Family::kSupply},
    {"USES", Family::kSupply},
    {"SELLS_IN", Family::kSupply},
    {"PARTNERS_WITH", Family::kSupply},
    {"LEADS", Family::kOwnership},
    {"FOUNDED", Family::kOwnership},
    {"INVESTS_IN", Family::kOwnership},
    {"MEMBER_OF", Family::kOwnership},
};

}  // namespace

Family FamilyForType(std::string_view type) {
  for (const TypeFamily& t : kTypeFamilies) {
    if (t.type == type) return t.family;
  }
  return Family::kFactual;
}

Family FamilyFor(std::string_view type, std::optional<double> stance) {
  if (stance && *stance < 0) return Family::kNegative;
  if (stance && *stance > 0) return Family::kPositive;
  Family by_type = FamilyForType(type);
  // A stance type said with stance 0 is neither approval nor criticism.
  if (stance && (by_type == Family::kNegative || by_type == Family::kPositive)) {
    return Family::kFactual;
  }
  return by_type;
}

std::string_view ColorForFamily(Family family) {
  switch (family) {
    case Family::kNegative:
      return kNegativeColor;
    case Family::kPositive:
      return kPositiveColor;
    case Family::kCompetitive:
      return kCompetitiveColor;
    case Family::kSupply:
      return kSupplyColor;
    case Family::kOwnership:
      return kOwnershipColor;
    case Family::kFactual:
      return kFactualColor;
  }
  return kFactualColor;
}

std::string_view FamilyName(Family family) {
  switch (family) {
    case Family::kNegative:
      return "negative";
    case Family::kPositive:
      return "positive";
    case Family::kCompetitive:
      return "competitive";
    case Family::kSupply:
      return "supply";
    case Family::kOwnership:
      return "ownership";
    case Family::kFactual:
      return "factual";
  }
  return "factual";
}

std::string_view FamilyLegendText(Family family) {
  switch (family) {
    case Family::kNegative:
      return "restricts, criticizes";
    case Family::kPositive:
      return "approves, praises";
    case Family::kCompetitive:
      return "competes with";
    case Family::kSupply:
      return "makes, supplies, partners";
    case Family::kOwnership:
      return "leads, founded, owns";
    case Family::kFactual:
      return "other fact";
  }
  return "other fact";
}

double QuotePenWidth(size_t quotes) {
  if (quotes <= 1) return 1.0;
  return std::min(kMaxPenWidth, 1.0 + 0.8 * static_cast<double>(quotes - 1));
}

EdgeStyle StyleForRelation(const Relation& relation, bool symmetric, std::optional<Date> as_of) {
  EdgeStyle style;
  style.family = FamilyFor(relation.type, relation.stance());
  style.color = ColorForFamily(style.family);
  style.penwidth = QuotePenWidth(1);
  style.dashed = as_of.has_value() && !relation.ValidAt(*as_of);
  style.symmetric = symmetric;
  return style;
}

}  // namespace kg::viz::internal
