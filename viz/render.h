// Relationship diagrams: turns a core::Subgraph into a styled SVG, PNG, PDF
// or DOT drawing through the Graphviz libraries (cgraph + gvc, linked in; no
// `dot` subprocess). Styles follow the entity kind and the relation's stance,
// validity and symmetry (see docs/diagrams.md). viz knows no schema: the
// caller says which relation types are symmetric.
//
// Output is deterministic: the same subgraph and options give byte-identical
// DOT and SVG (nodes and edges are emitted in id order, no timestamps).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "core/result_table.h"

namespace kg::viz {

enum class Format { kSvg, kPng, kPdf, kDot };
enum class Layout { kDot, kNeato, kFdp, kSfdp, kCirco };
enum class RankDir { kLeftRight, kTopBottom };

// Above this many nodes a drawing is "large": the layout defaults to sfdp,
// only the kLargeGraphLabels highest-degree nodes keep their names (the rest
// become small unlabelled dots that still carry a tooltip) and edges lose
// their type labels.
inline constexpr size_t kLargeGraphNodes = 150;
inline constexpr size_t kLargeGraphLabels = 40;
// More nodes than this are refused (InvalidArgument with advice on narrowing
// the query): such a drawing is unreadable and slow to lay out.
inline constexpr size_t kMaxNodes = 2000;

struct RenderOptions {
  Format format = Format::kSvg;
  // nullopt: dot, or sfdp for a large graph. An explicit layout is honoured
  // at any size.
  std::optional<Layout> layout;
  RankDir rankdir = RankDir::kLeftRight;  // used by the dot layout
  std::string title;                      // empty: no title line
  bool legend = true;
  // Relations not valid on this day (Relation::ValidAt) are drawn dashed; the
  // footnote mentions the date.
  std::optional<Date> as_of;
  // Types drawn without arrowheads and once per pair of nodes: both
  // directions and parallel duplicates of such a type merge into one edge.
  std::set<std::string, std::less<>> symmetric_types;
  // Parallel relations of one type in one direction (the same statement
  // from several passages) drawn as one edge labelled "TYPE ×N", coloured
  // and sized by their mean stance, the tooltip quoting each. false: one
  // edge per relationship (symmetric types merge regardless).
  bool merge_parallel = true;
  // A computed score per entity (PageRank, betweenness, ...). When non-empty,
  // node width, height and font size grow with the score, normalised over the
  // drawn nodes from 1x (lowest score, or no score) to kMaxScoreScale (highest;
  // all 1x when every score is equal); the tooltip adds "<score_name>: <value>"
  // and the legend "size: <score_name>". Empty: every node at the default size.
  std::map<EntityId, double> node_scores;
  std::string score_name = "score";
};

// The largest node scale that RenderOptions::node_scores gives.
inline constexpr double kMaxScoreScale = 2.5;

// What was drawn, so a caller can tell the user about automatic choices.
struct Rendering {
  std::string data;              // the file's bytes
  Layout layout = Layout::kDot;  // the layout actually used
  size_t nodes = 0;              // entity nodes drawn (legend excluded)
  size_t edges = 0;              // edges drawn after merging symmetric pairs
  size_t labelled_nodes = 0;     // nodes that show their name
  bool large = false;            // more than kLargeGraphNodes nodes
};

// "svg", "png", "pdf", "dot" (also "gv"), any case. InvalidArgument otherwise.
Result<Format> ParseFormat(std::string_view text);
// The format named by the path's extension (.svg .png .pdf .dot .gv);
// InvalidArgument naming the path when there is none or it is unknown.
Result<Format> FormatFromPath(std::string_view path);
// "dot", "neato", "fdp", "sfdp", "circo". InvalidArgument otherwise.
Result<Layout> ParseLayout(std::string_view text);
// "LR" or "TB" (any case). InvalidArgument otherwise.
Result<RankDir> ParseRankDir(std::string_view text);
std::string_view FormatName(Format format);
std::string_view LayoutName(Layout layout);

// Draws the subgraph. Relations whose endpoints are missing from
// `graph.nodes` are drawn to placeholder nodes labelled "#<id>".
// InvalidArgument when the subgraph is empty or has more than kMaxNodes
// nodes; NotSupported when the Graphviz plugins for the layout or format are
// not installed (the message says how to fix it); Internal when Graphviz
// itself fails (its last error message is included).
Result<Rendering> Render(const Subgraph& graph, const RenderOptions& options);

// Render() and write the bytes to `path` atomically: a temporary file in the
// same directory renamed over `path`, so a failure never leaves a partial
// file. Rendering errors as Render(); IOError naming the path when it cannot
// be written (missing directory, no permission, full disk, ...).
Result<Rendering> RenderToFile(const Subgraph& graph, const RenderOptions& options,
                               const std::string& path);

// Writes `data` to `path` atomically as RenderToFile does. IOError on failure.
Status WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace kg::viz
