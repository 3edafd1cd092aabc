// The layout of large sfdp drawings without sfdp's own overlap removal.
//
// Graphviz's sfdp spends most of a large drawing's layout removing node
// overlaps (overlap=prism: a Delaunay triangulation and a stress solve per
// round, ~60% of the layout of a 200-node, 2,000-edge explorer view). Here
// sfdp only places the nodes (overlap=true), Spread separates them in well
// under a millisecond, and Graphviz's nop2 layout draws the edges between
// the given positions: the same picture in about half the time.
#pragma once

#include <cstddef>
#include <vector>

#include "core/status.h"
#include "viz/internal/graphviz.h"

namespace kg::viz::internal {

// A node's centre and size in points (its margin included).
struct Box {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

// Moves boxes apart until no two overlap, keeping the drawing's shape:
// first the whole drawing is scaled (never shrunk) so that the mean length
// of `edges` (index pairs) is kSpreadEdgeLengths times the mean box size, as
// prism's overlap_scaling does; then the boxes are placed one by one from
// the centre outwards, each moved out along the ray from the centre just as
// far as it takes to clear the boxes placed before it. Deterministic: ties
// in distance go by index.
inline constexpr double kSpreadEdgeLengths = 4.0;
void Spread(std::vector<Box>* boxes, const std::vector<std::pair<size_t, size_t>>& edges);

// The large-drawing layout above on `g` (its graph attribute layout=sfdp):
// sfdp without overlap removal, Spread (nodes grown by `margin` points on
// each side, as sep="+margin"), the legend node (if any) set beside the
// drawing's top right, every node given pos="x,y" and the graph set to
// layout=nop2, so a LayoutGuard with "nop2" then draws the edges.
Status PlaceLargeSfdp(GVC_t* gvc, Agraph_t* g, double margin);

// After the nop2 layout: the graph attributes back to those of an sfdp
// drawing (layout=sfdp, overlap=false), so xdot output names the layout.
void RestoreSfdpAttributes(Agraph_t* g);

}  // namespace kg::viz::internal
