// Test helper: reads the geometry of a laid-out drawing from Graphviz xdot
// output (kg's --format xdot, rendered through the library): each edge's
// spline as a polyline (from the B/b operations of `_draw_`) and each label's
// box (from the T operations of `_ldraw_`, `_hldraw_`, `_tldraw_`). Used to
// check that no edge label sits on another edge's path.
#pragma once

#include <graphviz/cgraph.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace kg::viz::testing {

struct Point {
  double x = 0, y = 0;
};

struct LabelBox {
  std::string text;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct EdgeGeometry {
  std::string key;               // the edge's id attribute (r<id>)
  std::vector<Point> spline;     // sampled polyline of all its Béziers
  std::vector<LabelBox> labels;  // its label (and head/tail labels)
};

namespace xdot_internal {

inline Point Cubic(const Point* p, double t) {
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return {a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
          a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y};
}

// Walks the xdot operations in `ops`, calling on_bezier(points) for B/b and
// on_text(x, y, justify, width, font_size, text) for T.
template <typename Bezier, typename Text>
void Walk(const std::string& ops, Bezier on_bezier, Text on_text) {
  const char* p = ops.c_str();
  const char* end = p + ops.size();
  double font_size = 14;
  auto number = [&]() {
    char* next = nullptr;
    double v = std::strtod(p, &next);
    p = next;
    return v;
  };
  auto bytes = [&]() {  // "n -text"
    size_t n = static_cast<size_t>(number());
    while (p < end && *p != '-') ++p;
    ++p;
    std::string text(p, std::min(n, static_cast<size_t>(end - p)));
    p += text.size();
    return text;
  };
  while (p < end) {
    char op = *p++;
    switch (op) {
      case 'B':
      case 'b': {
        int n = static_cast<int>(number());
        std::vector<Point> pts;
        for (int i = 0; i < n; ++i) pts.push_back({number(), number()});
        on_bezier(pts);
        break;
      }
      case 'E':
      case 'e':
        for (int i = 0; i < 4; ++i) number();
        break;
      case 'P':
      case 'p':
      case 'L': {
        int n = static_cast<int>(number());
        for (int i = 0; i < 2 * n; ++i) number();
        break;
      }
      case 'T': {
        double x = number(), y = number(), j = number(), w = number();
        std::string text = bytes();
        on_text(x, y, static_cast<int>(j), w, font_size, text);
        break;
      }
      case 'F':
        font_size = number();
        bytes();
        break;
      case 'c':
      case 'C':
      case 'S':
        bytes();
        break;
      case 't':
        number();
        break;
      case 'I':
        for (int i = 0; i < 4; ++i) number();
        bytes();
        break;
      default:
        break;  // blanks
    }
  }
}

inline std::string Get(void* obj, const char* name) {
  char* v = agget(obj, const_cast<char*>(name));
  return v ? v : "";
}

}  // namespace xdot_internal

// The edges of an xdot document; empty when it does not parse.
inline std::vector<EdgeGeometry> ReadXdotEdges(const std::string& xdot) {
  std::vector<EdgeGeometry> out;
  Agraph_t* g = agmemread(xdot.c_str());
  if (g == nullptr) return out;
  for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e; e = agnxtout(g, e)) {
      EdgeGeometry edge;
      edge.key = xdot_internal::Get(e, "id");
      xdot_internal::Walk(
          xdot_internal::Get(e, "_draw_"),
          [&](const std::vector<Point>& pts) {
            for (size_t j = 0; j + 3 < pts.size(); j += 3) {
              for (int s = 0; s <= 16; ++s) {
                edge.spline.push_back(xdot_internal::Cubic(&pts[j], s / 16.0));
              }
            }
          },
          [](double, double, int, double, double, const std::string&) {});
      for (const char* attr : {"_ldraw_", "_hldraw_", "_tldraw_"}) {
        xdot_internal::Walk(
            xdot_internal::Get(e, attr), [](const std::vector<Point>&) {},
            [&](double x, double y, int j, double w, double size, const std::string& text) {
              double left = j < 0 ? x : j > 0 ? x - w : x - w / 2;
              // The baseline is y; glyphs reach about 0.25 em below it and
              // 0.75 em above.
              edge.labels.push_back({text, left, y - 0.25 * size, left + w, y + 0.75 * size});
            });
      }
      out.push_back(std::move(edge));
    }
  }
  agclose(g);
  return out;
}

inline bool SegmentsCross(Point p, Point q, Point a, Point b) {
  auto side = [](Point o, Point u, Point v) {
    return (u.x - o.x) * (v.y - o.y) - (u.y - o.y) * (v.x - o.x);
  };
  double d1 = side(a, b, p), d2 = side(a, b, q), d3 = side(p, q, a), d4 = side(p, q, b);
  return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

// Whether the polyline passes through the box.
inline bool PolylineHitsBox(const std::vector<Point>& line, const LabelBox& b) {
  auto inside = [&](Point p) { return p.x > b.x0 && p.x < b.x1 && p.y > b.y0 && p.y < b.y1; };
  Point c[4] = {{b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}, {b.x0, b.y1}};
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    if (inside(line[i]) || inside(line[i + 1])) return true;
    for (int k = 0; k < 4; ++k) {
      if (SegmentsCross(line[i], line[i + 1], c[k], c[(k + 1) % 4])) return true;
    }
  }
  return false;
}

// "label 'X' of r5 lies on the spline of r9" for every such case.
inline std::vector<std::string> LabelsOnOtherEdges(const std::vector<EdgeGeometry>& edges) {
  std::vector<std::string> problems;
  for (const EdgeGeometry& owner : edges) {
    for (const LabelBox& label : owner.labels) {
      for (const EdgeGeometry& other : edges) {
        if (&other == &owner || !PolylineHitsBox(other.spline, label)) continue;
        problems.push_back("label '" + label.text + "' of " + owner.key +
                           " lies on the spline of " + other.key);
      }
    }
  }
  return problems;
}

}  // namespace kg::viz::testing
