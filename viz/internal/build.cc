// Building the styled cgraph graph of a drawing model (see build.h).
#include "viz/internal/build.h"

#include <algorithm>
#include <cstdio>

#include "viz/internal/text.h"

namespace kg::viz::internal {
namespace {

constexpr const char* kFont = "Helvetica";
constexpr const char* kMutedColor = "#555555";
constexpr size_t kMaxLabelChars = 60;
// Graphviz's default node width and height (inches), our node font size
// (points) and the width of an unlabelled dot; scaled by node scores.
constexpr double kNodeWidth = 0.75;
constexpr double kNodeHeight = 0.5;
constexpr double kNodeFontSize = 11;
constexpr double kDotWidth = 0.16;

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

void Default(Agraph_t* g, int kind, const char* name, const std::string& value) {
  agattr(g, kind, Str(name), Str(value.c_str()));
}

void SetGraphDefaults(Agraph_t* g, const RenderOptions& options, Layout layout, bool large,
                      size_t model_nodes) {
  Default(g, AGRAPH, "charset", "UTF-8");
  Default(g, AGRAPH, "layout", std::string(LayoutName(layout)));
  Default(g, AGRAPH, "rankdir", options.rankdir == RankDir::kLeftRight ? "LR" : "TB");
  Default(g, AGRAPH, "bgcolor", "white");
  Default(g, AGRAPH, "pad", "0.3");
  Default(g, AGRAPH, "nodesep", "0.35");
  Default(g, AGRAPH, "ranksep", "0.7");
  Default(g, AGRAPH, "fontname", kFont);
  Default(g, AGRAPH, "outputorder", "edgesfirst");
  // The root label (the footnote) goes under the drawing; the title is the
  // label of the cluster around it (see BuildGraph).
  Default(g, AGRAPH, "labelloc", "b");
  if (!large) Default(g, AGRAPH, "size", Number(kPageWidth) + "," + Number(kPageHeight));
  // 1.5x the 96 dpi default, so a PNG stays sharp in a printed report.
  if (options.format == Format::kPng) Default(g, AGRAPH, "dpi", "144");
  if (layout != Layout::kDot) {
    Default(g, AGRAPH, "overlap", "false");
    Default(g, AGRAPH, "sep", "+6");  // kNodeMargin
    Default(g, AGRAPH, "splines", large ? "false" : "true");
    // A fixed seed for the force-directed layouts' initial positions, so the
    // same graph always gets the same picture (byte-identical SVG).
    Default(g, AGRAPH, "start", "7");
  }
  if (layout == Layout::kTwopi) {
    // The radius of the ring of neighbours, in inches: room for the edge
    // labels between the centre and the ring (more for a fuller ring).
    Default(g, AGRAPH, "ranksep", model_nodes > 16 ? "3.0" : "2.4");
    if (options.root) Default(g, AGRAPH, "root", NodeName(*options.root));
  }
  Default(g, AGNODE, "fontname", kFont);
  Default(g, AGNODE, "fontsize", "11");
  Default(g, AGNODE, "margin", "0.12,0.06");
  Default(g, AGNODE, "penwidth", "1.4");
  Default(g, AGEDGE, "fontname", kFont);
  Default(g, AGEDGE, "fontsize", "8.5");
  Default(g, AGEDGE, "arrowsize", "0.7");
}

void AddNode(Agraph_t* g, const DrawNode& n) {
  Agnode_t* node = agnode(g, Str(NodeName(n.id).c_str()), 1);
  const NodeStyle& s = *n.style;
  SetAttr(node, "id", NodeName(n.id));
  SetAttr(node, "class", "kind-" + (s.kind.empty() ? std::string("other") : std::string(s.kind)));
  SetAttr(node, "shape", n.label.empty() ? "circle" : s.shape);
  SetAttr(node, "style", n.placeholder ? std::string(s.style) + ",dashed" : std::string(s.style));
  SetAttr(node, "fillcolor", s.fill);
  SetAttr(node, "color", s.border);
  if (s.peripheries != 1) SetAttr(node, "peripheries", std::to_string(s.peripheries));
  SetAttr(node, "label", PlainLabel(Ellipsize(n.label, kMaxLabelChars)));
  SetAttr(node, "tooltip", TooltipText(n.tooltip));
  if (n.label.empty()) {
    SetAttr(node, "width", Number(kDotWidth * std::max(n.scale, 1.0)));
    SetAttr(node, "fixedsize", "true");
  } else if (n.scale > 0) {
    // Minimum sizes: a longer label still widens the node.
    SetAttr(node, "width", Number(kNodeWidth * n.scale));
    SetAttr(node, "height", Number(kNodeHeight * n.scale));
    SetAttr(node, "fontsize", Number(kNodeFontSize * n.scale));
  }
}

// The label of an edge of several strands: one line per type in its colour.
std::string StrandsHtml(const DrawEdge& e) {
  std::string rows;
  for (const Strand& s : e.strands) {
    std::string text = s.type + (s.quotes > 1 ? " \u00D7" + std::to_string(s.quotes) : "");
    rows += "<tr><td><font color=\"" + std::string(s.style.color) + "\">" + HtmlText(text) +
            "</font></td></tr>";
  }
  return "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\">" + rows +
         "</table>";
}

// A large drawing's edges carry no tooltip: on 2,000 edges the tooltips'
// wrappers (<g id="a_..."><a xlink:title>) are a quarter of the SVG and a
// third of its elements, and make a browser's parse and paint of the drawing
// about a sixth slower (bench/RESULTS.md); the edge's id and ends still
// lead to its relations (the explorer's evidence panel).
void AddEdge(Agraph_t* g, const DrawEdge& e, bool large) {
  Agnode_t* tail = agnode(g, Str(NodeName(e.tail).c_str()), 0);
  Agnode_t* head = agnode(g, Str(NodeName(e.head).c_str()), 0);
  Agedge_t* edge = agedge(g, tail, head, Str(e.key.c_str()), 1);
  SetAttr(edge, "id", e.key);
  std::string change;
  if (e.change) {
    change = *e.change == Change::kAdded   ? " change-added"
             : *e.change == Change::kEnded ? " change-ended"
                                           : " change-unchanged";
  }
  SetAttr(edge, "class",
          "type-" + e.type + " family-" + std::string(FamilyName(e.style.family)) + change);
  // Several strands: parallel lines, one per type in its colour, and a
  // label line per type in the same colour.
  std::string colors;
  for (const Strand& st : e.strands)
    colors += (colors.empty() ? "" : ":") + std::string(st.style.color);
  SetAttr(edge, "color", e.strands.size() > 1 ? colors : std::string(e.style.color));
  SetAttr(edge, "fontcolor", e.style.color);
  SetAttr(edge, "penwidth", Number(e.style.penwidth));
  if (e.style.dashed) SetAttr(edge, "style", "dashed");
  if (e.style.symmetric) SetAttr(edge, "dir", "none");
  if (e.both_ways) SetAttr(edge, "dir", "both");
  if (!e.label.empty() && e.strands.size() > 1) {
    SetHtmlAttr(agroot(g), edge, "label", StrandsHtml(e));
  } else if (!e.label.empty()) {
    SetAttr(edge, "label", PlainLabel(e.label));
  }
  if (!large) SetAttr(edge, "tooltip", TooltipText(e.tooltip));
}

std::string Row(const std::string& swatch, const std::string& text) {
  return "<tr>" + swatch + "<td align=\"left\">" + text + "</td></tr>";
}

std::string LineSwatch(std::string_view color, const char* glyphs) {
  return "<td><font color=\"" + std::string(color) + "\">" + glyphs + "</font></td>";
}

std::string KindRows(const LegendEntries& legend) {
  std::string rows;
  for (const NodeStyle* s : legend.kinds) {
    std::string swatch = "<td width=\"26\" height=\"12\" border=\"1\" bgcolor=\"" +
                         std::string(s->fill) + "\" color=\"" + std::string(s->border) + "\"></td>";
    rows += Row(swatch, s->kind.empty() ? "other kind" : HtmlText(s->kind));
  }
  return rows;
}

std::string EdgeRows(const DrawModel& model, const RenderOptions& options) {
  const LegendEntries& legend = model.legend;
  std::string rows;
  for (Family f : legend.families) {
    rows += Row(LineSwatch(ColorForFamily(f), "\u2501\u2501\u2501\u25B6"),
                HtmlText(FamilyLegendText(f)));
  }
  if (legend.diff && options.diff) {
    std::string from = options.diff->from.ToString(), to = options.diff->to.ToString();
    rows += Row(LineSwatch(kAddedColor, "\u2501\u2501\u2501\u25B6"),
                "added after " + from + ", by " + to);
    rows += Row(LineSwatch(kEndedColor, "\u254D\u254D\u254D\u25B6"),
                "ended on or after " + from + ", before " + to);
    rows += Row(LineSwatch(kUnchangedColor, "\u2501\u2501\u2501\u25B6"), "unchanged");
  }
  if (legend.symmetric) {
    rows += Row(LineSwatch(kFactualColor, "\u2501\u2501\u2501\u2501"), "symmetric (no direction)");
  }
  if (legend.dashed && options.as_of) {
    rows += Row(LineSwatch(kFactualColor, "\u254D\u254D\u254D\u25B6"),
                "not valid on " + options.as_of->ToString());
  }
  if (!legend.families.empty() || legend.diff) {
    rows += Row("<td></td>", "<font point-size=\"8\">line width: number of quotes</font>");
  }
  if (!legend.size_by.empty()) {
    rows +=
        Row("<td></td>", "<font point-size=\"8\">size: " + HtmlText(legend.size_by) + "</font>");
  }
  if (model.large) {
    rows +=
        Row("<td></td>", "<font point-size=\"8\">names shown for the " +
                             std::to_string(model.labelled_nodes) + " best-connected nodes</font>");
  }
  return rows;
}

}  // namespace

std::string NodeName(EntityId id) { return "n" + std::to_string(id); }

std::string LegendHtml(const DrawModel& model, const RenderOptions& options) {
  return "<table border=\"1\" style=\"rounded\" color=\"#BBBBBB\" bgcolor=\"#FAFAFA\" "
         "cellborder=\"0\" cellspacing=\"3\" cellpadding=\"2\">"
         "<tr><td colspan=\"2\" align=\"left\"><b>Legend</b></td></tr>" +
         KindRows(model.legend) + EdgeRows(model, options) + "</table>";
}

std::string TitleHtml(const std::string& title) {
  return "<table border=\"0\" cellborder=\"0\" cellspacing=\"2\"><tr><td><font "
         "point-size=\"18\"><b>" +
         HtmlText(title) + "</b></font></td></tr></table>";
}

std::string CaptionHtml(const std::string& title, const std::string& footnote,
                        const std::string& note) {
  std::string rows;
  if (!title.empty()) {
    rows += "<tr><td><font point-size=\"18\"><b>" + HtmlText(title) + "</b></font></td></tr>";
  }
  rows += "<tr><td><font point-size=\"9\" color=\"" + std::string(kMutedColor) + "\">" +
          HtmlText(footnote) + "</font></td></tr>";
  if (!note.empty()) {
    rows += "<tr><td><font point-size=\"9\" color=\"" + std::string(kMutedColor) + "\"><i>" +
            HtmlText(note) + "</i></font></td></tr>";
  }
  return "<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">" + rows + "</table>";
}

// Only dot: fdp draws cluster labels too, but Graphviz 2.42 routes fdp's
// edges around a cluster in an order that depends on heap addresses, so the
// same graph would draw differently from run to run.
bool HasClusterLabels(Layout layout) { return layout == Layout::kDot; }

GraphPtr BuildGraph(const DrawModel& model, const RenderOptions& options, Layout layout) {
  GraphPtr graph(agopen(Str("kg"), Agdirected, nullptr));
  Agraph_t* g = graph.get();
  SetGraphDefaults(g, options, layout, model.large, model.nodes.size());
  // The title on top: the label of a borderless cluster holding the whole
  // drawing, where the layout draws cluster labels; otherwise it joins the
  // footnote under the drawing, as a figure caption.
  Agraph_t* body = g;
  bool cluster = !options.title.empty() && HasClusterLabels(layout);
  if (cluster) {
    body = agsubg(g, Str("cluster_diagram"), 1);
    SetAttr(body, "id", "diagram");
    SetAttr(body, "peripheries", "0");
    SetAttr(body, "labelloc", "t");
    SetHtmlAttr(g, body, "label", TitleHtml(options.title));
  }
  SetHtmlAttr(g, g, "label",
              CaptionHtml(cluster ? "" : options.title, model.footnote, options.note));
  for (const DrawNode& n : model.nodes) AddNode(body, n);
  for (const DrawEdge& e : model.edges) AddEdge(g, e, model.large);
  if (options.legend) {
    AddLegend(g, body, LegendHtml(model, options), /*plain_style=*/false);
  }
  return graph;
}

}  // namespace kg::viz::internal
