// Running an external extractor: the request goes through a temporary file
// (so a command that writes before reading all its input cannot deadlock
// against us), the answer is read from a pipe.
#include "ingest/extractor.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>

#include "ingest/segment.h"

namespace kg::ingest {
namespace {

std::string Request(const Review& review) {
  OffsetMap offsets(review.text);
  nlohmann::json sentences = nlohmann::json::array();
  for (const Span& s : SplitSentences(review.text))
    sentences.push_back({{"start", offsets.ToChars(s.start)},
                         {"end", offsets.ToChars(s.end)},
                         {"text", review.text.substr(s.start, s.end - s.start)}});
  nlohmann::json entities = nlohmann::json::array();
  for (const Candidate& c : review.candidates) {
    if (c.kind != CandidateKind::kEntity || !c.ambiguous.empty()) continue;
    entities.push_back({{"id", c.id},
                        {"name", c.name},
                        {"label", c.label},
                        {"links_to", c.links_to ? nlohmann::json(*c.links_to) : nlohmann::json()}});
  }
  nlohmann::json source = nlohmann::json::parse(SourceToJson(review.source, ""), nullptr, false);
  source.erase("text");
  nlohmann::json req = {
      {"source", source}, {"text", review.text}, {"sentences", sentences}, {"entities", entities}};
  return req.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Runs `command` with the request on its standard input; its standard output.
Result<std::string> RunCommand(const std::string& command, const std::string& req) {
  char path[] = "/tmp/kg-extract-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Status::IOError("extractor: cannot create a temporary file");
  bool written = ::write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size());
  ::close(fd);
  if (!written) {
    ::unlink(path);
    return Status::IOError("extractor: cannot write the request");
  }
  std::string full = "(" + command + ") < '" + path + "'";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (!pipe) {
    ::unlink(path);
    return Status::IOError("extractor: cannot run '" + command + "'");
  }
  std::string out;
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  int rc = ::pclose(pipe);
  ::unlink(path);
  if (rc != 0)
    return Status::IOError("extractor '" + command + "' failed (exit status " +
                           std::to_string(WIFEXITED(rc) ? WEXITSTATUS(rc) : rc) + ")");
  return out;
}

// The extractor's answer, a candidate per line, appended to `merged` (a
// copy of kg's review); lines that do not parse, or reuse one of kg's ids
// (`own`), are refused.
void ReadCandidates(const std::string& out, const Review& review, const std::set<std::string>& own,
                    Review* merged, ExtractorResult* result) {
  OffsetMap offsets(review.text);
  size_t line_no = 0;
  for (size_t pos = 0; pos < out.size();) {
    size_t e = out.find('\n', pos);
    if (e == std::string::npos) e = out.size();
    std::string_view line(out.data() + pos, e - pos);
    pos = e + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto c = ParseCandidate(line, offsets);
    if (!c.ok()) {
      result->refused.push_back({line_no, "", c.status().message()});
      continue;
    }
    if (c->source.empty()) c->source = review.source.id;
    if (own.count(c->id)) {
      result->refused.push_back({line_no, c->id, "id '" + c->id + "' is already kg's"});
      continue;
    }
    c->line = line_no;
    merged->candidates.push_back(std::move(*c));
  }
}

}  // namespace

Result<ExtractorResult> RunExtractor(const std::string& command, const Review& review,
                                     const storage::Transaction& txn,
                                     const schema::Ontology& ontology) {
  KG_ASSIGN_OR_RETURN(std::string out, RunCommand(command, Request(review)));
  ExtractorResult result;
  Review merged = review;
  std::set<std::string> own;
  for (const Candidate& c : review.candidates) own.insert(c.id);
  ReadCandidates(out, review, own, &merged, &result);
  // Validate everything together (relations may use kg's entities), keep
  // the refusals that concern the extractor's lines.
  std::set<std::string> bad;
  for (Refusal& r : ValidateReview(txn, ontology, merged, /*only_accepted=*/false)) {
    if (own.count(r.candidate_id)) continue;
    bad.insert(r.candidate_id);
    result.refused.push_back(std::move(r));
  }
  for (size_t i = review.candidates.size(); i < merged.candidates.size(); ++i) {
    Candidate& c = merged.candidates[i];
    if (bad.count(c.id)) continue;
    c.line = 0;
    result.candidates.push_back(std::move(c));
  }
  return result;
}

}  // namespace kg::ingest
