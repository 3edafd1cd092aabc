// Pinned positions and the radial root (see pins.h).
#include "viz/internal/pins.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "viz/internal/build.h"

namespace kg::viz::internal {
namespace {

bool Drawn(const DrawModel& model, EntityId id) {
  auto found = std::lower_bound(model.nodes.begin(), model.nodes.end(), id,
                                [](const DrawNode& n, EntityId want) { return n.id < want; });
  return found != model.nodes.end() && found->id == id && !found->placeholder;
}

bool Fine(double v) { return std::isfinite(v) && std::fabs(v) <= kMaxPinCoordinate; }

// Two decimals, as Graphviz writes coordinates.
std::string Coordinate(double v) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

}  // namespace

Status CheckPinsAndRoot(const DrawModel& model, const RenderOptions& options, Layout layout) {
  if (options.root && !Drawn(model, *options.root))
    return Status::InvalidArgument("root: entity " + std::to_string(*options.root) +
                                   " is not drawn; the centre must be one of the drawing's nodes");
  if (options.pins.empty()) return Status::OK();
  if (layout != Layout::kNeato)
    return Status::InvalidArgument("pins: the " + std::string(LayoutName(layout)) +
                                   " layout cannot keep nodes in place; use neato");
  for (const auto& [id, at] : options.pins) {
    if (!Drawn(model, id))
      return Status::InvalidArgument("pins: entity " + std::to_string(id) +
                                     " is not drawn; pin only nodes of the drawing");
    if (!Fine(at.x) || !Fine(at.y))
      return Status::InvalidArgument("pins: the position of entity " + std::to_string(id) +
                                     " must be finite and within " + Coordinate(kMaxPinCoordinate) +
                                     " points");
  }
  return Status::OK();
}

void ApplyPins(Agraph_t* g, const RenderOptions& options) {
  if (options.pins.empty()) return;
  // Graphviz 2.42's neato keeps a pinned node's place only in Kamada-Kawai
  // mode (stress majorization re-centres the drawing), and only without
  // overlap removal (which moves every node, pinned or not): pinned nodes
  // come from a drawing without overlaps, the springs keep new ones apart.
  SetAttr(g, "mode", "KK");
  SetAttr(g, "overlap", "true");
  SetAttr(g, "notranslate", "true");
  SetAttr(g, "inputscale", "72");
  for (const auto& [id, at] : options.pins) {
    Agnode_t* node = agnode(g, Str(NodeName(id).c_str()), 0);
    if (node == nullptr) continue;  // CheckPinsAndRoot ran first
    SetAttr(node, "pos", Coordinate(at.x) + "," + Coordinate(at.y) + "!");
    SetAttr(node, "pin", "true");
  }
}

}  // namespace kg::viz::internal
