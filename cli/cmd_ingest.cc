// kg ingest: a news text becomes a review file of candidates (nothing is
// written to the graph), and `kg ingest --apply review.jsonl` applies the
// accepted lines in one transaction. `--auto-accept X` skips the review:
// candidates with confidence >= X are applied at once. See docs/ingest.md.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "core/atomic_file.h"
#include "ingest/ingest.h"

namespace kg::cli {
namespace fs = std::filesystem;

namespace {

struct IngestArgs {
  std::string file;
  std::string apply;
  std::string output;
  std::string id;
  std::string title, publisher, url, date, author, note;
  std::string language = "en";
  std::string format = "auto";
  std::string extractor;
  double auto_accept = -1;  // < 0: not given
  bool replace = false;
};

Result<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void PrintTable(const ingest::Review& review) {
  std::map<std::string, const ingest::Candidate*> by_id;
  for (const auto& c : review.candidates) by_id[c.id] = &c;
  auto name = [&](const std::string& id) {
    auto it = by_id.find(id);
    return it == by_id.end() ? id : it->second->name;
  };
  for (const auto& c : review.candidates) {
    std::printf("%-4s %-8s %s  ", c.accept ? "[x]" : "[ ]",
                std::string(ingest::KindName(c.kind)).c_str(), c.id.c_str());
    if (c.kind == ingest::CandidateKind::kRelation) {
      std::printf("%s -%s-> %s", name(c.from).c_str(), c.type.c_str(), name(c.to).c_str());
      if (c.stance) std::printf(" (stance %.1f)", *c.stance);
    } else if (c.kind == ingest::CandidateKind::kAlias) {
      std::printf("'%s' for %s", c.name.c_str(), name(c.to).c_str());
    } else {
      std::printf("%s (%s)%s", c.name.c_str(), c.label.empty() ? "?" : c.label.c_str(),
                  c.links_to            ? " known"
                  : c.ambiguous.empty() ? " new"
                                        : " AMBIGUOUS");
    }
    std::printf("  %.2f  %s\n", c.confidence, c.why.c_str());
  }
}

void PrintApplied(const ingest::ApplySummary& s, const std::string& id) {
  std::cout << "applied source '" << id << "': " << s.entities_created << " entities, "
            << s.aliases_added << " aliases, " << s.relations_created << " relations";
  if (s.replaced)
    std::cout << " (replacing the old source: " << s.removed.relations_deleted << " relations and "
              << s.removed.entities_deleted << " entities removed)";
  std::cout << "\n";
}

int RunApply(const Context& ctx, const IngestArgs& args) {
  session::ReviewToApply request;
  auto body = ReadAll(args.apply);
  if (!body.ok()) return Report(body.status());
  request.body = std::move(*body);
  request.origin = args.apply;
  request.replace = args.replace;
  if (args.auto_accept >= 0) request.auto_accept = args.auto_accept;
  auto db = OpenSession(ctx, /*read_only=*/false);
  if (!db.ok()) return Report(db.status());
  auto sum = (*db)->ApplyReviewText(request);
  if (!sum.ok()) return Report(sum.status());
  PrintApplied(*sum, sum->source_id);
  return kExitOk;
}

int RunAnalyze(const Context& ctx, const IngestArgs& args) {
  Status format = session::Session::CheckDocumentFormat(args.format);
  if (!format.ok()) return UsageError(format);
  SourceRecord src;
  src.id = args.id.empty() ? fs::path(args.file).filename().string() : args.id;
  src.title = args.title;
  src.publisher = args.publisher;
  src.author = args.author;
  src.url = args.url;
  src.published = args.date;
  src.language = args.language;
  src.note = args.note;
  Status date_ok = session::Session::CheckPublished(args.date);
  if (!date_ok.ok()) return UsageError(date_ok.WithPrefix("--date"));
  auto bytes = ReadAll(args.file);
  if (!bytes.ok()) return Report(bytes.status());
  bool apply_now = args.auto_accept >= 0;
  auto db = OpenSession(ctx, /*read_only=*/!apply_now);
  if (!db.ok()) return Report(db.status());

  session::ArticleDocument document{src,       std::move(*bytes), args.format,
                                    args.file, args.extractor,    args.replace};
  ingest::AnalyzeStats stats;
  std::vector<ingest::Refusal> refused;
  auto review = (*db)->AnalyzeDocument(document, &stats, &refused);
  if (!review.ok()) return Report(review.status());
  for (const auto& r : refused)
    std::cerr << "kg: extractor output line " << r.line
              << (r.candidate_id.empty() ? "" : " (" + r.candidate_id + ")")
              << ": refused: " << r.reason << "\n";
  if (apply_now) {
    ingest::ApplyOptions options;
    options.replace = args.replace;
    options.auto_accept = args.auto_accept;
    auto sum = (*db)->ApplyReview(std::move(*review), options, args.file);
    if (!sum.ok()) return Report(sum.status());
    PrintApplied(*sum, src.id);
    return kExitOk;
  }
  std::string jsonl = session::Session::ReviewJsonl(*review);
  if (!args.output.empty() && args.output != "-") {
    Status s = kg::WriteFileAtomically(args.output, jsonl);  // core/atomic_file.h
    if (!s.ok()) return Report(s);
    std::cerr << "kg: " << review->candidates.size() << " candidates from " << stats.sentences
              << " sentences written to " << args.output << "\n";
  } else if (args.output.empty() && ::isatty(STDOUT_FILENO)) {
    PrintTable(*review);
  } else {
    std::cout << jsonl;
  }
  return kExitOk;
}

int RunIngest(const Context& ctx, const IngestArgs& args) {
  if (ctx.db.empty()) return UsageError("no database given: pass --db DIR or set KG_DB");
  if (!args.apply.empty() && !args.file.empty())
    return UsageError("ingest: give either FILE or --apply REVIEW, not both");
  if (args.apply.empty() && args.file.empty())
    return UsageError("ingest: give a FILE to analyse or --apply REVIEW");
  if (args.auto_accept > 1) return UsageError("--auto-accept: a confidence in [0, 1]");
  return args.apply.empty() ? RunAnalyze(ctx, args) : RunApply(ctx, args);
}

}  // namespace

void RegisterIngestCommands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "turn an article into a review file of candidates, or apply a reviewed file");
  cmd->add_option("file", args->file, "the article: plain text, Markdown or HTML, UTF-8");
  cmd->add_option("--apply", args->apply, "apply the accepted lines of this review file");
  cmd->add_option("-o,--output", args->output, "write the review file here (- = stdout)");
  cmd->add_option("--id", args->id, "source id (default: the file's name)");
  cmd->add_option("--title", args->title, "the article's title");
  cmd->add_option("--publisher", args->publisher, "its publisher");
  cmd->add_option("--author", args->author, "its author");
  cmd->add_option("--url", args->url, "its URL");
  cmd->add_option("--date", args->date, "publication date: YYYY, YYYY-MM or YYYY-MM-DD");
  cmd->add_option("--language", args->language, "language tag")->capture_default_str();
  cmd->add_option("--note", args->note, "a note kept with the source");
  cmd->add_option("--format", args->format, "auto, text, markdown or html")->capture_default_str();
  cmd->add_option("--extractor", args->extractor,
                  "a command reading the sentences as JSON on stdin and writing candidates");
  cmd->add_option("--auto-accept", args->auto_accept,
                  "apply candidates with at least this confidence, without review");
  cmd->add_flag("--replace", args->replace, "swap a source with the same text or id for this one");
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunIngest(ctx, *args); }; });
}

}  // namespace kg::cli
