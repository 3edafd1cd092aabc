// Fixed node positions (RenderOptions::pins) and the centre of a radial
// drawing (RenderOptions::root): their checks against the drawing model and
// the Graphviz attributes that make neato and fdp keep the positions.
#pragma once

#include "core/status.h"
#include "viz/internal/graphviz.h"
#include "viz/internal/model.h"
#include "viz/render.h"

namespace kg::viz::internal {

// OK when every pinned id and the root are nodes of `model`, pins come with
// the layout that honours positions (neato) and every coordinate is
// finite and within kMaxPinCoordinate; else InvalidArgument naming the
// offending id ("pins: entity 12 is not drawn ...").
Status CheckPinsAndRoot(const DrawModel& model, const RenderOptions& options, Layout layout);

// Sets pos="x,y!" (in points: inputscale=72) on every pinned node of `g`
// and, on the graph, notranslate=true, mode=KK and overlap=true, so neato
// neither moves a pinned node nor shifts the drawing back to the origin.
// Nothing without pins.
void ApplyPins(Agraph_t* g, const RenderOptions& options);

}  // namespace kg::viz::internal
