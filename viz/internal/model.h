// The drawing model: what a diagram shows, decided before Graphviz is
// involved. Nodes and edges in id order with their styles, labels and
// tooltips; symmetric relations merged per pair; the large-graph decisions;
// the legend entries and the footnote. Kept free of Graphviz so the
// decisions can be tested directly.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/result_table.h"
#include "viz/internal/style.h"
#include "viz/render.h"

namespace kg::viz::internal {

struct DrawNode {
  EntityId id = 0;
  std::string label;    // raw text (unescaped); "" when unlabelled
  std::string tooltip;  // raw text
  std::string kind;     // the entity's labels joined by ':' ("" for none)
  const NodeStyle* style = nullptr;
  size_t degree = 0;         // drawn edges at this node (a self-loop counts twice)
  bool placeholder = false;  // an endpoint that was not in the subgraph
  // Size factor from RenderOptions::node_scores: 1..kMaxScoreScale, or 0 when
  // no scores were given (default size, no size attributes emitted).
  double scale = 0.0;
};

// The relations of one type within a drawn edge.
struct Strand {
  std::string type;
  size_t quotes = 0;  // relations of this type behind the edge
  EdgeStyle style;    // family and colour of this type's relations
};

struct DrawEdge {
  std::string key;    // Graphviz edge key and SVG id: "r<lowest relation id>"
  EntityId tail = 0;  // for a symmetric edge the lower entity id
  EntityId head = 0;
  std::string type;  // the first strand's type
  // One per relation type, most quotes first. Several only in a star
  // (RenderOptions::root), where one edge joins the centre to a neighbour
  // and is drawn as parallel lines, one per type, in each type's colour.
  std::vector<Strand> strands;
  // Raw text: per strand "TYPE" or "TYPE ×N", one line each; "" in a large
  // drawing.
  std::string label;
  std::string tooltip;  // raw text; "" in a large drawing, which shows none
  EdgeStyle style;      // family and colour of the first strand; width from all quotes
  std::vector<RelationId> relations;  // merged relations, ascending
  bool both_ways = false;             // a star's merged relations run in both directions
  // With RenderOptions::diff: what the edge's relations did between the dates.
  std::optional<Change> change;
};

struct LegendEntries {
  std::vector<const NodeStyle*> kinds;  // in StyledKinds() order, default last
  std::vector<Family> families;         // in enum order
  bool symmetric = false;
  bool dashed = false;
  std::string size_by;  // "size: <this>" line; "" without node scores
  bool diff = false;    // a diff drawing: the change rows replace the families
};

struct DrawModel {
  std::vector<DrawNode> nodes;  // ascending id
  std::vector<DrawEdge> edges;  // ascending key relation id
  bool large = false;
  bool dense = false;  // see kDenseGraphNodes
  size_t labelled_nodes = 0;
  LegendEntries legend;
  std::string footnote;  // "Source: ... · 2025-07-16" (raw text)
};

// Builds the model. InvalidArgument when the subgraph is empty or has more
// than kMaxNodes nodes (placeholders included).
Result<DrawModel> BuildModel(const Subgraph& graph, const RenderOptions& options);

// The footnote for these relations: their distinct sources (at most three
// named, then "and N more"), each shown as `source_titles` has it ("Title —
// Publisher") or else as its `source` value, and the range of their `date`
// values, or "kg" when none has a source; plus "as of DATE" when given.
std::string Footnote(const std::vector<const Relation*>& relations, const RenderOptions& options);

}  // namespace kg::viz::internal
