// The two-clock commands of the kg CLI (docs/temporal.md, "Timelines and
// diffs"), over the session layer:
//   kg timeline NAME             everything dated about an entity, in order
//                                (table, json, or a diagram along a time axis)
//   kg diff --from D1 --to D2    what began, ended, was stated or changed
//                                stance between two dates [around NAME]
// This file parses options and prints; the rules are Session::GetTimeline
// and Session::GetDiff.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/format.h"
#include "viz/render.h"

namespace kg::cli {
namespace {

constexpr size_t kQuoteChars = 100;
constexpr size_t kTitleChars = 60;

// The options both commands take besides their own.
struct DatedArgs {
  std::string types;
  std::string format;  // "" = table (timeline: or the diagram -o names)
  std::string output;
  std::string known_at, as_of, min_confidence;
};

void AddDatedOptions(CLI::App* cmd, DatedArgs* args, const std::string& formats) {
  cmd->add_option("--types", args->types,
                  "only relations of these types (any case), e.g. RESTRICTS,APPROVES");
  cmd->add_option("--format", args->format, formats);
  cmd->add_option("-o,--output", args->output, "write to this file (whole or not at all)");
  cmd->add_option("--known-at", args->known_at,
                  "YYYY-MM-DD: only relations stated on or before that day");
  cmd->add_option("--as-of", args->as_of, "YYYY-MM-DD: the same as --known-at here");
  cmd->add_option("--min-confidence", args->min_confidence,
                  "0..1: only relations at least this sure (none given counts as 1)");
}

Result<session::Scope> DatedScope(const DatedArgs& args) {
  ScopeArgs scope;
  scope.known_at = args.known_at;
  scope.as_of = args.as_of;
  scope.min_confidence = args.min_confidence;
  return ParseScope(scope);
}

std::string Cell(std::string_view text, size_t max) {
  return TableCell(Value(std::string(text)), max);
}

// "[speaker X; source "Title", Publisher]" ("" when neither is known).
std::string Provenance(const CitedRelation& r) {
  std::vector<std::string> parts;
  if (!r.speaker.empty()) parts.push_back("speaker " + r.speaker);
  if (r.stance) parts.push_back("stance " + Value(*r.stance).ToDisplayString());
  for (const CitedSource& s : r.sources) {
    if (s.title.empty()) {
      parts.push_back("source " + s.id);
    } else {  // the title and publisher, as kg get cites it
      parts.push_back("source \"" + Cell(s.title, kTitleChars) + "\"" +
                      (s.publisher.empty() ? "" : ", " + s.publisher));
    }
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out.empty() ? out : "  [" + out + "]";
}

std::string Statement(const CitedRelation& r) { return r.start + " -" + r.type + "-> " + r.end; }

// The relation's line and its quote's line, indented by `indent`.
std::string RelationLines(const CitedRelation& r, const std::string& indent) {
  std::string out = Statement(r) + Provenance(r) + "\n";
  if (!r.quote.empty()) out += indent + "\"" + Cell(r.quote, kQuoteChars) + "\"\n";
  return out;
}

// Writes `text` to args.output (atomically) or stdout.
// The database opened read-only with `*types` (from --types) made
// canonical; nullptr with the exit code in `*exit_code` when either fails.
std::unique_ptr<session::Session> OpenWithTypes(const Context& ctx, std::vector<std::string>* types,
                                                int* exit_code) {
  Result<std::unique_ptr<session::Session>> db = OpenSession(ctx, /*read_only=*/true);
  if (!db.ok()) {
    *exit_code = Report(db.status());
    return nullptr;
  }
  Status known = (*db)->CanonicalTypes(types);
  if (!known.ok()) {
    *exit_code = UsageError(known.WithPrefix("--types"));
    return nullptr;
  }
  return std::move(db).value();
}

int Emit(const std::string& text, const std::string& output) {
  if (output.empty()) {
    std::cout << text;
    return kExitOk;
  }
  return Report(viz::WriteFileAtomically(output, text));
}

// ---------------------------------------------------------------------------
// kg timeline

struct TimelineArgs {
  std::string name;
  std::string from, to;
  std::string title;
  bool no_legend = false;
  DatedArgs dated;
};

// A date in a column as wide as a day's "YYYY-MM-DD", so that weeks,
// months and years ("2025-W28", "2025-04", "1999") line up with days.
std::string DateCell(Date date) {
  std::string text = date.ToString();
  if (text.size() < 10) text.append(10 - text.size(), ' ');
  return text;
}

std::string TimelineTable(const Timeline& t) {
  std::string out = std::string(t.entity.name()) + "  (";
  for (size_t i = 0; i < t.entity.labels.size(); ++i) out += (i ? ", " : "") + t.entity.labels[i];
  out += (t.entity.labels.empty() ? "" : "; ") + std::string("id ") + std::to_string(t.entity.id) +
         "): " + std::to_string(t.entries.size()) +
         (t.entries.size() == 1 ? " dated entry\n" : " dated entries\n");
  const std::string indent(26, ' ');
  for (const TimelineEntry& e : t.entries) {
    std::string kind(TimelineKindName(e.kind));
    out +=
        DateCell(e.date) + "  " + kind + std::string(kind.size() < 12 ? 12 - kind.size() : 1, ' ');
    if (!e.event.empty()) {
      out += e.event + "\n";
      if (e.relation.id != 0) out += indent + "via " + RelationLines(e.relation, indent);
    } else {
      out += RelationLines(e.relation, indent);
    }
  }
  return out;
}

// The output format: --format, else a diagram when -o names one by its
// extension (.svg .png .pdf .dot), else table.
Result<std::string> TimelineFormat(const DatedArgs& args) {
  if (!args.format.empty()) return args.format;
  if (!args.output.empty() && viz::FormatFromPath(args.output).ok())
    return std::string(viz::FormatName(*viz::FormatFromPath(args.output)));
  return std::string("table");
}

// The diagram options for a diagram format; *diagram false for table and json.
Result<session::DrawRequest> TimelineDraw(const TimelineArgs& args, const std::string& format,
                                          bool* diagram) {
  session::DrawRequest request;
  *diagram = format != "table" && format != "json";
  if (!*diagram) return request;
  Result<viz::Format> parsed = viz::ParseFormat(format);
  if (!parsed.ok() || *parsed == viz::Format::kXdot || *parsed == viz::Format::kCanvas)
    return Status::InvalidArgument("--format: expected table, json, svg, png, pdf or dot, got '" +
                                   format + "'");
  if (args.dated.output.empty())
    return Status::InvalidArgument("--format " + format + " draws a diagram: give -o FILE");
  request.render.format = *parsed;
  request.render.title = args.title;
  request.render.legend = !args.no_legend;
  request.output = args.dated.output;
  return request;
}

int RunTimeline(const Context& ctx, const TimelineArgs& args) {
  session::TimelineRequest request;
  request.name = args.name;
  request.types = session::SplitNames(args.dated.types);
  Result<std::optional<Date>> from = session::ParseDay(args.from, "--from");
  if (!from.ok()) return UsageError(from.status());
  Result<std::optional<Date>> to = session::ParseDay(args.to, "--to");
  if (!to.ok()) return UsageError(to.status());
  request.from = *from;
  request.to = *to;
  if (request.from && request.to && *request.to < *request.from)
    return UsageError("--from " + args.from + " is after --to " + args.to);
  Result<session::Scope> scope = DatedScope(args.dated);
  if (!scope.ok()) return UsageError(scope.status());
  request.scope = *scope;
  Result<std::string> format = TimelineFormat(args.dated);
  if (!format.ok()) return UsageError(format.status());
  bool diagram = false;
  Result<session::DrawRequest> draw = TimelineDraw(args, *format, &diagram);
  if (!draw.ok()) return UsageError(draw.status());
  int failed = kExitOk;
  std::unique_ptr<session::Session> db = OpenWithTypes(ctx, &request.types, &failed);
  if (db == nullptr) return failed;
  Result<Timeline> timeline = db->GetTimeline(request);
  if (!timeline.ok()) return Report(timeline.status());
  for (const std::string& note : timeline->notes) std::cerr << "warning: " << note << "\n";
  if (*format == "json")
    return Emit(session::Session::TimelineJson(*timeline) + "\n", args.dated.output);
  if (!diagram) return Emit(TimelineTable(*timeline), args.dated.output);
  Result<viz::Rendering> drawn = db->DrawTimeline(*timeline, *draw);
  if (!drawn.ok()) return Report(drawn.status());
  std::cerr << "wrote " << args.dated.output << " (" << viz::FormatName(draw->render.format) << ", "
            << timeline->entries.size() << " entries)\n";
  return kExitOk;
}

void RegisterTimeline(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<TimelineArgs>();
  CLI::App* cmd = app.add_subcommand(
      "timeline",
      "everything dated about an entity in date order: events, relations beginning "
      "and ending, statements, each with its quote, speaker and source");
  cmd->add_option("name", args->name, "canonical name or alias (any case)")->required();
  cmd->add_option("--from", args->from, "YYYY-MM-DD: only entries on or after this day");
  cmd->add_option("--to", args->to, "YYYY-MM-DD: only entries on or before this day");
  cmd->add_option("--title", args->title, "diagram title (default: NAME: timeline)");
  cmd->add_flag("--no-legend", args->no_legend, "diagram without the legend");
  AddDatedOptions(cmd, &args->dated,
                  "table (default), json, or a diagram: svg, png, pdf or dot (with -o; the "
                  "default for -o FILE.svg|png|pdf|dot)");
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunTimeline(ctx, *args); }; });
}

// ---------------------------------------------------------------------------
// kg diff

struct DiffArgs {
  std::string name;
  std::string from, to;
  DatedArgs dated;
};

std::string StanceLines(const DiffEntry& e, const std::string& indent) {
  CitedRelation r = e.relation;
  std::string now = Value(*r.stance).ToDisplayString();
  r.stance.reset();  // shown as the change, not again in the provenance
  std::string out = Statement(r) + ": stance " + Value(*e.stance_before).ToDisplayString() +
                    " -> " + now + Provenance(r) + "\n";
  if (!e.quote_before.empty()) {
    out += indent + "before (" + (e.said_before ? e.said_before->ToString() : "?") + "): \"" +
           Cell(e.quote_before, kQuoteChars) + "\"\n";
  }
  if (!r.quote.empty()) out += indent + "now: \"" + Cell(r.quote, kQuoteChars) + "\"\n";
  return out;
}

std::string DiffTable(const Diff& d) {
  std::string out = "changes after " + d.from.ToString() + " up to " + d.to.ToString();
  if (d.entity) out += " touching " + std::string(d.entity->name());
  out += ": " + std::to_string(d.entries.size()) + "\n";
  const std::string indent(16, ' ');
  for (size_t i = 0; i < d.entries.size(); ++i) {
    const DiffEntry& e = d.entries[i];
    if (i == 0 || d.entries[i - 1].change != e.change) {
      size_t n = 0;
      for (const DiffEntry& x : d.entries) n += x.change == e.change ? 1 : 0;
      out += std::string(DiffChangeName(e.change)) + " (" + std::to_string(n) + ")\n";
    }
    out += "  " + DateCell(e.date) + "  ";
    if (e.change == DiffChange::kStanceChanged) {
      out += StanceLines(e, indent);
    } else if (!e.event.empty()) {
      out += e.event + "\n";
      if (e.relation.id != 0) out += indent + "via " + RelationLines(e.relation, indent);
    } else {
      out += RelationLines(e.relation, indent);
    }
  }
  return out;
}

int RunDiff(const Context& ctx, const DiffArgs& args) {
  Result<session::DiffWindow> window = session::ParseWindow(args.from, args.to, "--from", "--to");
  if (!window.ok()) return UsageError(window.status());
  const std::string format = args.dated.format.empty() ? "table" : args.dated.format;
  if (format != "table" && format != "json")
    return UsageError("--format: expected table or json, got '" + format + "'");
  Result<session::Scope> scope = DatedScope(args.dated);
  if (!scope.ok()) return UsageError(scope.status());
  session::DiffRequest request{*window, args.name, session::SplitNames(args.dated.types), *scope};
  int failed = kExitOk;
  std::unique_ptr<session::Session> db = OpenWithTypes(ctx, &request.types, &failed);
  if (db == nullptr) return failed;
  Result<Diff> diff = db->GetDiff(request);
  if (!diff.ok()) return Report(diff.status());
  if (format == "json") return Emit(session::Session::DiffJson(*diff) + "\n", args.dated.output);
  return Emit(DiffTable(*diff), args.dated.output);
}

void RegisterDiff(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand(
      "diff",
      "what changed between two dates: relations that began, ended or were first "
      "stated, events, and stance that changed, with quotes");
  cmd->add_option("name", args->name, "only what touches this entity (name or alias, any case)");
  cmd->add_option("--from", args->from, "YYYY-MM-DD: the day before the window")->required();
  cmd->add_option("--to", args->to, "YYYY-MM-DD: the window's last day")->required();
  AddDatedOptions(cmd, &args->dated, "table (default) or json");
  cmd->callback([&ctx, args] { ctx.action = [&ctx, args] { return RunDiff(ctx, *args); }; });
}

}  // namespace

void RegisterTimelineCommands(CLI::App& app, Context& ctx) {
  RegisterTimeline(app, ctx);
  RegisterDiff(app, ctx);
}

}  // namespace kg::cli
