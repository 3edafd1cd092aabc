// The "canvas" diagram format: a laid-out drawing as JSON drawing
// operations, for a page that paints them on an HTML <canvas> (the web
// explorer's large drawings, docs/server.md "The canvas format").
//
// It is a Graphviz render plugin, so the operations are the ones Graphviz's
// emitter hands its SVG renderer (every node shape, edge curve, arrowhead,
// label and legend cell, in the same order, with the same coordinates and
// colours); only the encoding differs: one JSON object per node and edge
// with its id, class and ends, and no markup around the shapes.
#pragma once

#include <gvc.h>

namespace kg::viz::internal {

// The Graphviz device (and renderer) name of the format.
inline constexpr const char* kCanvasDevice = "kg_canvas";

// Registers the canvas renderer with the context. Call once per context,
// before its first gvRenderData with kCanvasDevice.
void AddCanvasPlugin(GVC_t* gvc);

}  // namespace kg::viz::internal
