// Thin RAII layer over the Graphviz C libraries (cgraph + gvc 2.42): each
// handle owned exactly once, layouts freed in the scope that made them,
// const-correct attribute setters, and Graphviz failures as Status.
#pragma once

#include <gvc.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace kg::viz::internal {

struct GraphCloser {
  void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

// The right to use Graphviz, and its one context.
//
// Graphviz 2.42 is not thread-safe: cgraph keeps its current graph and error
// in globals, the layout engines keep static state, and the pango text
// plugin caches its last font. That cache is a pointer to the font name the
// context's font dictionary holds, so freeing a context left the next
// drawing of the process comparing against freed memory (AddressSanitizer
// found it in the suite). So every use of Graphviz in the process, from
// building a graph to closing it, holds a GraphvizLock: one process-wide
// mutex, and one context made on first use and never freed.
class GraphvizLock {
 public:
  // Waits for the lock. NotSupported (saying how to fix it) when Graphviz
  // has no layout plugin installed.
  static Result<GraphvizLock> Acquire();
  GVC_t* gvc() const { return gvc_; }

 private:
  GraphvizLock(std::unique_lock<std::mutex> lock, GVC_t* gvc) : lock_(std::move(lock)), gvc_(gvc) {}
  std::unique_lock<std::mutex> lock_;
  GVC_t* gvc_;
};

// Runs gvLayout on construction and gvFreeLayout on destruction (only when
// the layout succeeded). Check status() before rendering.
class LayoutGuard {
 public:
  LayoutGuard(GVC_t* gvc, Agraph_t* graph, std::string_view engine);
  ~LayoutGuard();
  LayoutGuard(const LayoutGuard&) = delete;
  LayoutGuard& operator=(const LayoutGuard&) = delete;
  const Status& status() const { return status_; }

 private:
  GVC_t* gvc_;
  Agraph_t* graph_;
  Status status_;
};

// OK when the context has a plugin of `kind` ("layout", "device") named
// `name`; NotSupported naming what to install otherwise.
Status CheckPlugin(GVC_t* gvc, const char* kind, std::string_view name);

// cgraph 2.42 takes char* where it only reads.
inline char* Str(const char* s) { return const_cast<char*>(s); }

// Sets an attribute (declaring it with default "" when new).
void SetAttr(void* object, const char* name, std::string_view value);
// Sets an attribute to an HTML-like label (`html` without the outer <>).
void SetHtmlAttr(Agraph_t* root, void* object, const char* name, std::string_view html);

// The legend: a plain node (id "legend") holding `html`, in a sink-ranked
// subgraph of `parent` so it sits below the drawing. `plain_style` clears
// a node style the graph sets by default. Returns the legend node.
Agnode_t* AddLegend(Agraph_t* root, Agraph_t* parent, std::string_view html, bool plain_style);

// Renders a laid-out graph (or, for "canon", any graph) to bytes.
// Internal with Graphviz's last error when it fails.
Result<std::string> RenderData(GVC_t* gvc, Agraph_t* graph, const char* format);

}  // namespace kg::viz::internal
