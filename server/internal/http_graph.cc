// GET /v1/render, /v1/ego and /v1/analyze (see http_graph.h): parameters
// to session requests, errors to ApiError JSON.
#include "server/internal/http_graph.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include "core/json.h"
#include "core/text.h"
#include "server/internal/http_params.h"
#include "server/internal/http_pins.h"
#include "server/internal/http_reply.h"
#include "viz/render.h"

namespace kg::server::internal {
namespace {

// As `kg ego`: a larger ring no longer reads at page size.
constexpr int64_t kDefaultEgoMaxNodes = 25;

void SendDiagram(HttpResponse* res, const session::DrawRequest& request, std::string data) {
  res->status = 200;
  res->content_type = std::string(DiagramMediaType(viz::FormatName(request.render.format)));
  res->body = std::move(data);
}

// The drawing's bytes; its subgraph (some 4,000 relations in a large view)
// is freed after they are sent.
void SendDrawing(HttpResponse* res, const session::DrawRequest& request, session::Drawing drawing) {
  SendDiagram(res, request, std::move(drawing.rendering.data));
  res->after_write = std::make_shared<session::Drawing>(std::move(drawing));
}

// The --size-by score: pagerank, betweenness or degree.
Result<std::optional<analytics::Algorithm>> SizeBy(const HttpRequest& req) {
  const std::string* name = req.Param("size_by");
  if (name == nullptr) return std::optional<analytics::Algorithm>();
  Result<analytics::Algorithm> algorithm = analytics::ParseAlgorithm(*name);
  if (!algorithm.ok() || analytics::IsGrouping(*algorithm))
    return Status::InvalidArgument("size_by must be pagerank, betweenness or degree, got '" +
                                   *name + "'");
  return std::optional<analytics::Algorithm>(*algorithm);
}

// The diagram options (kDrawParams) of a request.
Result<session::DrawRequest> DrawRequestFrom(const HttpRequest& req) {
  session::DrawRequest request;
  viz::RenderOptions& o = request.render;
  std::string format = TextParam(req, "format", "svg");
  AsciiLowerInPlace(&format);
  Result<viz::Format> parsed = viz::ParseFormat(format);
  if (!parsed.ok())
    return Status::InvalidArgument("format must be svg, png, pdf, dot, xdot or canvas, got '" +
                                   format + "'");
  o.format = *parsed;
  if (const std::string* layout = req.Param("layout")) {
    Result<viz::Layout> parsed = viz::ParseLayout(*layout);
    if (!parsed.ok()) return parsed.status().WithPrefix("layout");
    o.layout = *parsed;
  }
  Result<viz::RankDir> rankdir = viz::ParseRankDir(TextParam(req, "rankdir", "LR"));
  if (!rankdir.ok()) return rankdir.status().WithPrefix("rankdir");
  o.rankdir = *rankdir;
  o.title = TextParam(req, "title");
  KG_ASSIGN_OR_RETURN(bool no_legend, FlagParam(req, "no_legend", false));
  KG_ASSIGN_OR_RETURN(bool no_merge, FlagParam(req, "no_merge", false));
  o.legend = !no_legend;
  o.merge_parallel = !no_merge;
  KG_ASSIGN_OR_RETURN(request.size_by, SizeBy(req));
  if (request.size_by) o.score_name = std::string(analytics::AlgorithmName(*request.size_by));
  return request;
}

Result<session::EgoRequest> EgoRequestFrom(const HttpRequest& req) {
  session::EgoRequest ego;
  const std::string* name = req.Param("name");
  if (name == nullptr || name->empty())
    return Status::InvalidArgument("GET /v1/ego needs ?name=NAME (a name or alias, any case)");
  ego.name = *name;
  KG_ASSIGN_OR_RETURN(int64_t depth, IntParam(req, "depth", 1, 0, session::kMaxEgoDepth));
  KG_ASSIGN_OR_RETURN(int64_t max_nodes, IntParam(req, "max_nodes", kDefaultEgoMaxNodes, 1,
                                                  static_cast<int64_t>(viz::kMaxNodes)));
  ego.depth = static_cast<int>(depth);
  ego.max_nodes = static_cast<size_t>(max_nodes);
  ego.types = ListParam(req, "types");
  KG_ASSIGN_OR_RETURN(ego.cross_edges, FlagParam(req, "cross_edges", false));
  KG_ASSIGN_OR_RETURN(ego.scope, ScopeParams(req));
  return ego;
}

// The algorithm's options; `shortest` needs `from`.
Result<session::AnalyzeRequest> AnalyzeRequestFrom(const HttpRequest& req) {
  session::AnalyzeRequest request;
  const std::string* algorithm = req.Param("algorithm");
  if (algorithm == nullptr)
    return Status::InvalidArgument(
        "GET /v1/analyze needs ?algorithm=pagerank|betweenness|degree|components|scc|"
        "communities|shortest");
  analytics::GraphFilter& filter = request.options.filter;
  filter.labels = ListParam(req, "labels");
  filter.types = ListParam(req, "types");
  KG_ASSIGN_OR_RETURN(request.scope, ScopeParams(req));
  KG_ASSIGN_OR_RETURN(int64_t top, IntParam(req, "top", 20, 0, INT64_MAX));
  request.top = static_cast<size_t>(top);
  KG_ASSIGN_OR_RETURN(request.directed, FlagParam(req, "directed", false));
  request.from = TextParam(req, "from");
  request.to = TextParam(req, "to");
  KG_ASSIGN_OR_RETURN(request.weight,
                      analytics::ParseEdgeWeight(TextParam(req, "weight", "hops"), "weight"));
  if (*algorithm == "shortest") {
    if (request.from.empty())
      return Status::InvalidArgument("algorithm=shortest needs from=NAME (and optionally to=NAME)");
    return request;
  }
  Result<analytics::Algorithm> parsed = analytics::ParseAlgorithm(*algorithm);
  if (!parsed.ok()) return parsed.status().WithPrefix("algorithm");
  request.algorithm = *parsed;
  analytics::AnalysisOptions& o = request.options;
  KG_ASSIGN_OR_RETURN(o.pagerank.damping, NumberParam(req, "damping", 0.85));
  if (!(o.pagerank.damping >= 0.0 && o.pagerank.damping < 1.0))
    return Status::InvalidArgument("damping must be in [0, 1), got '" + TextParam(req, "damping") +
                                   "'");
  KG_ASSIGN_OR_RETURN(int64_t iterations, IntParam(req, "iterations", 20, 1, 1000000));
  o.pagerank.iterations = static_cast<int>(iterations);
  o.betweenness.directed = request.directed;
  KG_ASSIGN_OR_RETURN(bool raw, FlagParam(req, "raw", false));
  o.betweenness.normalized = !raw;
  KG_ASSIGN_OR_RETURN(
      o.degree, analytics::ParseDegreeDirection(TextParam(req, "direction", "both"), "direction"));
  KG_ASSIGN_OR_RETURN(int64_t seed, IntParam(req, "seed", 42, 0, INT64_MAX));
  o.communities.seed = static_cast<uint64_t>(seed);
  return request;
}

// Runs `request` (or answers its parameter error) as the JSON result contract.
void RunAnalyze(Service& service, std::string_view token, Result<session::AnalyzeRequest> request,
                HttpResponse* res) {
  if (!request.ok()) return SendBadRequest(res, request.status());
  auto table = service.Analyze(token, *request);
  if (!table.ok())
    return SendError(res, service.NameError(table.status(), {request->from, request->to}));
  res->status = 200;
  res->content_type = "application/json";
  res->body = ResultTableToJson(*table);
}

// GET /v1/path: the shortest path of `kg analyze shortest` between two names.
Result<session::AnalyzeRequest> PathRequestFrom(const HttpRequest& req) {
  session::AnalyzeRequest request;
  request.from = TextParam(req, "from");
  request.to = TextParam(req, "to");
  if (request.from.empty() || request.to.empty())
    return Status::InvalidArgument("GET /v1/path needs ?from=NAME&to=NAME");
  analytics::GraphFilter& filter = request.options.filter;
  filter.labels = ListParam(req, "labels");
  filter.types = ListParam(req, "types");
  KG_ASSIGN_OR_RETURN(request.scope, ScopeParams(req));
  KG_ASSIGN_OR_RETURN(request.directed, FlagParam(req, "directed", false));
  KG_ASSIGN_OR_RETURN(request.weight,
                      analytics::ParseEdgeWeight(TextParam(req, "weight", "hops"), "weight"));
  return request;
}

// ?query= (with ?params=) or ?ids= (the explorer's view, Session::RenderView),
// exactly one of them.
Status CheckWhatToDraw(const HttpRequest& req) {
  bool query = req.Param("query") != nullptr, ids = req.Param("ids") != nullptr;
  if (query && ids)
    return Status::InvalidArgument("GET /v1/render takes ?query=... or ?ids=..., not both");
  if (!query && !ids)
    return Status::InvalidArgument("GET /v1/render needs ?query=... (or ?ids=...)");
  if (ids && req.Param("params") != nullptr)
    return Status::InvalidArgument("params go with ?query=, not ?ids=");
  if (ids && (req.Param("diff_from") != nullptr || req.Param("diff_to") != nullptr))
    return Status::InvalidArgument("diff_from and diff_to go with ?query=, not ?ids=");
  return Status::OK();
}

// What GET /v1/render and /v1/render/delta draw: a statement's result
// (?query=, with ?params=) or the explorer's view (?ids=), with the diagram
// options and the scope.
struct DrawWhat {
  std::optional<std::vector<EntityId>> ids;  // the view; without, the query
  ValueMap params;
  session::DrawRequest request;
  session::Scope scope;
};

Result<DrawWhat> RenderFrom(const HttpRequest& req) {
  KG_RETURN_IF_ERROR(CheckWhatToDraw(req));
  DrawWhat what;
  if (const std::string* ids = req.Param("ids")) {
    KG_ASSIGN_OR_RETURN(what.ids, IdsParam(*ids));
  }
  KG_ASSIGN_OR_RETURN(what.params, ParseParams(TextParam(req, "params")));
  KG_ASSIGN_OR_RETURN(what.request, DrawRequestFrom(req));
  if (req.Param("diff_from") != nullptr || req.Param("diff_to") != nullptr) {
    KG_ASSIGN_OR_RETURN(what.request.diff,
                        session::ParseWindow(TextParam(req, "diff_from"), TextParam(req, "diff_to"),
                                             "diff_from", "diff_to"));
  }
  KG_ASSIGN_OR_RETURN(what.request.render.pins, PinsParam(req));
  KG_ASSIGN_OR_RETURN(what.request.render.root, RootParam(req));
  KG_ASSIGN_OR_RETURN(what.scope, ScopeParams(req));
  return what;
}

// The view after an expansion, drawn for the page's canvas around the
// nodes it already placed.
Result<DrawWhat> RenderDeltaFrom(const HttpRequest& req) {
  const std::string* ids = req.Param("ids");
  if (ids == nullptr || req.Param("focus") == nullptr || req.Param("pins") == nullptr)
    return Status::InvalidArgument(
        "GET /v1/render/delta needs ?ids=... (the view after the expansion), ?pins=... (where "
        "the page drew its nodes) and ?focus=ID (the node expanded)");
  DrawWhat what;
  KG_ASSIGN_OR_RETURN(what.ids, IdsParam(*ids));
  KG_ASSIGN_OR_RETURN(std::optional<EntityId> focus, IdParam(req, "focus"));
  KG_ASSIGN_OR_RETURN(what.request, DrawRequestFrom(req));
  viz::RenderOptions& o = what.request.render;
  o.format = viz::Format::kCanvas;
  o.delta_focus = focus;
  KG_ASSIGN_OR_RETURN(o.delta_redraw_pinned, FlagParam(req, "redraw_pinned", false));
  KG_ASSIGN_OR_RETURN(o.pins, PinsParam(req));
  KG_ASSIGN_OR_RETURN(what.scope, ScopeParams(req));
  return what;
}

// Draws `what` (or answers its parameter error).
void RunDraw(Service& service, std::string_view token, const HttpRequest& req,
             Result<DrawWhat> what, HttpResponse* res) {
  if (!what.ok()) return SendBadRequest(res, what.status());
  auto drawing = what->ids ? service.RenderView(token, *what->ids, what->request, what->scope)
                           : service.Render(token, *req.Param("query"), what->params, what->request,
                                            what->scope);
  if (!drawing.ok()) return SendError(res, ToApiError(drawing.status()));
  SendDrawing(res, what->request, std::move(drawing).value());
}

}  // namespace

void HandleRender(Service& service, std::string_view token, const HttpRequest& req,
                  HttpResponse* res) {
  if (auto bad = CheckParams(req, kRenderParams)) return SendError(res, *bad);
  if (auto denied = service.AuthorizeRead(token)) return SendError(res, *denied);
  RunDraw(service, token, req, RenderFrom(req), res);
}

void HandleRenderDelta(Service& service, std::string_view token, const HttpRequest& req,
                       HttpResponse* res) {
  if (auto bad = CheckParams(req, kRenderDeltaParams)) return SendError(res, *bad);
  if (auto denied = service.AuthorizeRead(token)) return SendError(res, *denied);
  RunDraw(service, token, req, RenderDeltaFrom(req), res);
}

void HandleEgo(Service& service, std::string_view token, const HttpRequest& req,
               HttpResponse* res) {
  if (auto bad = CheckParams(req, kEgoParams)) return SendError(res, *bad);
  if (auto denied = service.AuthorizeRead(token)) return SendError(res, *denied);
  auto ego = EgoRequestFrom(req);
  if (!ego.ok()) return SendBadRequest(res, ego.status());
  auto request = DrawRequestFrom(req);
  if (!request.ok()) return SendBadRequest(res, request.status());
  auto data = service.Ego(token, *ego, *request);
  if (!data.ok()) return SendError(res, service.NameError(data.status(), {ego->name}));
  SendDiagram(res, *request, std::move(data).value());
}

void HandleAnalyze(Service& service, std::string_view token, const HttpRequest& req,
                   HttpResponse* res) {
  if (auto bad = CheckParams(req, kAnalyzeParams)) return SendError(res, *bad);
  if (auto denied = service.AuthorizeRead(token)) return SendError(res, *denied);
  RunAnalyze(service, token, AnalyzeRequestFrom(req), res);
}

void HandlePath(Service& service, std::string_view token, const HttpRequest& req,
                HttpResponse* res) {
  if (auto bad = CheckParams(req, kPathParams)) return SendError(res, *bad);
  if (auto denied = service.AuthorizeRead(token)) return SendError(res, *denied);
  RunAnalyze(service, token, PathRequestFrom(req), res);
}

}  // namespace kg::server::internal
