// Edge label placement after layout (see labels.h).
#include "viz/internal/labels.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kg::viz::internal {
namespace {

struct Box {
  double x0, y0, x1, y1;
};

using Polyline = std::vector<pointf>;

constexpr int kBezierSteps = 12;    // samples per cubic piece
constexpr double kClearance = 1.5;  // points kept free around a label

pointf Cubic(const pointf* p, double t) {
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return {a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
          a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y};
}

// The edge's splines as one polyline (Graphviz stores piecewise cubic
// Béziers: 1 + 3k control points per piece).
Polyline EdgePolyline(Agedge_t* e) {
  Polyline out;
  splines* spl = ED_spl(e);
  if (spl == nullptr) return out;
  for (int i = 0; i < spl->size; ++i) {
    const bezier& bz = spl->list[i];
    for (int j = 0; j + 3 < bz.size; j += 3) {
      for (int s = (j == 0 ? 0 : 1); s <= kBezierSteps; ++s) {
        out.push_back(Cubic(&bz.list[j], static_cast<double>(s) / kBezierSteps));
      }
    }
  }
  return out;
}

bool Inside(const Box& b, pointf p) {
  return p.x >= b.x0 && p.x <= b.x1 && p.y >= b.y0 && p.y <= b.y1;
}

// Whether segment pq crosses the segment ab.
bool Cross(pointf p, pointf q, pointf a, pointf b) {
  auto side = [](pointf o, pointf u, pointf v) {
    return (u.x - o.x) * (v.y - o.y) - (u.y - o.y) * (v.x - o.x);
  };
  double d1 = side(a, b, p), d2 = side(a, b, q), d3 = side(p, q, a), d4 = side(p, q, b);
  return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

bool SegmentHitsBox(pointf p, pointf q, const Box& b) {
  if (Inside(b, p) || Inside(b, q)) return true;
  pointf c[4] = {{b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}, {b.x0, b.y1}};
  for (int i = 0; i < 4; ++i) {
    if (Cross(p, q, c[i], c[(i + 1) % 4])) return true;
  }
  return false;
}

bool PolylineHitsBox(const Polyline& line, const Box& b) {
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    if (SegmentHitsBox(line[i], line[i + 1], b)) return true;
  }
  return false;
}

bool Overlap(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

Box LabelBox(pointf centre, pointf size, double clearance) {
  return {centre.x - size.x / 2 - clearance, centre.y - size.y / 2 - clearance,
          centre.x + size.x / 2 + clearance, centre.y + size.y / 2 + clearance};
}

Box NodeBox(Agnode_t* n) {
  pointf c = ND_coord(n);
  double w = ND_width(n) * 72 / 2, h = ND_height(n) * 72 / 2;
  return {c.x - w, c.y - h, c.x + w, c.y + h};
}

// The point at fraction `t` of the polyline's length, and the unit normal
// there.
std::pair<pointf, pointf> PointAt(const Polyline& line, double t) {
  double total = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    total += std::hypot(line[i + 1].x - line[i].x, line[i + 1].y - line[i].y);
  }
  double want = t * total;
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    double dx = line[i + 1].x - line[i].x, dy = line[i + 1].y - line[i].y;
    double len = std::hypot(dx, dy);
    if (len > 0 && want <= len) {
      double f = want / len;
      return {{line[i].x + f * dx, line[i].y + f * dy}, {-dy / len, dx / len}};
    }
    want -= len;
  }
  return {line.back(), {0, 1}};
}

struct Scene {
  std::vector<Agedge_t*> edges;
  std::vector<Polyline> lines;
  std::vector<Box> nodes;   // nodes, and the graph's and clusters' labels
  std::vector<Box> placed;  // labels already placed
  Box drawing{};            // the layout's bounding box: labels stay inside
};

bool Contains(const Box& outer, const Box& inner) {
  return outer.x0 <= inner.x0 && inner.x1 <= outer.x1 && outer.y0 <= inner.y0 &&
         inner.y1 <= outer.y1;
}

bool Free(const Scene& scene, size_t self, const Box& box) {
  if (!Contains(scene.drawing, box)) return false;
  for (size_t i = 0; i < scene.edges.size(); ++i) {
    if (i != self && PolylineHitsBox(scene.lines[i], box)) return false;
  }
  for (const Box& n : scene.nodes) {
    if (Overlap(n, box)) return false;
  }
  for (const Box& l : scene.placed) {
    if (Overlap(l, box)) return false;
  }
  return true;
}

// Candidate centres along the edge, from its middle outwards: beside it on
// either side (text clear of its own line reads best), then on it, then
// further out; the layout's own spot when the edge has no spline.
std::vector<pointf> Candidates(const Polyline& line, pointf current, pointf size) {
  if (line.size() < 2) return {current};
  std::vector<pointf> out;
  const double fractions[] = {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8, 0.14, 0.86};
  for (double side : {1.0, -1.0, 0.0, 2.0, -2.0, 3.0, -3.0}) {
    for (double t : fractions) {
      auto [p, normal] = PointAt(line, t);
      // Far enough to the side that the box clears its own line.
      double reach = side * (std::abs(normal.x) * size.x + std::abs(normal.y) * size.y) / 2 +
                     side * (kClearance + 1);
      out.push_back({p.x + normal.x * reach, p.y + normal.y * reach});
    }
  }
  // Last resort: beyond either end, past the node there (outside a star's
  // ring no edge runs).
  for (bool far_end : {true, false}) {
    pointf tip = far_end ? line.back() : line.front();
    pointf prev = far_end ? line[line.size() - 2] : line[1];
    double dx = tip.x - prev.x, dy = tip.y - prev.y, len = std::hypot(dx, dy);
    if (len == 0) continue;
    for (double k = 1; k <= 8; ++k) {
      double reach = k * (size.x + size.y) / 4;
      out.push_back({tip.x + dx / len * reach, tip.y + dy / len * reach});
    }
  }
  return out;
}

// The labels of a graph and of its subgraphs (a title drawn as a cluster's
// label, the footnote as the root's): no edge label may cover them.
void CollectGraphLabels(Agraph_t* g, std::vector<Box>* out) {
  textlabel_t* label = GD_label(g);
  if (label != nullptr && label->set) out->push_back(LabelBox(label->pos, label->dimen, 0));
  for (Agraph_t* sub = agfstsubg(g); sub != nullptr; sub = agnxtsubg(sub)) {
    CollectGraphLabels(sub, out);
  }
}

Scene Collect(Agraph_t* g) {
  Scene scene;
  boxf bb = GD_bb(g);
  scene.drawing = {bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y};
  CollectGraphLabels(g, &scene.nodes);
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    scene.nodes.push_back(NodeBox(n));
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e)) {
      scene.edges.push_back(e);
      scene.lines.push_back(EdgePolyline(e));
    }
  }
  return scene;
}

}  // namespace

LabelPlacement PlaceEdgeLabels(Agraph_t* graph, bool keep_free_layout_spots) {
  LabelPlacement result;
  Scene scene = Collect(graph);
  for (size_t i = 0; i < scene.edges.size(); ++i) {
    textlabel_t* label = ED_label(scene.edges[i]);
    if (label == nullptr || !label->set) continue;
    bool placed = false;
    std::vector<pointf> candidates = Candidates(scene.lines[i], label->pos, label->dimen);
    if (keep_free_layout_spots) candidates.insert(candidates.begin(), label->pos);
    for (pointf c : candidates) {
      Box box = LabelBox(c, label->dimen, kClearance);
      if (!Free(scene, i, box)) continue;
      if (c.x != label->pos.x || c.y != label->pos.y) ++result.moved;
      label->pos = c;
      scene.placed.push_back(LabelBox(c, label->dimen, 0));
      placed = true;
      break;
    }
    if (!placed) {
      // Drawn nowhere rather than over another edge; the edge's tooltip
      // still names the relation.
      label->set = false;
      ++result.blocked;
    }
  }
  return result;
}

}  // namespace kg::viz::internal
