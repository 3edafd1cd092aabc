// Edge label placement after layout. Graphviz's force-directed and radial
// engines (neato, fdp, sfdp, circo, twopi) put an edge label at the middle
// of its spline whatever lies there, so in a star the labels of
// neighbouring spokes sit on each other's lines. This pass puts every label
// at the first spot along its own edge (beside it, then on it, from the
// middle outwards) that is clear of the other edges' splines, the nodes and
// the labels placed before it, so that no label ever sits on another edge's
// path. With `keep_free_layout_spots` (dot, whose labels are laid out as
// virtual nodes) a label whose layout spot is already clear stays there.
#pragma once

#include <gvc.h>

#include <cstddef>

namespace kg::viz::internal {

// What the pass did, for the caller's notes and the tests.
struct LabelPlacement {
  size_t moved = 0;    // labels moved to a free spot
  size_t blocked = 0;  // labels with no free spot: left out (text kept in the tooltip)
};

// Runs on a laid-out graph (between gvLayout and rendering). A label that
// finds no free spot is removed from the drawing (its edge keeps its
// tooltip, which names the type) rather than drawn over another edge.
LabelPlacement PlaceEdgeLabels(Agraph_t* graph, bool keep_free_layout_spots);

}  // namespace kg::viz::internal
