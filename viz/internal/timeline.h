// The cgraph graph of a timeline drawing (viz::RenderTimeline): a date
// axis down the left side, one rank per date row, entries as boxes.
#pragma once

#include "core/timeline.h"
#include "viz/internal/graphviz.h"
#include "viz/render.h"

namespace kg::viz::internal {

// At most this many entries side by side; a date with more wraps onto
// further rows under the same date.
inline constexpr size_t kTimelineRowEntries = 4;

// The graph for `timeline` (which has entries), laid out by dot. Entry
// nodes are named and have SVG ids "e<index>" with class "kind-<kind>"
// ("kind-event-start", "kind-begins", ...); date labels "d<row>".
GraphPtr BuildTimelineGraph(const Timeline& timeline, const RenderOptions& options);

}  // namespace kg::viz::internal
