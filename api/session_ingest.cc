// Session: ingest from what a front holds -- a document's bytes, a review's
// text -- so the CLI (cmd_ingest.cc) and the HTTP server (POST /v1/ingest,
// /v1/ingest/apply) run one function each and neither re-implements a step.
#include "api/internal/session_impl.h"
#include "core/json.h"
#include "ingest/document.h"
#include "ingest/ingest.h"
#include "storage/sources.h"

namespace kg::session {
namespace {

Status Prefixed(const Status& status, const std::string& origin) {
  return origin.empty() ? status : status.WithPrefix(origin);
}

void AppendRefusals(const std::vector<ingest::Refusal>& refused, std::string* out) {
  out->append("[");
  for (size_t i = 0; i < refused.size(); ++i) {
    if (i > 0) out->append(",");
    out->append("{\"line\":" + std::to_string(refused[i].line) + ",\"id\":");
    AppendJsonString(refused[i].candidate_id, out);
    out->append(",\"reason\":");
    AppendJsonString(refused[i].reason, out);
    out->append("}");
  }
  out->append("]");
}

}  // namespace

Result<ingest::Review> Session::AnalyzeDocument(const ArticleDocument& document,
                                                ingest::AnalyzeStats* stats,
                                                std::vector<ingest::Refusal>* refused) const {
  const std::string& origin = document.origin;
  auto format = ingest::ParseDocumentFormat(document.format);
  if (!format.ok()) return Prefixed(format.status(), origin);
  KG_RETURN_IF_ERROR(Prefixed(storage::ValidateSourceId(document.source.id), origin));
  KG_RETURN_IF_ERROR(Prefixed(storage::ValidatePublished(document.source.published), origin));
  std::string_view name = origin.empty() ? std::string_view("the text") : origin;
  KG_ASSIGN_OR_RETURN(std::string text, ingest::ExtractText(document.bytes, *format, name));
  ArticleRequest request{document.source, std::move(text), document.extractor, document.replace};
  auto review = AnalyzeArticle(request, stats, refused);
  if (!review.ok()) return Prefixed(review.status(), origin);
  return review;
}

Result<std::string> Session::AnalyzeDocumentJson(const ArticleDocument& document) const {
  ingest::AnalyzeStats stats;
  std::vector<ingest::Refusal> refused;
  KG_ASSIGN_OR_RETURN(ingest::Review review, AnalyzeDocument(document, &stats, &refused));
  std::string out = "{\"source\":";
  AppendJsonString(review.source.id, &out);
  out += ",\"sentences\":" + std::to_string(stats.sentences) + ",\"review\":[";
  out += ingest::SourceToJson(review.source, review.text);
  ingest::OffsetMap offsets(review.text);
  for (const ingest::Candidate& c : review.candidates)
    out += "," + ingest::CandidateToJson(c, offsets);
  out += "],\"refused\":";
  AppendRefusals(refused, &out);
  out += "}";
  return out;
}

Result<ingest::ApplySummary> Session::ApplyReviewText(const ReviewToApply& request) {
  if (request.auto_accept && !(*request.auto_accept >= 0 && *request.auto_accept <= 1))
    return Status::InvalidArgument("auto-accept: a confidence in [0, 1]");
  KG_ASSIGN_OR_RETURN(ingest::Review review, ingest::ParseReview(request.body, request.origin));
  ingest::ApplyOptions options;
  options.replace = request.replace;
  options.auto_accept = request.auto_accept;
  return ApplyReview(std::move(review), options, request.origin);
}

Result<std::string> Session::ApplyReviewJson(const ReviewToApply& request) {
  KG_ASSIGN_OR_RETURN(ingest::ApplySummary s, ApplyReviewText(request));
  std::string out = "{\"source\":";
  AppendJsonString(s.source_id, &out);
  out += ",\"entities_created\":" + std::to_string(s.entities_created) +
         ",\"aliases_added\":" + std::to_string(s.aliases_added) +
         ",\"relations_created\":" + std::to_string(s.relations_created) +
         ",\"replaced\":" + (s.replaced ? "true" : "false") +
         ",\"removed\":{\"relations_deleted\":" + std::to_string(s.removed.relations_deleted) +
         ",\"relations_kept\":" + std::to_string(s.removed.relations_kept) +
         ",\"entities_deleted\":" + std::to_string(s.removed.entities_deleted) + "}}";
  return out;
}

std::string Session::ReviewJsonl(const ingest::Review& review) {
  return ingest::ReviewToJsonl(review);
}

Status Session::CheckDocumentFormat(std::string_view name) {
  return ingest::ParseDocumentFormat(name).status();
}

}  // namespace kg::session
