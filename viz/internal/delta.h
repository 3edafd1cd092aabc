// An expansion drawn as a delta (RenderOptions::delta_focus): the page
// keeps the nodes it has drawn where they are; only the new nodes are
// placed, around the expanded one, and sent with the edges that touch them.
//
// Placement: the new nodes, most connected first, take the free slots of a
// sunflower spiral (Vogel's: slot k at radius c·√k, angle k times the golden
// angle) around the focus, each the first slot where its box clears every
// drawn node and every new node placed before it. Graphviz sizes and draws
// the new nodes (the nop2 layout at the chosen places, the canvas renderer);
// the edges are sent as their drawing attributes (ends, colour, width,
// dashes, arrowheads) for the page to draw as straight lines between the
// nodes, as a large drawing's edges are (splines=false).
#pragma once

#include <vector>

#include "core/result.h"
#include "viz/internal/model.h"
#include "viz/internal/spread.h"
#include "viz/render.h"

namespace kg::viz::internal {

// Places each box of `fresh` (centres ignored; sizes with their margins)
// around (fx, fy) without overlapping a box of `fixed` or an earlier one of
// `fresh`, in order. Deterministic.
void PlaceAround(double fx, double fy, const std::vector<Box>& fixed, std::vector<Box>* fresh);

// The "kg-delta 1" JSON of `model` (docs/server.md). InvalidArgument when
// the format is not canvas, a layout or root is given, the focus is not
// pinned, or a pin is not a node of the model; else as Render.
Result<Rendering> RenderDelta(const DrawModel& model, const RenderOptions& options);

}  // namespace kg::viz::internal
