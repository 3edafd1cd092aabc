// Turns a drawing model into a styled cgraph graph: global defaults, one
// Graphviz node per entity and one edge per drawn edge (both in id order, so
// output is deterministic), the title block and the legend.
#pragma once

#include <string>

#include "viz/internal/graphviz.h"
#include "viz/internal/model.h"
#include "viz/render.h"

namespace kg::viz::internal {

// The room kept around each node by the force-directed layouts, in points
// (their sep="+6"; Spread's margin).
inline constexpr double kNodeMargin = 6;

// The Graphviz node name of an entity ("n<id>"); also its SVG id.
std::string NodeName(EntityId id);

// The graph for `model`, styled for `layout`. The legend node is named
// "legend" and is added only when options.legend is set.
GraphPtr BuildGraph(const DrawModel& model, const RenderOptions& options, Layout layout);

// The HTML-like legend table (without the outer <>), listing only the
// entries in model.legend.
std::string LegendHtml(const DrawModel& model, const RenderOptions& options);

// The HTML-like title block drawn above the diagram.
std::string TitleHtml(const std::string& title);

// The HTML-like caption under the diagram: the title (when given, for
// layouts without cluster labels) over the footnote, then the note (when
// given, in italics).
std::string CaptionHtml(const std::string& title, const std::string& footnote,
                        const std::string& note);

// Whether `layout` draws cluster labels (dot, fdp), so the title can sit on
// top of the drawing.
bool HasClusterLabels(Layout layout);

}  // namespace kg::viz::internal
