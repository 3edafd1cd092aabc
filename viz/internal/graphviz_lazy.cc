// The Graphviz functions kg_viz calls, loaded with dlopen on first use.
//
// Linked into the kg executable instead of libgvc/libcgraph
// (KG_STATIC_DEPS, cmake/StaticDeps.cmake): a `kg` process that draws
// nothing, a query say, then maps none of Graphviz's seven libraries
// (gvc, cgraph, cdt, pathplan, ltdl, expat, z) and binds none of their
// symbols at start (W7 in bench/RESULTS.md). Everything else (tests,
// libkg.so) links Graphviz as usual.
//
// Each function below has the prototype gvc.h / cgraph.h declare and calls
// the library's own, looked up once. GraphvizLock::Acquire (graphviz.cc)
// calls gvContext before any other Graphviz function; when the libraries
// cannot be loaded gvContext returns null and kg_graphviz_load_error() says
// why, so the other functions are never reached without them.
#include <dlfcn.h>
#include <gvc.h>
#include <gvcjob.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#ifndef KG_GVC_SONAME
#error "KG_GVC_SONAME and KG_CGRAPH_SONAME come from viz/CMakeLists.txt"
#endif

namespace {

struct Libraries {
  void* cgraph = nullptr;
  void* gvc = nullptr;
  std::string error;  // empty when both loaded
};

const Libraries& Load() {
  static const Libraries libraries = [] {
    Libraries l;
    l.cgraph = dlopen(KG_CGRAPH_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (l.cgraph != nullptr) l.gvc = dlopen(KG_GVC_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (l.gvc == nullptr) {
      const char* e = dlerror();
      l.error = std::string("cannot load Graphviz (") + KG_GVC_SONAME + ", " + KG_CGRAPH_SONAME +
                "; Debian package libgvc6): " + (e ? e : "unknown error");
    }
    return l;
  }();
  return libraries;
}

// The library's definition of `name`. A missing one means a Graphviz other
// than the one kg was built against: nothing sensible can follow.
void* Symbol(void* library, const char* name) {
  void* p = library == nullptr ? nullptr : dlsym(library, name);
  if (p == nullptr) {
    std::fprintf(stderr, "kg: Graphviz function %s unavailable: %s\n", name,
                 Load().error.empty() ? dlerror() : Load().error.c_str());
    std::abort();
  }
  return p;
}

template <typename F>
F Function(void* library, const char* name) {
  return reinterpret_cast<F>(Symbol(library, name));
}

}  // namespace

// Forwarders: `library` is the Libraries member holding `name`.
#define KG_GV_FORWARD(library, name, ...)                                 \
  static const auto f = Function<decltype(&name)>(Load().library, #name); \
  return f(__VA_ARGS__)

extern "C" {

// The same value as cgraph's (directed, not strict, loops allowed, a main
// graph); replaced by the library's own when it loads, before any agopen.
Agdesc_t Agdirected = {1, 0, 0, 1, 0, 0, 0, 0};

const char* kg_graphviz_load_error() { return Load().error.c_str(); }

GVC_t* gvContext(void) {
  const Libraries& l = Load();
  if (!l.error.empty()) return nullptr;
  static const bool descriptor_copied = [&l] {
    Agdirected = *static_cast<Agdesc_t*>(Symbol(l.cgraph, "Agdirected"));
    return true;
  }();
  (void)descriptor_copied;
  KG_GV_FORWARD(gvc, gvContext);
}
int gvFreeLayout(GVC_t* gvc, graph_t* g) { KG_GV_FORWARD(gvc, gvFreeLayout, gvc, g); }
int gvLayout(GVC_t* gvc, graph_t* g, const char* engine) {
  KG_GV_FORWARD(gvc, gvLayout, gvc, g, engine);
}
int gvRenderData(GVC_t* gvc, graph_t* g, const char* format, char** result, unsigned int* length) {
  KG_GV_FORWARD(gvc, gvRenderData, gvc, g, format, result, length);
}
void gvFreeRenderData(char* data) { KG_GV_FORWARD(gvc, gvFreeRenderData, data); }
void gvAddLibrary(GVC_t* gvc, gvplugin_library_t* lib) {
  KG_GV_FORWARD(gvc, gvAddLibrary, gvc, lib);
}
// Declared by Graphviz's gvio.h, which Debian does not install; called by
// the canvas renderer (canvas.cc).
size_t gvwrite(GVJ_t* job, const char* s, size_t len);
size_t gvwrite(GVJ_t* job, const char* s, size_t len) { KG_GV_FORWARD(gvc, gvwrite, job, s, len); }
char** gvPluginList(GVC_t* gvc, const char* kind, int* sz, char* text) {
  KG_GV_FORWARD(gvc, gvPluginList, gvc, kind, sz, text);
}

Agsym_t* agattr(Agraph_t* g, int kind, char* name, char* value) {
  KG_GV_FORWARD(cgraph, agattr, g, kind, name, value);
}
int agclose(Agraph_t* g) { KG_GV_FORWARD(cgraph, agclose, g); }
Agedge_t* agedge(Agraph_t* g, Agnode_t* t, Agnode_t* h, char* name, int createflag) {
  KG_GV_FORWARD(cgraph, agedge, g, t, h, name, createflag);
}
Agnode_t* agfstnode(Agraph_t* g) { KG_GV_FORWARD(cgraph, agfstnode, g); }
Agedge_t* agfstout(Agraph_t* g, Agnode_t* n) { KG_GV_FORWARD(cgraph, agfstout, g, n); }
Agraph_t* agfstsubg(Agraph_t* g) { KG_GV_FORWARD(cgraph, agfstsubg, g); }
char* agget(void* obj, char* name) { KG_GV_FORWARD(cgraph, agget, obj, name); }
char* aglasterr(void) { KG_GV_FORWARD(cgraph, aglasterr); }
Agnode_t* agnode(Agraph_t* g, char* name, int createflag) {
  KG_GV_FORWARD(cgraph, agnode, g, name, createflag);
}
Agnode_t* agnxtnode(Agraph_t* g, Agnode_t* n) { KG_GV_FORWARD(cgraph, agnxtnode, g, n); }
Agedge_t* agnxtout(Agraph_t* g, Agedge_t* e) { KG_GV_FORWARD(cgraph, agnxtout, g, e); }
Agraph_t* agnxtsubg(Agraph_t* subg) { KG_GV_FORWARD(cgraph, agnxtsubg, subg); }
Agraph_t* agopen(char* name, Agdesc_t desc, Agdisc_t* disc) {
  KG_GV_FORWARD(cgraph, agopen, name, desc, disc);
}
Agraph_t* agroot(void* obj) { KG_GV_FORWARD(cgraph, agroot, obj); }
int agsafeset(void* obj, char* name, char* value, char* def) {
  KG_GV_FORWARD(cgraph, agsafeset, obj, name, value, def);
}
char* agstrdup_html(Agraph_t* g, char* s) { KG_GV_FORWARD(cgraph, agstrdup_html, g, s); }
int agstrfree(Agraph_t* g, char* s) { KG_GV_FORWARD(cgraph, agstrfree, g, s); }
Agraph_t* agsubg(Agraph_t* g, char* name, int cflag) {
  KG_GV_FORWARD(cgraph, agsubg, g, name, cflag);
}

}  // extern "C"
