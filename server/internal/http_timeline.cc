// GET /v1/timeline and /v1/diff (see http_timeline.h): parameters to
// session requests, answers as JSON (or a timeline diagram), errors as
// ApiError JSON.
#include "server/internal/http_timeline.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "server/internal/http_params.h"
#include "server/internal/http_reply.h"
#include "viz/render.h"

namespace kg::server::internal {
namespace {

Result<std::optional<Date>> DayParam(const HttpRequest& req, std::string_view name) {
  return session::ParseDay(TextParam(req, name), name);
}

// known_at, as_of (the same here) and min_confidence.
Result<session::Scope> DatedScope(const HttpRequest& req) {
  session::Scope scope;
  KG_ASSIGN_OR_RETURN(scope.known_at, DayParam(req, "known_at"));
  KG_ASSIGN_OR_RETURN(scope.as_of, DayParam(req, "as_of"));
  if (req.Param("min_confidence") != nullptr) {
    KG_ASSIGN_OR_RETURN(double floor, NumberParam(req, "min_confidence", 1.0));
    scope.min_confidence = floor;
  }
  KG_RETURN_IF_ERROR(scope.Filter().status());
  return scope;
}

Result<session::TimelineRequest> TimelineRequestFrom(const HttpRequest& req) {
  session::TimelineRequest request;
  request.name = TextParam(req, "name");
  if (request.name.empty())
    return Status::InvalidArgument("GET /v1/timeline needs ?name=NAME (a name or alias, any case)");
  request.types = ListParam(req, "types");
  KG_ASSIGN_OR_RETURN(request.from, DayParam(req, "from"));
  KG_ASSIGN_OR_RETURN(request.to, DayParam(req, "to"));
  if (request.from && request.to && *request.to < *request.from)
    return Status::InvalidArgument("from " + request.from->ToString() + " is after to " +
                                   request.to->ToString());
  KG_ASSIGN_OR_RETURN(request.scope, DatedScope(req));
  return request;
}

// format=json (default) or a diagram format; nullopt for json.
Result<std::optional<session::DrawRequest>> TimelineDraw(const HttpRequest& req) {
  std::string format = TextParam(req, "format", "json");
  AsciiLowerInPlace(&format);
  if (format == "json") return std::optional<session::DrawRequest>();
  Result<viz::Format> parsed = viz::ParseFormat(format);
  if (!parsed.ok() || *parsed == viz::Format::kXdot || *parsed == viz::Format::kCanvas)
    return Status::InvalidArgument("format must be json, svg, png, pdf or dot, got '" + format +
                                   "'");
  session::DrawRequest draw;
  draw.render.format = *parsed;
  draw.render.title = TextParam(req, "title");
  KG_ASSIGN_OR_RETURN(bool no_legend, FlagParam(req, "no_legend", false));
  draw.render.legend = !no_legend;
  return std::optional<session::DrawRequest>(std::move(draw));
}

}  // namespace

void HandleTimeline(Service& service, std::string_view token, const HttpRequest& req,
                    HttpResponse* res) {
  if (auto bad = CheckParams(req, kTimelineParams)) return SendError(res, *bad);
  if (auto denied = service.AuthorizeRead(token)) return SendError(res, *denied);
  auto request = TimelineRequestFrom(req);
  if (!request.ok()) return SendBadRequest(res, request.status());
  auto draw = TimelineDraw(req);
  if (!draw.ok()) return SendBadRequest(res, draw.status());
  session::Session& session = service.session();
  auto timeline = session.GetTimeline(*request);
  if (!timeline.ok()) return SendError(res, service.NameError(timeline.status(), {request->name}));
  if (!*draw) return SendJson(res, session::Session::TimelineJson(*timeline));
  auto drawn = session.DrawTimeline(*timeline, **draw);
  if (!drawn.ok()) return SendError(res, service.NameError(drawn.status(), {}));
  res->status = 200;
  res->content_type = std::string(DiagramMediaType(viz::FormatName((*draw)->render.format)));
  res->body = std::move(drawn->data);
}

void HandleDiff(Service& service, std::string_view token, const HttpRequest& req,
                HttpResponse* res) {
  if (auto bad = CheckParams(req, kDiffParams)) return SendError(res, *bad);
  if (auto denied = service.AuthorizeRead(token)) return SendError(res, *denied);
  auto window = session::ParseWindow(TextParam(req, "from"), TextParam(req, "to"), "from", "to");
  if (!window.ok()) return SendBadRequest(res, window.status());
  auto scope = DatedScope(req);
  if (!scope.ok()) return SendBadRequest(res, scope.status());
  session::DiffRequest request{*window, TextParam(req, "name"), ListParam(req, "types"), *scope};
  auto diff = service.session().GetDiff(request);
  if (!diff.ok()) return SendError(res, service.NameError(diff.status(), {request.name}));
  SendJson(res, session::Session::DiffJson(*diff));
}

}  // namespace kg::server::internal
