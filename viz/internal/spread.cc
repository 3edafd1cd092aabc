// Overlap removal for large sfdp drawings (see spread.h).
#include "viz/internal/spread.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <unordered_map>

namespace kg::viz::internal {
namespace {

// The open interval of t where box `q` moved to (x0 + t*ux, y0 + t*uy)
// overlaps `r`; empty (lo >= hi) when it never does.
struct Interval {
  double lo;
  double hi;
};

// The t in which |c + t*u - target| < half, for one axis.
Interval Slab(double c, double u, double target, double half) {
  constexpr double kInf = 1e300;
  if (u == 0) {
    if (std::fabs(c - target) < half) return {-kInf, kInf};
    return {0, 0};
  }
  double a = (target - half - c) / u;
  double b = (target + half - c) / u;
  return {std::min(a, b), std::max(a, b)};
}

// The smallest t >= 0 at which `q`, moved along (ux, uy), overlaps none of
// `placed`.
double ClearDistance(const Box& q, double ux, double uy, const std::vector<const Box*>& placed) {
  std::vector<Interval> blocked;
  for (const Box* r : placed) {
    Interval x = Slab(q.x, ux, r->x, (q.width + r->width) / 2);
    Interval y = Slab(q.y, uy, r->y, (q.height + r->height) / 2);
    Interval both{std::max(x.lo, y.lo), std::min(x.hi, y.hi)};
    if (both.lo < both.hi && both.hi > 0) blocked.push_back(both);
  }
  std::sort(blocked.begin(), blocked.end(),
            [](const Interval& a, const Interval& b) { return a.lo < b.lo; });
  // Sorted by start: once an interval starts at or after t, none later
  // covers t (the intervals are open).
  double t = 0;
  for (const Interval& i : blocked) {
    if (i.lo >= t) break;
    t = std::max(t, i.hi);
  }
  return t;
}

double MeanEdgeLength(const std::vector<Box>& boxes,
                      const std::vector<std::pair<size_t, size_t>>& edges) {
  double sum = 0;
  size_t n = 0;
  for (const auto& [a, b] : edges) {
    if (a == b) continue;
    sum += std::hypot(boxes[a].x - boxes[b].x, boxes[a].y - boxes[b].y);
    ++n;
  }
  return n == 0 ? 0 : sum / static_cast<double>(n);
}

std::string Point(double x, double y) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.2f,%.2f", x, y);
  return buf;
}

}  // namespace

void Spread(std::vector<Box>* boxes, const std::vector<std::pair<size_t, size_t>>& edges) {
  std::vector<Box>& b = *boxes;
  if (b.size() < 2) return;
  double size = 0;
  for (const Box& box : b) size += (box.width + box.height) / 2;
  size /= static_cast<double>(b.size());
  double length = MeanEdgeLength(b, edges);
  double scale = length > 0 ? std::max(1.0, kSpreadEdgeLengths * size / length) : 1.0;
  double cx = 0, cy = 0;
  for (Box& box : b) {
    box.x *= scale;
    box.y *= scale;
    cx += box.x;
    cy += box.y;
  }
  cx /= static_cast<double>(b.size());
  cy /= static_cast<double>(b.size());
  std::vector<size_t> order(b.size());
  std::iota(order.begin(), order.end(), 0);
  auto distance = [&](size_t i) { return std::hypot(b[i].x - cx, b[i].y - cy); };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t i, size_t j) { return distance(i) < distance(j); });
  std::vector<const Box*> placed;
  placed.reserve(b.size());
  for (size_t k = 0; k < order.size(); ++k) {
    Box& q = b[order[k]];
    double dx = q.x - cx, dy = q.y - cy, d = std::hypot(dx, dy);
    // A box at the very centre goes out at a fixed angle per rank (golden
    // angle), so coincident boxes fan out instead of queueing on one ray.
    if (d < 1e-9) {
      double angle = 2.399963229728653 * static_cast<double>(k);
      dx = std::cos(angle), dy = std::sin(angle), d = 1;
    }
    double t = ClearDistance(q, dx / d, dy / d, placed);
    q.x += t * dx / d;
    q.y += t * dy / d;
    placed.push_back(&q);
  }
}

Status PlaceLargeSfdp(GVC_t* gvc, Agraph_t* g, double margin) {
  SetAttr(g, "overlap", "true");
  // Only the nodes' places are wanted from sfdp: no edges (splines=""),
  // which nop2 draws once the nodes are where they end up.
  std::string splines = agget(g, Str("splines")) ? agget(g, Str("splines")) : "";
  SetAttr(g, "splines", "");
  std::vector<Agnode_t*> nodes;
  std::vector<Box> boxes;
  std::vector<std::pair<size_t, size_t>> edges;
  Agnode_t* legend = agnode(g, Str("legend"), 0);
  Box legend_box;
  std::unordered_map<Agnode_t*, size_t> index;
  {
    LayoutGuard sfdp(gvc, g, "sfdp");
    KG_RETURN_IF_ERROR(sfdp.status());
    for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
      Box box{ND_coord(n).x, ND_coord(n).y, ND_width(n) * 72 + 2 * margin,
              ND_height(n) * 72 + 2 * margin};
      if (n == legend) {
        legend_box = box;
        continue;
      }
      index[n] = nodes.size();
      nodes.push_back(n);
      boxes.push_back(box);
    }
    for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
      if (n == legend) continue;
      for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e))
        edges.emplace_back(index.at(agtail(e)), index.at(aghead(e)));
    }
  }
  SetAttr(g, "splines", splines);
  Spread(&boxes, edges);
  double right = -1e300, top = -1e300;
  for (size_t i = 0; i < nodes.size(); ++i) {
    SetAttr(nodes[i], "pos", Point(boxes[i].x, boxes[i].y));
    right = std::max(right, boxes[i].x + boxes[i].width / 2);
    top = std::max(top, boxes[i].y + boxes[i].height / 2);
  }
  if (legend != nullptr) {
    double x = nodes.empty() ? 0 : right + legend_box.width / 2;
    double y = nodes.empty() ? 0 : top - legend_box.height / 2;
    SetAttr(legend, "pos", Point(x, y));
  }
  SetAttr(g, "layout", "nop2");
  return Status::OK();
}

void RestoreSfdpAttributes(Agraph_t* g) {
  SetAttr(g, "layout", "sfdp");
  SetAttr(g, "overlap", "false");
}

}  // namespace kg::viz::internal
