// kg sources: the documents of the graph. `kg sources` lists them with their
// relation counts, `kg sources show ID [--text]` prints one, `kg sources
// remove ID` removes it with exactly what came only from it (one
// transaction). Also the loader behind `kg import --sources sources.json`.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli.h"

namespace kg::cli {
namespace fs = std::filesystem;

namespace {

struct SourcesArgs {
  bool json = false;
  std::string id;
  bool text = false;
};

std::string Field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int RunList(const Context& ctx, const SourcesArgs& args) {
  auto db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) return Report(db.status());
  auto listing = (*db)->ListSources();
  if (!listing.ok()) return Report(listing.status());
  if (args.json) {
    for (const auto& [r, relations] : listing->sources) {
      std::cout << SourceRecordJson(r, {.note = false, .relations = relations}) << "\n";
    }
    return kExitOk;
  }
  for (const auto& [r, relations] : listing->sources) {
    std::cout << r.id << "  " << relations << " relations\n  "
              << (r.title.empty() ? "(no title)" : r.title) << "\n  "
              << (r.publisher.empty() ? "(publisher not given)" : r.publisher) << ", "
              << (r.published.empty() ? "date not given" : r.published) << "\n";
  }
  // Relations may name sources that have no record (CSV data loaded
  // without --sources); say so instead of hiding them.
  for (const auto& [id, n] : listing->unrecorded)
    std::cout << id << "  " << n << " relations  (no source record)\n";
  if (listing->sources.empty() && listing->unrecorded.empty()) std::cout << "no sources\n";
  return kExitOk;
}

int RunShow(const Context& ctx, const SourcesArgs& args) {
  auto db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) return Report(db.status());
  auto rec = (*db)->GetSource(args.id);
  if (!rec.ok()) return Report(rec.status());
  if (!*rec) return Report(Status::NotFound("no source '" + args.id + "'"));
  if (args.text) {
    auto text = (*db)->GetSourceText(args.id);
    if (!text.ok()) return Report(text.status());
    std::cout << *text;
    return kExitOk;
  }
  const auto& r = **rec;
  for (auto [k, v] : {std::pair<const char*, const std::string*>{"id", &r.id},
                      {"title", &r.title},
                      {"publisher", &r.publisher},
                      {"author", &r.author},
                      {"url", &r.url},
                      {"published", &r.published},
                      {"language", &r.language},
                      {"sha256", &r.sha256},
                      {"added_at", &r.added_at},
                      {"note", &r.note}})
    if (!v->empty()) std::cout << k << ": " << *v << "\n";
  return kExitOk;
}

int RunRemove(const Context& ctx, const SourcesArgs& args) {
  auto db = OpenSession(ctx, /*read_only=*/false);
  if (!db.ok()) return Report(db.status());
  auto sum = (*db)->RemoveSource(args.id);
  if (!sum.ok()) return Report(sum.status());
  std::cout << "removed source '" << args.id << "': " << sum->relations_deleted
            << " relations deleted, " << sum->relations_kept << " kept with other sources, "
            << sum->entities_deleted << " entities deleted\n";
  return kExitOk;
}

}  // namespace

Result<std::vector<session::SourceDocument>> ReadSourcesFile(const std::string& path) {
  KG_ASSIGN_OR_RETURN(std::string body, ReadFile(path));
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return Status::InvalidArgument(path + ": not a JSON array of source records");
  std::vector<session::SourceDocument> out;
  fs::path dir = fs::path(path).parent_path();
  for (size_t i = 0; i < j.size(); ++i) {
    std::string where = path + ": record " + std::to_string(i + 1);
    const auto& e = j[i];
    if (!e.is_object()) return Status::InvalidArgument(where + ": not an object");
    session::SourceDocument s;
    std::string file = Field(e, "file");
    if (file.empty()) return Status::InvalidArgument(where + ": no \"file\"");
    s.record.id = Field(e, "id").empty() ? file : Field(e, "id");
    s.record.title = Field(e, "title");
    s.record.publisher = Field(e, "publisher");
    s.record.author = Field(e, "author");
    s.record.url = Field(e, "url");
    s.record.published = Field(e, "published");
    s.record.language = Field(e, "language");
    s.record.note = Field(e, "note");
    KG_RETURN_IF_ERROR(session::Session::CheckSourceRecord(s.record).WithPrefix(where));
    KG_ASSIGN_OR_RETURN(s.text, ReadFile((dir / file).string()));
    std::string sha = session::Session::Sha256Hex(s.text);
    std::string want = Field(e, "sha256");
    if (!want.empty() && want != sha)
      return Status::InvalidArgument(where + ": " + file + " has SHA-256 " + sha +
                                     ", the record says " + want);
    out.push_back(std::move(s));
  }
  return out;
}

void RegisterSourcesCommands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<SourcesArgs>();
  CLI::App* cmd = app.add_subcommand("sources", "list the source documents with relation counts");
  cmd->add_flag("--json", args->json, "one JSON object per source");
  cmd->callback([&ctx, args, cmd] {
    if (cmd->get_subcommands().empty()) ctx.action = [&ctx, args] { return RunList(ctx, *args); };
  });
  CLI::App* show = cmd->add_subcommand("show", "print a source's record, or its text with --text");
  show->add_option("id", args->id, "source id")->required();
  show->add_flag("--text", args->text, "print the stored text");
  show->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunShow(ctx, *args); }; });
  CLI::App* rm = cmd->add_subcommand(
      "remove", "remove a source and exactly what came only from it (one transaction)");
  rm->add_option("id", args->id, "source id")->required();
  rm->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunRemove(ctx, *args); }; });
}

}  // namespace kg::cli
