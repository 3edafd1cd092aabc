// Building the timeline drawing (timeline.h). Rows are ranks kept in date
// order by an axis of date nodes joined top to bottom; within a row, an
// invisible chain keeps the entries in the timeline's order, so the same
// timeline always draws the same picture.
#include "viz/internal/timeline.h"

#include <set>
#include <string>
#include <vector>

#include "viz/internal/build.h"
#include "viz/internal/text.h"

namespace kg::viz::internal {
namespace {

constexpr const char* kFont = "Helvetica";
constexpr size_t kQuoteChars = 90;

struct KindStyle {
  std::string_view fill;
  std::string_view border;
  std::string_view legend;
};

KindStyle StyleOf(TimelineKind kind) {
  switch (kind) {
    case TimelineKind::kEventStart:
      return {"#FFF3B0", "#B08900", "event starts"};
    case TimelineKind::kEventEnd:
      return {"#FFF8D6", "#B08900", "event ends"};
    case TimelineKind::kBegins:
      return {"#D2EFE6", "#009E73", "relation begins to hold"};
    case TimelineKind::kEnds:
      return {"#F8DCCB", "#D55E00", "relation ends (last day)"};
    case TimelineKind::kSaid:
      return {"#D6E6F2", "#0072B2", "statement made"};
  }
  return {"#FFFFFF", "#000000", ""};
}

std::string KindClass(TimelineKind kind) {
  std::string name(TimelineKindName(kind));
  for (char& c : name) c = c == ' ' ? '-' : c;
  return "kind-" + name;
}

std::string Arrow(const CitedRelation& r) {
  return r.start + " \u2013" + r.type + "\u2192 " + r.end;
}

std::string EntryHtml(const TimelineEntry& e) {
  std::string head = std::string(TimelineKindName(e.kind));
  if (!e.event.empty()) head += ": " + e.event;
  std::string rows = "<tr><td align=\"left\"><b>" + HtmlText(head) + "</b></td></tr>";
  if (e.relation.id != 0) {
    rows += "<tr><td align=\"left\">" + HtmlText(Ellipsize(Arrow(e.relation), 70)) + "</td></tr>";
  }
  if (!e.relation.quote.empty()) {
    rows += "<tr><td align=\"left\"><font point-size=\"9\"><i>\u201C" +
            HtmlText(Ellipsize(e.relation.quote, kQuoteChars)) + "\u201D</i></font></td></tr>";
  }
  if (!e.relation.speaker.empty()) {
    rows += "<tr><td align=\"left\"><font point-size=\"9\">\u2014 " + HtmlText(e.relation.speaker) +
            "</font></td></tr>";
  }
  return "<table border=\"0\" cellborder=\"0\" cellspacing=\"1\" cellpadding=\"1\">" + rows +
         "</table>";
}

std::string EntryTooltip(const TimelineEntry& e) {
  std::string text = e.date.ToString() + " " + std::string(TimelineKindName(e.kind));
  if (!e.event.empty()) text += ": " + e.event;
  if (e.relation.id != 0) text += "\n" + Arrow(e.relation);
  if (!e.relation.quote.empty()) text += "\n\u201C" + e.relation.quote + "\u201D";
  if (!e.relation.speaker.empty()) text += "\n\u2014 " + e.relation.speaker;
  for (const CitedSource& s : e.relation.sources) {
    text += "\nsource: " + (s.title.empty() ? s.id : s.title) +
            (s.publisher.empty() ? "" : " \u2014 " + s.publisher);
  }
  return text;
}

void SetDefaults(Agraph_t* g, const RenderOptions& options) {
  auto set = [&](int kind, const char* name, const std::string& value) {
    agattr(g, kind, Str(name), Str(value.c_str()));
  };
  set(AGRAPH, "charset", "UTF-8");
  set(AGRAPH, "layout", "dot");
  set(AGRAPH, "rankdir", "TB");
  set(AGRAPH, "newrank", "true");
  set(AGRAPH, "bgcolor", "white");
  set(AGRAPH, "pad", "0.3");
  set(AGRAPH, "nodesep", "0.25");
  set(AGRAPH, "ranksep", "0.3");
  set(AGRAPH, "fontname", kFont);
  set(AGRAPH, "labelloc", "t");
  if (options.format == Format::kPng) set(AGRAPH, "dpi", "144");
  set(AGNODE, "fontname", kFont);
  set(AGNODE, "fontsize", "10");
  set(AGNODE, "shape", "box");
  set(AGNODE, "style", "rounded,filled");
  set(AGNODE, "margin", "0.1,0.05");
  set(AGEDGE, "style", "invis");
}

// The rows: entry indexes per row, with the date shown at a row's left
// ("" on a date's continuation rows).
struct Row {
  std::string date;
  std::vector<size_t> entries;
};

std::vector<Row> Rows(const Timeline& timeline) {
  std::vector<Row> rows;
  std::string last;
  for (size_t i = 0; i < timeline.entries.size(); ++i) {
    std::string date = timeline.entries[i].date.ToString();
    if (rows.empty() || date != last || rows.back().entries.size() == kTimelineRowEntries)
      rows.push_back({date == last ? "" : date, {}});
    rows.back().entries.push_back(i);
    last = date;
  }
  return rows;
}

std::string LegendHtml(const Timeline& timeline) {
  std::set<TimelineKind> kinds;
  for (const TimelineEntry& e : timeline.entries) kinds.insert(e.kind);
  std::string rows = "<tr><td colspan=\"2\" align=\"left\"><b>Legend</b></td></tr>";
  for (TimelineKind kind : kinds) {
    KindStyle s = StyleOf(kind);
    rows += "<tr><td width=\"26\" height=\"12\" border=\"1\" bgcolor=\"" + std::string(s.fill) +
            "\" color=\"" + std::string(s.border) + "\"></td><td align=\"left\">" +
            HtmlText(s.legend) + "</td></tr>";
  }
  return "<table border=\"1\" style=\"rounded\" color=\"#BBBBBB\" bgcolor=\"#FAFAFA\" "
         "cellborder=\"0\" cellspacing=\"3\" cellpadding=\"2\">" +
         rows + "</table>";
}

Agnode_t* AddEntry(Agraph_t* root, Agraph_t* rank, const Timeline& timeline, size_t i) {
  const TimelineEntry& e = timeline.entries[i];
  std::string name = "e" + std::to_string(i);
  Agnode_t* node = agnode(rank, Str(name.c_str()), 1);
  KindStyle s = StyleOf(e.kind);
  SetAttr(node, "id", name);
  SetAttr(node, "class", KindClass(e.kind));
  SetAttr(node, "fillcolor", s.fill);
  SetAttr(node, "color", s.border);
  if (e.kind == TimelineKind::kEventStart || e.kind == TimelineKind::kEventEnd)
    SetAttr(node, "peripheries", "2");
  SetHtmlAttr(root, node, "label", EntryHtml(e));
  SetAttr(node, "tooltip", TooltipText(EntryTooltip(e)));
  return node;
}

}  // namespace

GraphPtr BuildTimelineGraph(const Timeline& timeline, const RenderOptions& options) {
  GraphPtr graph(agopen(Str("kg_timeline"), Agdirected, nullptr));
  Agraph_t* g = graph.get();
  SetDefaults(g, options);
  std::string title =
      options.title.empty() ? std::string(timeline.entity.name()) + ": timeline" : options.title;
  SetHtmlAttr(g, g, "label", TitleHtml(title));
  std::vector<Row> rows = Rows(timeline);
  Agnode_t* previous_date = nullptr;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string rank_name = "rank_" + std::to_string(r);
    Agraph_t* rank = agsubg(g, Str(rank_name.c_str()), 1);
    SetAttr(rank, "rank", "same");
    std::string date_name = "d" + std::to_string(r);
    Agnode_t* date = agnode(rank, Str(date_name.c_str()), 1);
    SetAttr(date, "id", date_name);
    SetAttr(date, "shape", "plaintext");
    SetAttr(date, "style", "");
    SetAttr(date, "fontsize", "11");
    // A date's continuation row shows no date (an empty HTML label is a
    // Graphviz syntax error, hence the plain blank).
    if (rows[r].date.empty()) {
      SetAttr(date, "label", " ");
    } else {
      SetHtmlAttr(g, date, "label", "<b>" + HtmlText(rows[r].date) + "</b>");
    }
    if (previous_date != nullptr) {
      Agedge_t* axis = agedge(g, previous_date, date, nullptr, 1);
      SetAttr(axis, "style", "solid");
      SetAttr(axis, "color", "#999999");
      SetAttr(axis, "penwidth", "2");
      SetAttr(axis, "arrowhead", "none");
      SetAttr(axis, "weight", "100");
    }
    previous_date = date;
    Agnode_t* left = date;
    for (size_t i : rows[r].entries) {
      Agnode_t* entry = AddEntry(g, rank, timeline, i);
      agedge(g, left, entry, nullptr, 1);  // invisible: keeps the order
      left = entry;
    }
  }
  if (!timeline.notes.empty() || !options.note.empty()) {
    std::string note = options.note;
    if (!timeline.notes.empty())
      note += (note.empty() ? "" : "\n") + std::to_string(timeline.notes.size()) +
              (timeline.notes.size() == 1 ? " date" : " dates") +
              " could not be read and were left out (see the timeline's notes)";
    Agnode_t* n = agnode(g, Str("note"), 1);
    SetAttr(n, "shape", "plaintext");
    SetAttr(n, "style", "");
    SetHtmlAttr(g, n, "label", "<i>" + HtmlText(note) + "</i>");
    agedge(g, previous_date, n, nullptr, 1);
  }
  if (options.legend) {
    Agnode_t* legend = AddLegend(g, g, LegendHtml(timeline), /*plain_style=*/true);
    agedge(g, previous_date, legend, nullptr, 1);
  }
  return graph;
}

}  // namespace kg::viz::internal
