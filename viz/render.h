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
#include "core/timeline.h"

namespace kg::viz {

// kXdot is DOT with the layout's coordinates and drawing operations
// (Graphviz xdot 1.7): for tools that place or check labels and splines.
// kCanvas is JSON: the drawing operations Graphviz gives its SVG renderer,
// one object per node and edge (id, class, ends), for a page that paints
// them on a <canvas> (the explorer's large drawings; docs/server.md).
enum class Format { kSvg, kPng, kPdf, kDot, kXdot, kCanvas };
enum class Layout { kDot, kNeato, kFdp, kSfdp, kCirco, kTwopi };
enum class RankDir { kLeftRight, kTopBottom };

// Above this many nodes a drawing is "large": the layout defaults to sfdp,
// only the kLargeGraphLabels highest-degree nodes keep their names (the rest
// become small unlabelled dots that still carry a tooltip; nodes tied at
// that cut all lose their names, unless the tie reaches the top, then the
// first by name keep theirs) and edges lose their type labels.
inline constexpr size_t kLargeGraphNodes = 150;
inline constexpr size_t kLargeGraphLabels = 40;
// A drawing with more than kDenseGraphNodes nodes or kDenseGraphEdges drawn
// edges (and not large) is "dense": its layout defaults to neato, because
// dot puts a hub's many neighbours in one very long rank (a 60-node ego
// network became a 43 x 68 in page).
inline constexpr size_t kDenseGraphNodes = 30;
inline constexpr size_t kDenseGraphEdges = 60;
// Drawings that are not large are scaled down (never up) to fit a page of
// kPageWidth x kPageHeight inches (Graphviz `size`), so a diagram pastes
// into a report (Letter landscape) as it is. Large drawings keep their
// natural size: scaled to a page their few labels would be unreadable.
inline constexpr double kPageWidth = 11.0;
inline constexpr double kPageHeight = 8.5;
// More nodes than this are refused (InvalidArgument with advice on narrowing
// the query): such a drawing is unreadable and slow to lay out.
inline constexpr size_t kMaxNodes = 2000;

// What a relation did between two dates (kg render --diff D1 D2), decided by
// the caller (the session, by kg diff's rules).
enum class Change { kUnchanged, kAdded, kEnded };
struct DiffMarks {
  Date from;
  Date to;
  std::map<RelationId, Change> changes;  // relations not listed: unchanged
};

// The colours of a diff drawing: added green, ended red (and dashed),
// unchanged grey.
inline constexpr std::string_view kAddedColor = "#009E73";
inline constexpr std::string_view kEndedColor = "#D55E00";
inline constexpr std::string_view kUnchangedColor = "#AAAAAA";

// A pinned node's position in points (RenderOptions::pins).
struct PinPosition {
  double x = 0;
  double y = 0;
};
// Pinned coordinates beyond this many points (about 350 m) are refused.
inline constexpr double kMaxPinCoordinate = 1e6;

struct RenderOptions {
  Format format = Format::kSvg;
  // nullopt: twopi around `root` when it is set; otherwise dot, neato for a
  // dense graph, sfdp for a large one. An explicit layout is honoured at any
  // size.
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
  // The centre of a radial drawing (an ego network): without an explicit
  // layout the drawing uses twopi with this node as its root, so its
  // neighbours sit on a ring around it.
  std::optional<EntityId> root;
  // Nodes kept where they are (the explorer's "pin the layout"): entity id
  // -> position in points, Graphviz's coordinates (y grows upwards; an SVG
  // drawing shows the node centred at (x, -y) in its graph group). The
  // layout keeps each one exactly there (`pos="x,y!"`, not moved back to the
  // origin) and places the other nodes around them (Kamada-Kawai springs,
  // without overlap removal, which would move pinned nodes too). Only
  // neato honours positions: without a layout the drawing uses neato;
  // another layout, or a pinned id that is not drawn, is InvalidArgument.
  std::map<EntityId, PinPosition> pins;
  // How to name a relation's `source` (a source id or file name) in the
  // footnote: "Title — Publisher", supplied by the caller from its source
  // records. Sources not in the map are named by their `source` value.
  std::map<std::string, std::string, std::less<>> source_titles;
  // An extra line under the footnote (e.g. "12 more neighbours not shown");
  // empty: none.
  std::string note;
  // An expansion drawn as a delta (the explorer's click on a node, GET
  // /v1/render/delta): the nodes in `pins` are those the page has drawn
  // already, where it drew them; every other node of the graph is new and
  // is placed around this pinned node (delta.h) without moving any pinned
  // one. The output is "kg-delta 1" JSON (docs/server.md): the new nodes
  // as canvas objects and the edges that touch them by their drawing
  // attributes only. Needs Format::kCanvas, no layout and no root; the
  // focus must be pinned.
  std::optional<EntityId> delta_focus;
  // With delta_focus: the pinned nodes and the edges among them are sent
  // too (a page that showed the view as SVG, now starting a canvas).
  bool delta_redraw_pinned = false;
  // A diff drawing: edges coloured by change instead of by family (an edge
  // merging several relations is added when one is, else ended when one
  // is), the legend saying what each colour means between the two dates.
  std::optional<DiffMarks> diff;
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
  bool dense = false;            // see kDenseGraphNodes (never with large)
  size_t labels_moved = 0;       // edge labels moved off other edges' paths
  size_t labels_dropped = 0;     // edge labels with no free spot, left out
};

// "svg", "png", "pdf", "dot" (also "gv"), "xdot", "canvas", any case.
// InvalidArgument otherwise.
Result<Format> ParseFormat(std::string_view text);
// The format named by the path's extension (.svg .png .pdf .dot .gv .xdot);
// InvalidArgument naming the path when there is none or it is unknown.
Result<Format> FormatFromPath(std::string_view path);
// "dot", "neato", "fdp", "sfdp", "circo", "twopi". InvalidArgument otherwise.
Result<Layout> ParseLayout(std::string_view text);
// "LR" or "TB" (any case). InvalidArgument otherwise.
Result<RankDir> ParseRankDir(std::string_view text);
std::string_view FormatName(Format format);
std::string_view LayoutName(Layout layout);

// A title saying what a subgraph shows, for a diagram given none (kg render
// without --title): "14 entities linked by COMPETES_WITH and PARTNERS_WITH"
// (relation types in name order, at most three, then "and N more types"),
// or without relations "5 entities: Company, Person" (first labels in name
// order, at most three, then "and N more kinds"). Entities are counted as
// Render draws them (nodes plus relation endpoints).
std::string DefaultTitle(const Subgraph& graph);

// Draws the subgraph. Relations whose endpoints are missing from
// `graph.nodes` are drawn to placeholder nodes labelled "#<id>".
// InvalidArgument when the subgraph is empty or has more than kMaxNodes
// nodes, when `root` or a pinned node is not drawn, or pins are given with a
// layout that cannot keep them (see RenderOptions::pins); NotSupported when the Graphviz plugins
// for the layout or format are not installed (the message says how to fix it); Internal when
// Graphviz itself fails (its last error message is included).
Result<Rendering> Render(const Subgraph& graph, const RenderOptions& options);

// Render() and write the bytes to `path` as WriteFileAtomically does.
// Rendering errors as Render(); IOError naming the path when it cannot be
// written (missing directory, no permission, a directory, full disk, ...).
Result<Rendering> RenderToFile(const Subgraph& graph, const RenderOptions& options,
                               const std::string& path);

// A timeline (kg timeline) along a time axis with the dot layout: one rank
// per distinct date (a date with many entries wraps onto further rows), the
// dates down the left side, each entry a box coloured by its kind (event,
// begins, said, ends) with the relation, the quote's start and the
// speaker; its tooltip holds the whole quote and the sources. Uses
// options.format, title (default: "<name>: timeline"), legend and note.
// InvalidArgument when the timeline has no entries; otherwise as Render.
Result<Rendering> RenderTimeline(const Timeline& timeline, const RenderOptions& options);
// RenderTimeline() and write the bytes to `path` as WriteFileAtomically does.
Result<Rendering> RenderTimelineToFile(const Timeline& timeline, const RenderOptions& options,
                                       const std::string& path);

// Writes `data` to `path`, by what `path` is now:
//  - nothing: a new 0644 file, written atomically (a temporary file in the
//    same directory renamed over `path`, so a failure leaves nothing);
//  - a regular file: replaced atomically the same way, keeping its
//    permission bits (and its owner where the process may set it);
//  - a symbolic link: the file it resolves to is written by these rules, in
//    that file's directory; the link stays (a dangling link's target is
//    created);
//  - a device, FIFO or terminal (/dev/null, /dev/stdout to a pipe, ...):
//    opened O_WRONLY|O_TRUNC and written directly, never replaced;
//  - a directory: IOError.
// IOError naming `path` on any failure.
Status WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace kg::viz
