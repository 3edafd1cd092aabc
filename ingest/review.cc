// Reading and writing the review file with nlohmann-json (its exceptions are
// switched off: parse errors come back as a discarded value).
#include "ingest/review.h"

#include <nlohmann/json.hpp>

namespace kg::ingest {
namespace {

using json = nlohmann::json;

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A JSON array of review lines as JSON Lines, element N on line N.
Result<std::string> ArrayToLines(std::string_view body, std::string_view origin) {
  json array = json::parse(body, nullptr, false);
  std::string where = origin.empty() ? std::string("the review") : std::string(origin);
  if (array.is_discarded() || !array.is_array())
    return Status::InvalidArgument(where + ": not a JSON array of review lines (malformed JSON)");
  std::string lines;
  for (const json& element : array) {
    if (!element.is_object()) {
      lines += "null\n";  // refused as its line: not a review line
      continue;
    }
    lines += element.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  }
  return lines;
}

}  // namespace

std::string LinePrefix(std::string_view origin, size_t line) {
  if (origin.empty()) return "line " + std::to_string(line) + ": ";
  return std::string(origin) + ":" + std::to_string(line) + ": ";
}

std::string_view KindName(CandidateKind kind) {
  switch (kind) {
    case CandidateKind::kEntity:
      return "entity";
    case CandidateKind::kAlias:
      return "alias";
    case CandidateKind::kRelation:
      return "relation";
  }
  return "entity";
}

OffsetMap::OffsetMap(std::string_view text) {
  char_starts_.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) >> 6) != 2) char_starts_.push_back(i);
  char_starts_.push_back(text.size());
}

size_t OffsetMap::ToChars(size_t byte) const {
  return static_cast<size_t>(std::lower_bound(char_starts_.begin(), char_starts_.end(), byte) -
                             char_starts_.begin());
}

std::optional<size_t> OffsetMap::ToBytes(size_t chars) const {
  if (chars >= char_starts_.size()) return std::nullopt;
  return char_starts_[chars];
}

std::string CandidateToJson(const Candidate& c, const OffsetMap& offsets) {
  json j = json::object();
  j["kind"] = KindName(c.kind);
  j["id"] = c.id;
  j["name"] = NullIfEmpty(c.name);
  j["label"] = NullIfEmpty(c.label);
  j["links_to"] = c.links_to ? json(*c.links_to) : json(nullptr);
  j["aliases"] = c.aliases;
  j["source"] = c.source;
  j["start"] = offsets.ToChars(c.start);
  j["end"] = offsets.ToChars(c.end);
  j["quote"] = c.quote;
  j["speaker"] = NullIfEmpty(c.speaker);
  j["type"] = NullIfEmpty(c.type);
  j["from"] = NullIfEmpty(c.from);
  j["to"] = NullIfEmpty(c.to);
  j["stance"] = c.stance ? json(*c.stance) : json(nullptr);
  j["confidence"] = c.confidence;
  j["why"] = c.why;
  if (!c.ambiguous.empty()) j["ambiguous"] = c.ambiguous;
  j["accept"] = c.accept;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string SourceToJson(const storage::SourceRecord& s, std::string_view text) {
  json j = {{"kind", "source"},
            {"id", s.id},
            {"title", NullIfEmpty(s.title)},
            {"publisher", NullIfEmpty(s.publisher)},
            {"author", NullIfEmpty(s.author)},
            {"url", NullIfEmpty(s.url)},
            {"published", NullIfEmpty(s.published)},
            {"language", NullIfEmpty(s.language)},
            {"sha256", s.sha256},
            {"text", std::string(text)}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string ReviewToJsonl(const Review& review) {
  OffsetMap offsets(review.text);
  std::string out = SourceToJson(review.source, review.text) + "\n";
  for (const Candidate& c : review.candidates) out += CandidateToJson(c, offsets) + "\n";
  return out;
}

Result<Candidate> ParseCandidate(std::string_view line, const OffsetMap& offsets) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("not a JSON object");
  Candidate c;
  std::string kind = Str(j, "kind");
  if (kind == "entity") {
    c.kind = CandidateKind::kEntity;
  } else if (kind == "alias") {
    c.kind = CandidateKind::kAlias;
  } else if (kind == "relation") {
    c.kind = CandidateKind::kRelation;
  } else {
    return Status::InvalidArgument("unknown kind '" + kind +
                                   "' (expected entity, alias or relation)");
  }
  c.id = Str(j, "id");
  if (c.id.empty()) return Status::InvalidArgument("missing \"id\"");
  c.name = Str(j, "name");
  c.label = Str(j, "label");
  c.source = Str(j, "source");
  c.quote = Str(j, "quote");
  c.speaker = Str(j, "speaker");
  c.type = Str(j, "type");
  c.from = Str(j, "from");
  c.to = Str(j, "to");
  c.why = Str(j, "why");
  if (auto it = j.find("links_to"); it != j.end() && !it->is_null()) {
    if (!it->is_number_unsigned())
      return Status::InvalidArgument("\"links_to\" is not an entity id");
    c.links_to = it->get<EntityId>();
  }
  if (auto it = j.find("aliases"); it != j.end() && it->is_array()) {
    for (const json& a : *it) {
      if (!a.is_string()) return Status::InvalidArgument("\"aliases\" holds a non-string");
      c.aliases.push_back(a.get<std::string>());
    }
  }
  for (const char* key : {"start", "end"}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned())
      return Status::InvalidArgument(std::string("\"") + key + "\" is not a character offset");
    auto bytes = offsets.ToBytes(it->get<size_t>());
    if (!bytes)
      return Status::InvalidArgument(std::string("\"") + key + "\" is past the text's end");
    (std::string_view(key) == "start" ? c.start : c.end) = *bytes;
  }
  if (auto it = j.find("stance"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) return Status::InvalidArgument("\"stance\" is not a number");
    c.stance = it->get<double>();
  }
  if (auto it = j.find("confidence"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) return Status::InvalidArgument("\"confidence\" is not a number");
    c.confidence = it->get<double>();
  }
  if (auto it = j.find("accept"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return Status::InvalidArgument("\"accept\" is not true or false");
    c.accept = it->get<bool>();
  }
  return c;
}

Result<Review> ParseReview(std::string_view jsonl, std::string_view origin) {
  size_t first = jsonl.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && jsonl[first] == '[') {
    KG_ASSIGN_OR_RETURN(std::string lines, ArrayToLines(jsonl, origin));
    return ParseReview(lines, origin);
  }
  Review review;
  std::vector<std::string> errors;
  std::optional<OffsetMap> offsets;
  size_t line_no = 0;
  for (size_t pos = 0; pos < jsonl.size();) {
    size_t e = jsonl.find('\n', pos);
    if (e == std::string_view::npos) e = jsonl.size();
    std::string_view line = jsonl.substr(pos, e - pos);
    pos = e + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string where = LinePrefix(origin, line_no);
    if (!offsets) {
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || Str(j, "kind") != "source") {
        return Status::InvalidArgument(where +
                                       "the first line must be the {\"kind\":\"source\"} "
                                       "record kg ingest writes");
      }
      storage::SourceRecord& s = review.source;
      s.id = Str(j, "id");
      s.title = Str(j, "title");
      s.publisher = Str(j, "publisher");
      s.author = Str(j, "author");
      s.url = Str(j, "url");
      s.published = Str(j, "published");
      s.language = Str(j, "language");
      s.sha256 = Str(j, "sha256");
      review.text = Str(j, "text");
      if (storage::Sha256Hex(review.text) != s.sha256)
        return Status::InvalidArgument(where +
                                       "the source's text does not match its sha256 "
                                       "(the text was edited)");
      offsets.emplace(review.text);
      continue;
    }
    auto c = ParseCandidate(line, *offsets);
    if (!c.ok()) {
      errors.push_back(where + c.status().message());
      continue;
    }
    c->line = line_no;
    review.candidates.push_back(std::move(*c));
  }
  if (!offsets)
    return Status::InvalidArgument(
        (origin.empty() ? std::string("the review") : std::string(origin)) + ": empty review file");
  if (!errors.empty()) {
    std::string msg;
    for (const std::string& e : errors) msg += (msg.empty() ? "" : "\n") + e;
    return Status::InvalidArgument(msg);
  }
  return review;
}

}  // namespace kg::ingest
