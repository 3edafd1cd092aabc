// The canvas format (viz/internal/canvas.h): the same drawing as the SVG,
// as JSON drawing operations. Checked against the SVG Graphviz writes for
// the same graph and options: the same nodes and edges (ids, classes,
// ends), the same texts in the same order, the same ellipses and polygons
// at the same coordinates, the same viewBox and transform.
#include <cmath>
#include <cstdio>
#include <regex>
#include <string>
#include <vector>

#include "core/json.h"
#include "gtest/gtest.h"
#include "tests/viz/sample_graph.h"
#include "tests/viz/svg_reader.h"
#include "viz/render.h"

namespace kg::viz::testing {
namespace {

const ValueMap& Map(const Value& v) { return v.as_map(); }

std::string Text(const ValueMap& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? "" : it->second.as_string();
}

double Num(const Value& v) { return v.is_int() ? static_cast<double>(v.as_int()) : v.as_double(); }

struct Drawings {
  SvgDocument svg;
  Value canvas;
};

Drawings Both(const Subgraph& graph, RenderOptions options) {
  Drawings out;
  options.format = Format::kSvg;
  Result<Rendering> svg = Render(graph, options);
  EXPECT_TRUE(svg.ok()) << svg.status().ToString();
  if (svg.ok()) out.svg = ParseSvg(svg->data);
  options.format = Format::kCanvas;
  Result<Rendering> canvas = Render(graph, options);
  EXPECT_TRUE(canvas.ok()) << canvas.status().ToString();
  if (!canvas.ok()) return out;
  Result<Value> parsed = ParseJson(canvas->data);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString() << "\n" << canvas->data.substr(0, 400);
  if (parsed.ok()) out.canvas = *parsed;
  return out;
}

const ValueList& Objects(const Value& canvas) { return Map(canvas).at("objects").as_list(); }

// Every operation of the drawing named `op`, in order.
std::vector<ValueList> Ops(const Value& canvas, const std::string& op) {
  std::vector<ValueList> out;
  for (const Value& o : Objects(canvas))
    for (const Value& v : Map(o).at("ops").as_list())
      if (v.as_list()[0].as_string() == op) out.push_back(v.as_list());
  return out;
}

TEST(CanvasTest, HasTheSvgsNodesEdgesAndTexts) {
  Drawings d = Both(SampleGraph(), SampleOptions(Format::kSvg));
  ASSERT_TRUE(d.svg.well_formed) << d.svg.error;
  ASSERT_TRUE(d.canvas.is_map());
  EXPECT_EQ(Text(Map(d.canvas), "format"), "kg-canvas 1");

  std::vector<std::string> svg_nodes, svg_edges, canvas_nodes, canvas_edges;
  for (const SvgElement& e : d.svg.elements) {
    if (e.name != "g" || !e.attributes.count("class")) continue;
    const std::string& cls = e.attributes.at("class");
    if (cls.rfind("node", 0) == 0) svg_nodes.push_back(e.attributes.at("id") + " " + cls);
    if (cls.rfind("edge", 0) == 0) svg_edges.push_back(e.attributes.at("id") + " " + cls);
  }
  for (const Value& o : Objects(d.canvas)) {
    const ValueMap& m = Map(o);
    // The SVG's class is the object's kind, then the class kg gave it.
    std::string cls = Text(m, "class").empty() ? "" : " " + Text(m, "class");
    if (Text(m, "type") == "node") canvas_nodes.push_back(Text(m, "id") + " node" + cls);
    if (Text(m, "type") == "edge") {
      canvas_edges.push_back(Text(m, "id") + " edge" + cls);
      EXPECT_TRUE(std::regex_match(Text(m, "tail"), std::regex("n\\d+"))) << Text(m, "id");
      EXPECT_TRUE(std::regex_match(Text(m, "head"), std::regex("n\\d+"))) << Text(m, "id");
    }
  }
  EXPECT_EQ(canvas_nodes, svg_nodes);
  EXPECT_EQ(canvas_edges, svg_edges);
  ASSERT_GE(canvas_edges.size(), 5u);

  std::vector<std::string> texts;
  for (const ValueList& op : Ops(d.canvas, "text")) texts.push_back(op[8].as_string());
  EXPECT_EQ(texts, d.svg.Texts());
}

TEST(CanvasTest, ShapesSitWhereTheSvgPutsThem) {
  Drawings d = Both(SampleGraph(), SampleOptions(Format::kSvg));
  ASSERT_TRUE(d.canvas.is_map());
  std::vector<SvgElement> ellipses;
  for (const SvgElement& e : d.svg.elements)
    if (e.name == "ellipse") ellipses.push_back(e);
  std::vector<ValueList> ops = Ops(d.canvas, "ellipse");
  ASSERT_EQ(ops.size(), ellipses.size());
  ASSERT_FALSE(ops.empty());
  for (size_t i = 0; i < ops.size(); ++i) {
    EXPECT_NEAR(Num(ops[i][1]), std::stod(ellipses[i].attributes.at("cx")), 0.011);
    EXPECT_NEAR(Num(ops[i][2]), std::stod(ellipses[i].attributes.at("cy")), 0.011);
    EXPECT_NEAR(std::fabs(Num(ops[i][3])), std::stod(ellipses[i].attributes.at("rx")), 0.011);
  }
  // The viewBox and the graph group's translation, as the SVG's.
  std::string box;
  for (const Value& v : Map(d.canvas).at("viewBox").as_list()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.2f", box.empty() ? "" : " ", Num(v));
    box += buf;
  }
  EXPECT_EQ(box, d.svg.elements[0].attributes.at("viewBox"));
  const ValueList& t = Map(d.canvas).at("transform").as_list();
  char translate[64];
  std::snprintf(translate, sizeof translate, "translate(%g %g)", Num(t[1]), Num(t[2]));
  EXPECT_NE(d.svg.elements[1].attributes.at("transform").find(translate), std::string::npos)
      << d.svg.elements[1].attributes.at("transform");
}

TEST(CanvasTest, LargeDrawingsHaveNodeTooltipsAndNoEdgeTooltips) {
  RenderOptions options = SampleOptions(Format::kCanvas);
  Drawings d = Both(LargeGraph(kLargeGraphNodes + 30), options);
  ASSERT_TRUE(d.canvas.is_map());
  size_t nodes = 0, edges = 0;
  for (const Value& o : Objects(d.canvas)) {
    const ValueMap& m = Map(o);
    if (Text(m, "type") == "node" && Text(m, "id") != "legend") {
      ++nodes;
      EXPECT_FALSE(Text(m, "tooltip").empty()) << Text(m, "id");
    }
    if (Text(m, "type") == "edge") {
      ++edges;
      EXPECT_EQ(m.count("tooltip"), 0u) << Text(m, "id");
      EXPECT_FALSE(m.at("ops").as_list().empty());
    }
  }
  EXPECT_EQ(nodes, kLargeGraphNodes + 30);
  EXPECT_GT(edges, nodes / 2);
}

TEST(CanvasTest, ParsesAsAFormatName) {
  EXPECT_EQ(ParseFormat("canvas").value(), Format::kCanvas);
  EXPECT_EQ(ParseFormat("CANVAS").value(), Format::kCanvas);
  EXPECT_EQ(FormatName(Format::kCanvas), "canvas");
  EXPECT_FALSE(ParseFormat("canvass").ok());
  EXPECT_EQ(FormatFromPath("view.canvas").value(), Format::kCanvas);
}

}  // namespace
}  // namespace kg::viz::testing
