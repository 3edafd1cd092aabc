// RAII and Status adapters over cgraph + gvc (see graphviz.h).
#include "viz/internal/graphviz.h"

#include <cstdlib>
#include <string>

#include "viz/internal/canvas.h"

namespace kg::viz::internal {
namespace {

// gvPluginList returns a malloc'ed array of malloc'ed strings.
bool HasPlugin(GVC_t* gvc, const char* kind, std::string_view name) {
  int count = 0;
  char** list = gvPluginList(gvc, kind, &count, nullptr);
  bool found = false;
  for (int i = 0; i < count; ++i) {
    found = found || name == list[i];
    std::free(list[i]);
  }
  std::free(list);
  return found;
}

std::string LastError() {
  const char* e = aglasterr();
  std::string text = e ? e : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "no message" : text;
}

}  // namespace

// Defined where Graphviz is loaded on first use (graphviz_lazy.cc, the kg
// executable): why loading it failed, or "". Null where Graphviz is linked.
extern "C" [[gnu::weak]] const char* kg_graphviz_load_error();

LayoutGuard::LayoutGuard(GVC_t* gvc, Agraph_t* graph, std::string_view engine)
    : gvc_(gvc), graph_(graph) {
  std::string name(engine);
  // Parts of Graphviz 2.42's force-directed engines (sfdp's overlap removal
  // among them) draw from libc's random generators without seeding them, so
  // a layout would depend on what ran before it in the process. Reseeding
  // makes every layout a function of the graph alone.
  srand48(1);
  srand(1);
  if (gvLayout(gvc_, graph_, name.c_str()) != 0) {
    status_ = Status::Internal("Graphviz layout '" + name + "' failed: " + LastError());
  }
}

LayoutGuard::~LayoutGuard() {
  if (status_.ok()) gvFreeLayout(gvc_, graph_);
}

Result<GraphvizLock> GraphvizLock::Acquire() {
  static std::mutex mu;
  static GVC_t* context = nullptr;  // never freed: see graphviz.h
  static int layouts = 0;           // layout plugins of `context`, counted once
  std::unique_lock<std::mutex> lock(mu);
  if (context == nullptr) {
    context = gvContext();
    if (context == nullptr && kg_graphviz_load_error != nullptr &&
        *kg_graphviz_load_error() != '\0') {
      return Status::NotSupported(kg_graphviz_load_error());
    }
    if (context == nullptr) {
      return Status::Internal("cannot create a Graphviz context (out of memory?)");
    }
    AddCanvasPlugin(context);  // kg's own renderer (canvas.h)
    char** list = gvPluginList(context, "layout", &layouts, nullptr);
    for (int i = 0; i < layouts; ++i) std::free(list[i]);
    std::free(list);
  }
  if (layouts == 0) {
    return Status::NotSupported(
        "the Graphviz plugins are not installed or not configured (no layout engine found): "
        "install libgvc6 (it registers its plugins in "
        "/usr/lib/x86_64-linux-gnu/graphviz/config6a)");
  }
  return GraphvizLock(std::move(lock), context);
}

Status CheckPlugin(GVC_t* gvc, const char* kind, std::string_view name) {
  if (HasPlugin(gvc, kind, name)) return Status::OK();
  return Status::NotSupported("Graphviz has no " + std::string(kind) + " plugin '" +
                              std::string(name) +
                              "' here: install libgvc6 (cairo renderer for png/pdf, "
                              "neato/fdp/sfdp/circo layouts)");
}

void SetAttr(void* object, const char* name, std::string_view value) {
  std::string v(value);
  agsafeset(object, Str(name), v.data(), Str(""));
}

void SetHtmlAttr(Agraph_t* root, void* object, const char* name, std::string_view html) {
  std::string v(html);
  char* s = agstrdup_html(root, v.data());
  agsafeset(object, Str(name), s, Str(""));
  agstrfree(root, s);
}

Agnode_t* AddLegend(Agraph_t* root, Agraph_t* parent, std::string_view html, bool plain_style) {
  Agraph_t* sub = agsubg(parent, Str("legend_rank"), 1);
  SetAttr(sub, "rank", "sink");
  Agnode_t* legend = agnode(sub, Str("legend"), 1);
  SetAttr(legend, "id", "legend");
  SetAttr(legend, "shape", "plaintext");
  if (plain_style) SetAttr(legend, "style", "");
  SetAttr(legend, "tooltip", "Legend");
  SetHtmlAttr(root, legend, "label", html);
  return legend;
}

Result<std::string> RenderData(GVC_t* gvc, Agraph_t* graph, const char* format) {
  char* data = nullptr;
  unsigned int length = 0;  // Graphviz 2.42: unsigned int*, not size_t*
  if (gvRenderData(gvc, graph, format, &data, &length) != 0) {
    if (data) gvFreeRenderData(data);
    return Status::Internal(std::string("Graphviz could not render ") + format + ": " +
                            LastError());
  }
  std::string out(data ? data : "", length);
  gvFreeRenderData(data);
  return out;
}

}  // namespace kg::viz::internal
