// POST /v1/ingest and /v1/ingest/apply (see http_ingest.h): the request to
// a session::ArticleDocument or ReviewToApply, the session's JSON answer
// back, errors as ApiError JSON.
#include "server/internal/http_ingest.h"

#include <algorithm>
#include <cctype>

#include "core/json.h"
#include "core/text.h"
#include "server/internal/http_params.h"
#include "server/internal/http_reply.h"

namespace kg::server::internal {
namespace {

// The metadata fields of an article, as JSON fields or query parameters.
constexpr std::string_view kMetadata[] = {"id",  "title", "publisher", "author",
                                          "url", "date",  "language",  "note"};

const ParamTable kIngestTextParams = {
    "POST /v1/ingest with a text body",
    {"id", "title", "publisher", "author", "url", "date", "language", "note", "replace"}};
const ParamTable kIngestApplyParams = {"POST /v1/ingest/apply", {"replace", "auto_accept"}};

// The media type of the request ("" when none), lower case, without
// parameters; `*charset` gets the charset parameter ("" when none).
std::string MediaType(const HttpRequest& req, std::string* charset) {
  const std::string* header = req.Header("content-type");
  if (header == nullptr) return "";
  std::string value = AsciiLower(*header);
  size_t semi = value.find(';');
  std::string type = value.substr(0, semi);
  type.erase(type.find_last_not_of(" \t") + 1);
  size_t at = value.find("charset=", semi == std::string::npos ? value.size() : semi);
  if (at != std::string::npos) {
    *charset = value.substr(at + 8);
    charset->erase(std::remove(charset->begin(), charset->end(), '"'), charset->end());
    charset->erase(std::min(charset->size(), charset->find_first_of("; \t")));
  }
  return type;
}

void SetField(session::ArticleDocument* doc, std::string_view key, std::string value) {
  SourceRecord& s = doc->source;
  if (key == "id") s.id = std::move(value);
  if (key == "title") s.title = std::move(value);
  if (key == "publisher") s.publisher = std::move(value);
  if (key == "author") s.author = std::move(value);
  if (key == "url") s.url = std::move(value);
  if (key == "date") s.published = std::move(value);
  if (key == "language") s.language = std::move(value);
  if (key == "note") s.note = std::move(value);
}

// {"text": "...", "format": "auto|text|markdown|html", "id", "title",
// "publisher", "author", "url", "date", "language", "note": strings or
// null, "replace": true|false}.
Result<session::ArticleDocument> DocumentFromJson(const std::string& body) {
  auto parsed = ParseJson(body);
  if (!parsed.ok())
    return Status::InvalidArgument("malformed JSON body: " + parsed.status().message());
  if (!parsed->is_map())
    return Status::InvalidArgument("the body must be a JSON object {\"text\": \"...\", ...}");
  session::ArticleDocument doc;
  bool has_text = false;
  for (const auto& [key, value] : parsed->as_map()) {
    bool metadata =
        std::find(std::begin(kMetadata), std::end(kMetadata), key) != std::end(kMetadata);
    if (key == "replace") {
      if (!value.is_null() && !value.is_bool())
        return Status::InvalidArgument("\"replace\" must be true or false");
      doc.replace = value.is_bool() && value.as_bool();
    } else if (key == "text" || key == "format" || metadata) {
      if (value.is_null() && key != "text") continue;
      if (!value.is_string()) return Status::InvalidArgument("\"" + key + "\" must be a string");
      if (key == "text") {
        doc.bytes = value.as_string();
        has_text = true;
      } else if (key == "format") {
        doc.format = value.as_string();
      } else {
        SetField(&doc, key, value.as_string());
      }
    } else {
      return Status::InvalidArgument("unknown field \"" + key +
                                     "\" in the body (known: text, format, id, title, publisher, "
                                     "author, url, date, language, note, replace)");
    }
  }
  if (!has_text) return Status::InvalidArgument("the body needs a string field \"text\"");
  return doc;
}

// The body is the article itself; its metadata are query parameters.
Result<session::ArticleDocument> DocumentFromText(const HttpRequest& req, std::string format) {
  session::ArticleDocument doc;
  doc.bytes = req.body;
  doc.format = std::move(format);
  for (std::string_view key : kMetadata)
    if (req.Param(key) != nullptr) SetField(&doc, key, TextParam(req, key));
  KG_ASSIGN_OR_RETURN(doc.replace, FlagParam(req, "replace", false));
  return doc;
}

}  // namespace

void HandleIngest(Service& service, std::string_view token, const HttpRequest& req,
                  HttpResponse* res) {
  if (auto denied = service.Authorize(token, /*write=*/true)) return SendError(res, *denied);
  std::string charset;
  std::string type = MediaType(req, &charset);
  if (!charset.empty() && charset != "utf-8" && charset != "utf8")
    return SendError(res, {415, "UnsupportedMediaType",
                           "charset " + charset +
                               ": kg ingests UTF-8 text only; convert it "
                               "first, e.g. iconv -f latin1 -t utf-8"});
  Result<session::ArticleDocument> doc = Status::Internal("unset");
  if (type.empty() || type == "application/json") {
    if (auto bad = CheckParams(req, NoParams("POST /v1/ingest with a JSON body")))
      return SendError(res, *bad);
    doc = DocumentFromJson(req.body);
  } else if (type == "text/plain" || type == "text/markdown" || type == "text/html") {
    if (auto bad = CheckParams(req, kIngestTextParams)) return SendError(res, *bad);
    doc = DocumentFromText(req, type == "text/plain"      ? "text"
                                : type == "text/markdown" ? "markdown"
                                                          : "html");
  } else {
    return SendError(res, {415, "UnsupportedMediaType",
                           "POST /v1/ingest takes application/json ({\"text\": ..., \"title\": "
                           "...}) or the article as text/plain, text/markdown or text/html"});
  }
  if (!doc.ok()) return SendBadRequest(res, doc.status());
  if (doc->source.language.empty()) doc->source.language = "en";
  // The source id defaults to the text's SHA-256 (the CLI uses the file name).
  if (doc->source.id.empty())
    doc->source.id = "article-" + session::Session::Sha256Hex(doc->bytes).substr(0, 16);
  auto json = service.session().AnalyzeDocumentJson(*doc);
  if (!json.ok()) return SendError(res, ToApiError(json.status()));
  SendJson(res, std::move(json).value());
}

void HandleIngestApply(Service& service, std::string_view token, const HttpRequest& req,
                       HttpResponse* res) {
  if (auto bad = CheckParams(req, kIngestApplyParams)) return SendError(res, *bad);
  if (auto denied = service.Authorize(token, /*write=*/true)) return SendError(res, *denied);
  session::ReviewToApply request;
  auto replace = FlagParam(req, "replace", false);
  if (!replace.ok()) return SendBadRequest(res, replace.status());
  request.replace = *replace;
  if (req.Param("auto_accept") != nullptr) {
    auto floor = NumberParam(req, "auto_accept", 1.0);
    if (!floor.ok()) return SendBadRequest(res, floor.status());
    request.auto_accept = *floor;
  }
  request.body = req.body;
  auto json = service.session().ApplyReviewJson(request);
  if (!json.ok()) return SendError(res, ToApiError(json.status()));
  SendJson(res, std::move(json).value());
}

}  // namespace kg::server::internal
