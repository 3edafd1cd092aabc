// An expansion drawn as a delta (see delta.h).
#include "viz/internal/delta.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "core/json.h"
#include "viz/internal/build.h"
#include "viz/internal/canvas.h"
#include "viz/internal/graphviz.h"
#include "viz/internal/pins.h"
#include "viz/internal/style.h"

namespace kg::viz::internal {
namespace {

constexpr double kGoldenAngle = 2.399963229728653;
// Vogel's spiral puts neighbouring slots about 1.77 c apart; a little less
// than the typical box leaves the placement a few misses, not holes.
constexpr double kSlotsPerBox = 1.6;
// Slots tried for one box before it is put at the last one regardless
// (never reached: the spiral leaves the drawn nodes behind).
constexpr size_t kMaxSlotsTried = 1000000;

bool Overlap(double x, double y, const Box& b, const Box& o) {
  return std::fabs(x - o.x) < (b.width + o.width) / 2 &&
         std::fabs(y - o.y) < (b.height + o.height) / 2;
}

// The size a pinned node that is not redrawn has on the page, in points
// with its margin: Graphviz's dot or, for a labelled node, an estimate
// from its label (11-point Helvetica, ~0.55 em a character).
Box DrawnSize(const DrawNode& n) {
  double scale = std::max(n.scale, 1.0);
  if (n.label.empty()) {
    double d = 0.16 * scale * 72 + 2 * kNodeMargin;
    return Box{0, 0, d, d};
  }
  size_t chars = 0;
  for (unsigned char c : n.label) chars += (c & 0xC0) != 0x80;
  double w = std::max(0.75 * 72 * scale, static_cast<double>(chars) * 11 * scale * 0.55 + 17);
  return Box{0, 0, w + 2 * kNodeMargin, 0.5 * 72 * scale + 2 * kNodeMargin};
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

Status CheckDelta(const DrawModel& model, const RenderOptions& options) {
  if (options.format != Format::kCanvas)
    return Status::InvalidArgument("an expansion's delta is drawn as canvas JSON only");
  if (options.layout || options.root)
    return Status::InvalidArgument(
        "layout: an expansion is placed around its focus; draw the whole view for a layout");
  EntityId focus = *options.delta_focus;
  if (!options.pins.contains(focus))
    return Status::InvalidArgument("focus: entity " + std::to_string(focus) +
                                   " has no position in pins; expand a node the page has drawn");
  return CheckPinsAndRoot(model, options, Layout::kNeato);
}

// [key, tail, head, colour, width, dashed, arrows, class]: arrows 0 at the
// head, 1 none, 2 both.
void AppendEdge(const DrawEdge& e, std::string* out) {
  out->push_back('[');
  AppendJsonString(e.key, out);
  *out += "," + std::to_string(e.tail) + "," + std::to_string(e.head) + ",";
  AppendJsonString(e.style.color, out);
  *out += "," + Number(e.style.penwidth) + "," + (e.style.dashed ? "1" : "0") + ",";
  *out += e.both_ways ? "2" : e.style.symmetric ? "1" : "0";
  out->push_back(',');
  AppendJsonString("type-" + e.type + " family-" + std::string(FamilyName(e.style.family)), out);
  out->push_back(']');
}

// The drawing model of the nodes Graphviz draws: the new ones and, when
// asked, the pinned ones; no edges, the full view's legend and footnote.
DrawModel NodesToDraw(const DrawModel& model, const RenderOptions& options) {
  DrawModel m;
  m.large = model.large;
  m.dense = model.dense;
  m.labelled_nodes = model.labelled_nodes;
  m.legend = model.legend;
  m.footnote = model.footnote;
  for (const DrawNode& n : model.nodes) {
    if (options.delta_redraw_pinned || !options.pins.contains(n.id)) m.nodes.push_back(n);
  }
  return m;
}

// Puts the root graph's label (the caption) centred under `bb`, with the
// room Graphviz gives a root label (4 x 4 points across, 2 x 4 down), and
// grows `bb` to hold it.
void PlaceCaption(Agraph_t* g, boxf* bb) {
  textlabel_t* caption = GD_label(g);
  if (caption == nullptr) return;
  double w = caption->dimen.x + 16, h = caption->dimen.y + 8;
  double cx = (bb->LL.x + bb->UR.x) / 2;
  caption->pos = pointf{cx, bb->LL.y - h / 2};
  caption->set = 1;
  bb->LL.x = std::min(bb->LL.x, cx - w / 2);
  bb->UR.x = std::max(bb->UR.x, cx + w / 2);
  bb->LL.y -= h;
}

}  // namespace

void PlaceAround(double fx, double fy, const std::vector<Box>& fixed, std::vector<Box>* fresh) {
  if (fresh->empty()) return;
  std::vector<double> sizes;
  for (const Box& b : *fresh) sizes.push_back(std::max(b.width, b.height));
  std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
  double c = std::max(1.0, sizes[sizes.size() / 2] / kSlotsPerBox);
  std::vector<char> taken(1, 1);  // slot 0 is the focus
  // The slots' places, made once each: every box tries the free ones from
  // the first free slot on.
  std::vector<std::pair<double, double>> slots(1, {fx, fy});
  size_t first_free = 1;
  for (size_t i = 0; i < fresh->size(); ++i) {
    Box& b = (*fresh)[i];
    for (size_t k = first_free, tried = 0;; ++k, ++tried) {
      if (k >= taken.size()) taken.resize(k + 1, 0);
      if (taken[k]) continue;
      while (slots.size() <= k) {
        double s = static_cast<double>(slots.size());
        double r = c * std::sqrt(s), a = kGoldenAngle * s;
        slots.emplace_back(fx + r * std::cos(a), fy + r * std::sin(a));
      }
      double x = slots[k].first, y = slots[k].second;
      bool clear = tried >= kMaxSlotsTried;
      if (!clear) {
        clear = std::none_of(fixed.begin(), fixed.end(),
                             [&](const Box& o) { return Overlap(x, y, b, o); }) &&
                std::none_of(fresh->begin(), fresh->begin() + static_cast<std::ptrdiff_t>(i),
                             [&](const Box& o) { return Overlap(x, y, b, o); });
      }
      if (!clear) continue;
      b.x = x;
      b.y = y;
      taken[k] = 1;
      break;
    }
    while (first_free < taken.size() && taken[first_free]) ++first_free;
  }
}

// Over 60 lines: the steps share the Graphviz lock and the graph; each is
// a few lines (check, build, size, place, bound, render, write).
Result<Rendering> RenderDelta(const DrawModel& model, const RenderOptions& options) {
  KG_RETURN_IF_ERROR(CheckDelta(model, options));
  DrawModel drawn = NodesToDraw(model, options);
  Rendering out;
  out.layout = Layout::kNeato;
  out.nodes = drawn.nodes.size();
  out.large = model.large;
  out.dense = model.dense;
  out.labelled_nodes = model.labelled_nodes;

  KG_ASSIGN_OR_RETURN(GraphvizLock graphviz, GraphvizLock::Acquire());
  GVC_t* gvc = graphviz.gvc();
  KG_RETURN_IF_ERROR(CheckPlugin(gvc, "layout", "nop2"));
  KG_RETURN_IF_ERROR(CheckPlugin(gvc, "device", kCanvasDevice));
  // The caption (title, footnote) is the whole view's, as in a full
  // drawing; placed under it below.
  GraphPtr graph = BuildGraph(drawn, options, Layout::kNeato);
  Agraph_t* g = graph.get();
  SetAttr(g, "size", "");
  SetAttr(g, "overlap", "true");
  SetAttr(g, "notranslate", "true");
  SetAttr(g, "layout", "nop2");
  // Graphviz sizes the nodes (nop2 at any place); they are then moved.
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) SetAttr(n, "pos", "0,0");
  LayoutGuard layout(gvc, g, "nop2");
  KG_RETURN_IF_ERROR(layout.status());

  std::vector<Box> fixed;
  std::vector<std::pair<const DrawNode*, Agnode_t*>> fresh_nodes;
  for (const DrawNode& n : model.nodes) {
    Agnode_t* node = agnode(g, Str(NodeName(n.id).c_str()), 0);
    Box box = node != nullptr ? Box{0, 0, ND_width(node) * 72 + 2 * kNodeMargin,
                                    ND_height(node) * 72 + 2 * kNodeMargin}
                              : DrawnSize(n);
    auto pin = options.pins.find(n.id);
    if (pin == options.pins.end()) {
      fresh_nodes.emplace_back(&n, node);
      continue;
    }
    box.x = pin->second.x;
    box.y = pin->second.y;
    fixed.push_back(box);
    if (node != nullptr) ND_coord(node) = pointf{box.x, box.y};
  }
  // Most connected first, nearest the focus.
  std::stable_sort(fresh_nodes.begin(), fresh_nodes.end(),
                   [](const auto& a, const auto& b) { return a.first->degree > b.first->degree; });
  std::vector<Box> fresh;
  for (const auto& [n, node] : fresh_nodes)
    fresh.push_back(
        Box{0, 0, ND_width(node) * 72 + 2 * kNodeMargin, ND_height(node) * 72 + 2 * kNodeMargin});
  const PinPosition& focus = options.pins.at(*options.delta_focus);
  PlaceAround(focus.x, focus.y, fixed, &fresh);

  boxf bb{{1e300, 1e300}, {-1e300, -1e300}};
  auto extend = [&](const Box& b) {
    bb.LL.x = std::min(bb.LL.x, b.x - b.width / 2);
    bb.LL.y = std::min(bb.LL.y, b.y - b.height / 2);
    bb.UR.x = std::max(bb.UR.x, b.x + b.width / 2);
    bb.UR.y = std::max(bb.UR.y, b.y + b.height / 2);
  };
  for (const Box& b : fixed) extend(b);
  for (size_t i = 0; i < fresh.size(); ++i) {
    ND_coord(fresh_nodes[i].second) = pointf{fresh[i].x, fresh[i].y};
    extend(fresh[i]);
  }
  // The legend under the whole view's left edge.
  if (Agnode_t* legend = agnode(g, Str("legend"), 0)) {
    double w = ND_width(legend) * 72, h = ND_height(legend) * 72;
    Box box{bb.LL.x + w / 2, bb.LL.y - 2 * kNodeMargin - h / 2, w, h};
    ND_coord(legend) = pointf{box.x, box.y};
    extend(box);
  }
  PlaceCaption(g, &bb);
  GD_bb(g) = bb;
  KG_ASSIGN_OR_RETURN(std::string drawing, RenderData(gvc, g, kCanvasDevice));

  std::string& json = out.data;
  json =
      "{\"format\":\"kg-delta 1\",\"focus\":" + std::to_string(*options.delta_focus) + ",\"new\":[";
  for (size_t i = 0; i < fresh_nodes.size(); ++i)
    json += (i ? "," : "") + std::to_string(fresh_nodes[i].first->id);
  json += "],\"drawing\":" + drawing + ",\"edges\":[";
  bool first = true;
  for (const DrawEdge& e : model.edges) {
    if (!options.delta_redraw_pinned && options.pins.contains(e.tail) &&
        options.pins.contains(e.head))
      continue;
    if (!first) json.push_back(',');
    first = false;
    AppendEdge(e, &json);
    ++out.edges;
  }
  json += "]}";
  return out;
}

}  // namespace kg::viz::internal
