// Subgraph -> diagram bytes through Graphviz, and the atomic file write.
#include "viz/render.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "viz/internal/build.h"
#include "viz/internal/graphviz.h"
#include "viz/internal/model.h"

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
  }
  return "svg";
}

Layout ChooseLayout(const RenderOptions& options, bool large) {
  if (options.layout) return *options.layout;
  return large ? Layout::kSfdp : Layout::kDot;
}

std::string ErrnoText(int err) { return std::strerror(err); }

// Writes all of `data` to `fd`; false with errno set on failure.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

Result<Format> ParseFormat(std::string_view text) {
  std::string f = Lower(text);
  if (f == "svg") return Format::kSvg;
  if (f == "png") return Format::kPng;
  if (f == "pdf") return Format::kPdf;
  if (f == "dot" || f == "gv") return Format::kDot;
  return Status::InvalidArgument("unknown diagram format '" + std::string(text) +
                                 "': use svg, png, pdf or dot");
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
  for (Layout layout :
       {Layout::kDot, Layout::kNeato, Layout::kFdp, Layout::kSfdp, Layout::kCirco}) {
    if (l == LayoutName(layout)) return layout;
  }
  return Status::InvalidArgument("unknown layout '" + std::string(text) +
                                 "': use dot, neato, fdp, sfdp or circo");
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
  }
  return "dot";
}

Result<Rendering> Render(const Subgraph& graph, const RenderOptions& options) {
  KG_ASSIGN_OR_RETURN(internal::DrawModel model, internal::BuildModel(graph, options));
  Rendering out;
  out.layout = ChooseLayout(options, model.large);
  out.nodes = model.nodes.size();
  out.edges = model.edges.size();
  out.labelled_nodes = model.labelled_nodes;
  out.large = model.large;

  KG_ASSIGN_OR_RETURN(internal::GvcPtr gvc, internal::OpenContext());
  KG_RETURN_IF_ERROR(internal::CheckPlugin(gvc.get(), "layout", LayoutName(out.layout)));
  const char* device = Device(options.format);
  KG_RETURN_IF_ERROR(internal::CheckPlugin(gvc.get(), "device", device));
  internal::GraphPtr g = internal::BuildGraph(model, options, out.layout);
  internal::LayoutGuard layout(gvc.get(), g.get(), LayoutName(out.layout));
  KG_RETURN_IF_ERROR(layout.status());
  KG_ASSIGN_OR_RETURN(out.data, internal::RenderData(gvc.get(), g.get(), device));
  return out;
}

Status WriteFileAtomically(const std::string& path, std::string_view data) {
  std::string temp = DirectoryOf(path) + "/.kg-render-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    return Status::IOError("cannot write '" + path + "': " + ErrnoText(errno));
  }
  // mkstemp creates 0600; a diagram is an ordinary shareable file. (Reading
  // the umask would race with other threads, so use the usual 0644.)
  bool ok = ::fchmod(fd, 0644) == 0 && WriteAll(fd, data) && ::fsync(fd) == 0;
  int err = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (ok && std::rename(temp.c_str(), path.c_str()) != 0) ok = false, err = errno;
  if (!ok) {
    ::unlink(temp.c_str());
    return Status::IOError("cannot write '" + path + "': " + ErrnoText(err));
  }
  return Status::OK();
}

Result<Rendering> RenderToFile(const Subgraph& graph, const RenderOptions& options,
                               const std::string& path) {
  KG_ASSIGN_OR_RETURN(Rendering r, Render(graph, options));
  KG_RETURN_IF_ERROR(WriteFileAtomically(path, r.data));
  return r;
}

}  // namespace kg::viz
