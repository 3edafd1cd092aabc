// Subgraph -> diagram bytes through Graphviz; files are written by core/atomic_file.
#include "viz/render.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "core/atomic_file.h"
#include "viz/internal/build.h"
#include "viz/internal/canvas.h"
#include "viz/internal/delta.h"
#include "viz/internal/graphviz.h"
#include "viz/internal/labels.h"
#include "viz/internal/model.h"
#include "viz/internal/pins.h"
#include "viz/internal/spread.h"
#include "viz/internal/timeline.h"

namespace kg::viz {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The Graphviz output device for a format. DOT is written without positions
// ("canon"), so it stays editable and re-renders with `dot` (which honours
// the graph's `layout` attribute); gvc still needs a layout before "canon".
const char* Device(Format format) {
  switch (format) {
    case Format::kSvg:
      return "svg";
    case Format::kPng:
      return "png";
    case Format::kPdf:
      return "pdf";
    case Format::kDot:
      return "canon";
    case Format::kXdot:
      return "xdot";
    case Format::kCanvas:
      return internal::kCanvasDevice;
  }
  return "svg";
}

// "A", "A and B", "A, B and C", "A, B, C and 2 more <what>".
std::string NameList(const std::set<std::string>& names, const char* what) {
  constexpr size_t kMaxNamed = 3;
  std::vector<std::string> named(names.begin(), names.end());
  size_t more = named.size() > kMaxNamed ? named.size() - kMaxNamed : 0;
  if (more > 0) named.resize(kMaxNamed);
  std::string out;
  for (size_t i = 0; i < named.size(); ++i) {
    bool last = i + 1 == named.size() && more == 0;
    out += (i == 0 ? "" : last ? " and " : ", ") + named[i];
  }
  if (more > 0) out += " and " + std::to_string(more) + " more " + what;
  return out;
}

Layout ChooseLayout(const RenderOptions& options, const internal::DrawModel& model) {
  if (options.layout) return *options.layout;
  if (!options.pins.empty()) return Layout::kNeato;  // keeps positions; sfdp does not
  if (options.root && !model.large) return Layout::kTwopi;
  if (model.large) return Layout::kSfdp;
  return model.dense ? Layout::kNeato : Layout::kDot;
}

}  // namespace

Result<Format> ParseFormat(std::string_view text) {
  std::string f = Lower(text);
  if (f == "svg") return Format::kSvg;
  if (f == "png") return Format::kPng;
  if (f == "pdf") return Format::kPdf;
  if (f == "dot" || f == "gv") return Format::kDot;
  if (f == "xdot") return Format::kXdot;
  if (f == "canvas") return Format::kCanvas;
  return Status::InvalidArgument("unknown diagram format '" + std::string(text) +
                                 "': use svg, png, pdf, dot, xdot or canvas");
}

Result<Format> FormatFromPath(std::string_view path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return Status::InvalidArgument("cannot tell the diagram format from '" + std::string(path) +
                                   "': name it .svg, .png, .pdf or .dot, or pass --format");
  }
  Result<Format> format = ParseFormat(path.substr(dot + 1));
  if (!format.ok()) {
    return Status::InvalidArgument("unknown diagram format for '" + std::string(path) +
                                   "': name it .svg, .png, .pdf or .dot, or pass --format");
  }
  return format;
}

Result<Layout> ParseLayout(std::string_view text) {
  std::string l = Lower(text);
  for (Layout layout : {Layout::kDot, Layout::kNeato, Layout::kFdp, Layout::kSfdp, Layout::kCirco,
                        Layout::kTwopi}) {
    if (l == LayoutName(layout)) return layout;
  }
  return Status::InvalidArgument("unknown layout '" + std::string(text) +
                                 "': use dot, neato, fdp, sfdp, circo or twopi");
}

Result<RankDir> ParseRankDir(std::string_view text) {
  std::string r = Lower(text);
  if (r == "lr") return RankDir::kLeftRight;
  if (r == "tb") return RankDir::kTopBottom;
  return Status::InvalidArgument("unknown rank direction '" + std::string(text) +
                                 "': use LR or TB");
}

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kSvg:
      return "svg";
    case Format::kPng:
      return "png";
    case Format::kPdf:
      return "pdf";
    case Format::kDot:
      return "dot";
    case Format::kXdot:
      return "xdot";
    case Format::kCanvas:
      return "canvas";
  }
  return "svg";
}

std::string_view LayoutName(Layout layout) {
  switch (layout) {
    case Layout::kDot:
      return "dot";
    case Layout::kNeato:
      return "neato";
    case Layout::kFdp:
      return "fdp";
    case Layout::kSfdp:
      return "sfdp";
    case Layout::kCirco:
      return "circo";
    case Layout::kTwopi:
      return "twopi";
  }
  return "dot";
}

std::string DefaultTitle(const Subgraph& graph) {
  std::set<EntityId> ids;
  std::set<std::string> kinds;
  std::set<std::string> types;
  for (const Entity& e : graph.nodes) {
    ids.insert(e.id);
    if (!e.labels.empty()) kinds.insert(e.labels.front());
  }
  for (const Relation& r : graph.relations) {
    ids.insert(r.start);
    ids.insert(r.end);
    types.insert(r.type);
  }
  std::string title = std::to_string(ids.size()) + (ids.size() == 1 ? " entity" : " entities");
  if (!types.empty()) return title + " linked by " + NameList(types, "types");
  if (!kinds.empty()) title += ": " + NameList(kinds, "kinds");
  return title;
}

Result<Rendering> Render(const Subgraph& graph, const RenderOptions& options) {
  KG_ASSIGN_OR_RETURN(internal::DrawModel model, internal::BuildModel(graph, options));
  if (options.delta_focus) return internal::RenderDelta(model, options);
  Rendering out;
  out.layout = ChooseLayout(options, model);
  out.nodes = model.nodes.size();
  out.edges = model.edges.size();
  out.labelled_nodes = model.labelled_nodes;
  out.large = model.large;
  out.dense = model.dense;

  KG_RETURN_IF_ERROR(internal::CheckPinsAndRoot(model, options, out.layout));

  // Held until the graph below is closed (declared first, destroyed last).
  KG_ASSIGN_OR_RETURN(internal::GraphvizLock graphviz, internal::GraphvizLock::Acquire());
  GVC_t* gvc = graphviz.gvc();
  KG_RETURN_IF_ERROR(internal::CheckPlugin(gvc, "layout", LayoutName(out.layout)));
  const char* device = Device(options.format);
  KG_RETURN_IF_ERROR(internal::CheckPlugin(gvc, "device", device));
  internal::GraphPtr g = internal::BuildGraph(model, options, out.layout);
  internal::ApplyPins(g.get(), options);
  // A large sfdp drawing separates its nodes itself (spread.h). Not for
  // DOT, which is written without positions for `dot` to lay out again.
  bool spread = out.layout == Layout::kSfdp && model.large && options.pins.empty() &&
                options.format != Format::kDot;
  if (spread) KG_RETURN_IF_ERROR(internal::PlaceLargeSfdp(gvc, g.get(), internal::kNodeMargin));
  internal::LayoutGuard layout(gvc, g.get(), spread ? "nop2" : LayoutName(out.layout));
  KG_RETURN_IF_ERROR(layout.status());
  if (spread) internal::RestoreSfdpAttributes(g.get());
  // gvLayout records the bounding box as the graph's "bb" attribute; DOT is
  // written without positions, so drop it (its default is "": not written).
  if (options.format == Format::kDot) {
    internal::SetAttr(g.get(), "bb", "");
  } else {
    internal::LabelPlacement placed =
        internal::PlaceEdgeLabels(g.get(), out.layout == Layout::kDot);
    out.labels_moved = placed.moved;
    out.labels_dropped = placed.blocked;
  }
  KG_ASSIGN_OR_RETURN(out.data, internal::RenderData(gvc, g.get(), device));
  return out;
}

Result<Rendering> RenderTimeline(const Timeline& timeline, const RenderOptions& options) {
  if (timeline.entries.empty()) {
    return Status::InvalidArgument("nothing to draw: '" + std::string(timeline.entity.name()) +
                                   "' has no dated entries in this window and scope");
  }
  Rendering out;
  out.layout = Layout::kDot;
  out.nodes = timeline.entries.size();
  out.labelled_nodes = out.nodes;
  KG_ASSIGN_OR_RETURN(internal::GraphvizLock graphviz, internal::GraphvizLock::Acquire());
  GVC_t* gvc = graphviz.gvc();
  KG_RETURN_IF_ERROR(internal::CheckPlugin(gvc, "layout", "dot"));
  const char* device = Device(options.format);
  KG_RETURN_IF_ERROR(internal::CheckPlugin(gvc, "device", device));
  internal::GraphPtr g = internal::BuildTimelineGraph(timeline, options);
  internal::LayoutGuard layout(gvc, g.get(), "dot");
  KG_RETURN_IF_ERROR(layout.status());
  if (options.format == Format::kDot) internal::SetAttr(g.get(), "bb", "");
  KG_ASSIGN_OR_RETURN(out.data, internal::RenderData(gvc, g.get(), device));
  return out;
}

Result<Rendering> RenderTimelineToFile(const Timeline& timeline, const RenderOptions& options,
                                       const std::string& path) {
  KG_ASSIGN_OR_RETURN(Rendering r, RenderTimeline(timeline, options));
  KG_RETURN_IF_ERROR(WriteFileAtomically(path, r.data));
  return r;
}

Status WriteFileAtomically(const std::string& path, std::string_view data) {
  return kg::WriteFileAtomically(path, data);
}

Result<Rendering> RenderToFile(const Subgraph& graph, const RenderOptions& options,
                               const std::string& path) {
  KG_ASSIGN_OR_RETURN(Rendering r, Render(graph, options));
  KG_RETURN_IF_ERROR(WriteFileAtomically(path, r.data));
  return r;
}

}  // namespace kg::viz
