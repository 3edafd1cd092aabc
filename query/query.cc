// Run and PreparedStatement: parse (syntax tree) -> bind (bound statement)
// -> plan once, then execute the plan in one read snapshot or one write
// transaction, EXPLAIN and PROFILE.
#include "query/query.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <set>

#include "query/internal/binder.h"
#include "query/internal/compare.h"
#include "query/internal/executor.h"
#include "query/internal/notifications.h"
#include "query/internal/output_rows.h"
#include "query/internal/parser.h"
#include "query/internal/plan_table.h"
#include "storage/sources.h"

namespace kg::query {

using internal::ExecState;
using internal::Operator;
using internal::OutputShape;
using internal::Pipeline;
using internal::Plan;
using internal::Row;
using internal::Rows;

namespace {

// What a run of a plan fills and empties again, kept with the plan from
// run to run so that a warm run allocates none of it: the batches a
// streamed run hands on (by operator), their callbacks, and the rows each
// operator passed on (by pipeline, operator).
struct RunBuffers {
  std::vector<std::vector<internal::Row>> batches;
  std::vector<std::function<Status(internal::Row&)>> emits;
  std::vector<std::vector<internal::OpStats>> stats;
};

}  // namespace

class PreparedStatement::Impl {
 public:
  internal::SourceText src;
  internal::BoundStatement statement;
  std::unique_ptr<Plan> plan;
  ProcedureRegistry builtins = ProcedureRegistry::WithBuiltins();
  bool writes = false;
  // The names the statement reads, checked against the database on each
  // execution (internal/notifications.h).
  std::vector<internal::NameRef> read_names;
  // Each pipeline's output columns, worked out once with the plan.
  std::vector<OutputShape> shapes;
  // The buffers of the last run that finished (RunBuffers, above), owned;
  // null while every run that had buffers is still going.
  mutable std::atomic<RunBuffers*> spare{nullptr};

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { delete spare.load(); }
};

namespace {

using internal::OpStats;

// Hands the notifications to the caller, or under strict fails with the
// first (before anything is committed).
Status Deliver(const QueryOptions& options, std::vector<Notification> notes) {
  if (notes.empty()) return Status::OK();
  if (options.strict) return StrictError(notes.front());
  if (options.notifications != nullptr)
    for (Notification& n : notes) options.notifications->push_back(std::move(n));
  return Status::OK();
}

Result<ResultTable> RunStandaloneCall(ExecState& st, const internal::BoundClause& c,
                                      const ProcedureDef* def) {
  std::vector<Value> args;
  Row empty(st.num_slots);
  for (const auto& e : c.exprs) {
    KG_ASSIGN_OR_RETURN(Value v, internal::Eval(*e, empty, st.eval));
    args.push_back(std::move(v));
  }
  ProcedureContext context = internal::ContextFor(st, c);
  auto t = def->Call(*st.eval.txn, args, context);
  if (!t.ok() && IsStopError(t.status())) return t.status();
  if (!t.ok())
    return Status(t.status().code(), "ProcedureError: " + def->name + ": " + t.status().message())
        .WithClass("ProcedureError");
  return t;
}

// Runs the rows of `rows` through the streaming operators first..last-1 of
// `pipe` into `sink` (of operator `last`), then finishes the sink into `out`.
// Rows move between operators in batches of up to kStreamBatch (fewer when
// the sink needs only a few more), which bounds what is held while keeping
// each operator's work together (row by row, interleaving a match with the
// projection of its rows ran 1.5x slower on kggen M's two-hop workload).
// Each operator's batch is one buffer reused from batch to batch, and its
// callback is made once per run, not per row. The streamed operators'
// stats count the rows they passed on (their time is in the sink
// operator's), and each count is capped like a materialised one (checked
// per batch). The batches and callbacks are `buffers`' (emptied first: an
// earlier run that failed may have left rows in them).
// A match whose last step writes names (MatchOp::WritesNames) right before
// a sink that takes values (Sink::TakeValues, the final RETURN of that
// name) appends the names to the sink's own rows (MatchOp::RunValues), no
// row of every slot per name.
class Streamer {
 public:
  Streamer(ExecState& st, const Pipeline& pipe, size_t first, size_t last, Operator::Sink& sink,
           std::vector<OpStats>* stats, RunBuffers& buffers)
      : st_(st),
        pipe_(pipe),
        first_(first),
        last_(last),
        sink_(sink),
        stats_(*stats),
        batches_(buffers.batches),
        emits_(buffers.emits) {
    if (batches_.size() < last - first) batches_.resize(last - first);
    for (size_t b = 0; b < last - first; ++b) {
      batches_[b].clear();
      // A first batch without regrowing for a few rows (a one-hop's names).
      batches_[b].reserve(std::min<size_t>(internal::kFirstBatch, sink.Wanted()));
    }
    emits_.clear();
    for (size_t i = first; i < last; ++i)
      emits_.emplace_back([this, i](Row& r) { return Pass(i, r); });
    const auto* names = dynamic_cast<const internal::MatchOp*>(pipe.ops[last - 1].get());
    if (names != nullptr && names->WritesNames()) values_ = sink.TakeValues();
    if (values_ != nullptr) names_ = names;
  }

  // Whether the sink took values (its output rows are the result's rows).
  bool values() const { return names_ != nullptr; }

  // Runs `batch`'s rows through operator i and on.
  Status Feed(size_t i, Rows& batch) {
    if (i == last_) {
      Status s = sink_.AddBatch(batch);
      st_.sink_full = sink_.Full();
      return s;
    }
    for (Row& row : batch) {
      if (names_ != nullptr && i + 1 == last_) {
        KG_RETURN_IF_ERROR(names_->RunValues(st_, row, sink_, values_, &stats_[i].rows));
        st_.sink_full = sink_.Full();
      } else {
        KG_RETURN_IF_ERROR(pipe_.ops[i]->RunRow(st_, row, emits_[i - first_]));
      }
      if (st_.sink_full) return Status::OK();
    }
    return batches_[i - first_].empty() ? Status::OK() : Flush(i);
  }

 private:
  // Operator i made `r`: into its batch, which goes on once full.
  Status Pass(size_t i, Row& r) {
    Rows& next = batches_[i - first_];
    ++stats_[i].rows;
    next.push_back(std::move(r));
    if (next.size() < std::clamp<size_t>(sink_.Wanted(), 1, internal::kStreamBatch))
      return Status::OK();
    return Flush(i);
  }

  Status Flush(size_t i) {
    Rows& next = batches_[i - first_];
    // Rows passed on count against the intermediate-row cap as if held.
    Status s = st_.CheckRows(stats_[i].rows);
    if (s.ok()) s = Feed(i + 1, next);
    next.clear();
    return s;
  }

  ExecState& st_;
  const Pipeline& pipe_;
  size_t first_, last_;
  Operator::Sink& sink_;
  std::vector<OpStats>& stats_;
  std::vector<Rows>& batches_;                       // by operator - first
  std::vector<std::function<Status(Row&)>>& emits_;  // by operator - first
  const internal::MatchOp* names_ = nullptr;         // operator last - 1 hands on values
  Rows* values_ = nullptr;                           // into these rows of the sink's
};

// `*values`: whether the sink took values, its output rows being the
// result's rows (Streamer::values).
Status RunStreamed(ExecState& st, const Pipeline& pipe, size_t first, size_t last,
                   Operator::Sink& sink, Rows& rows, Rows* out, std::vector<OpStats>* stats,
                   RunBuffers& buffers, bool* values) {
  st.sink_full = false;
  Streamer streamer(st, pipe, first, last, sink, stats, buffers);
  *values = streamer.values();
  Status s = streamer.Feed(first, rows);
  st.sink_full = false;
  Rows().swap(rows);
  KG_RETURN_IF_ERROR(s);
  return sink.Finish(out);
}

// Runs pipeline `pi` (a UNION part) from one empty row to its output table.
Result<ResultTable> RunPipeline(ExecState& st, const PreparedStatement::Impl& impl, size_t pi,
                                RunBuffers& buffers) {
  std::vector<OpStats>* stats = &buffers.stats[pi];
  const auto& pipe = impl.plan->pipelines[pi];
  if (pipe.standalone_call != nullptr)
    return RunStandaloneCall(st, *pipe.standalone_call, pipe.standalone_def);
  // Only PROFILE shows the per-operator times: a clock read costs ~0.1 µs
  // on this VM, two per operator run, in a `RETURN 1` of ~3 µs.
  bool timed = impl.statement.mode == internal::BoundStatement::Mode::kProfile;
  using SteadyClock = std::chrono::steady_clock;
  Rows rows;
  rows.emplace_back(st.num_slots);
  // A plain final RETURN hands its rows over as they are made.
  bool emit_final = st.emit != nullptr && pipe.final_projection != nullptr && !pipe.ops.empty() &&
                    pipe.ops.back()->Streams();
  for (size_t oi = 0; oi < pipe.ops.size();) {
    SteadyClock::time_point t0 = timed ? SteadyClock::now() : SteadyClock::time_point();
    // Operators oi..last-1 stream their rows into the sink of `last`.
    size_t last = oi;
    while (last + 1 < pipe.ops.size() && pipe.ops[last]->Streams()) ++last;
    std::unique_ptr<Operator::Sink> sink;
    if (emit_final && last + 1 == pipe.ops.size()) {
      sink = internal::MakeEmitSink(st, *pipe.ops[last], impl.shapes[pi]);
    } else if (last > oi) {
      sink = pipe.ops[last]->MakeSink(st);
    }
    Rows out;
    bool values = false;                  // the final RETURN took a names step's values
    if (sink != nullptr && last == oi) {  // the RETURN alone: its input is all there
      for (Row& row : rows) KG_RETURN_IF_ERROR(sink->Add(row));
      Rows().swap(rows);
      KG_RETURN_IF_ERROR(sink->Finish(&out));
    } else if (sink != nullptr) {
      KG_RETURN_IF_ERROR(
          RunStreamed(st, pipe, oi, last, *sink, rows, &out, stats, buffers, &values));
    } else {
      last = oi;
      KG_RETURN_IF_ERROR(pipe.ops[oi]->Run(st, rows, &out));
    }
    rows = std::move(out);
    if (!values) {
      // What this step held besides its output is freed now. (A sink that
      // took values held nothing but its output, charged as it was kept.)
      st.eval.memory.used = st.eval.memory.written;
      for (const Row& r : rows) st.eval.memory.used += internal::ApproxBytes(r);
      KG_RETURN_IF_ERROR(st.eval.memory.Charge(0));
    }
    (*stats)[last].rows = rows.size();
    if (timed)
      (*stats)[last].ms =
          std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
    if (values) return internal::OutputResultRows(st, impl.shapes[pi], rows);
    oi = last + 1;
  }
  return internal::Output(st, impl.shapes[pi], rows);
}

// The counts of `buffers.stats` start at zero, one per operator.
Result<ResultTable> RunPipelines(ExecState& st, const PreparedStatement::Impl& impl,
                                 RunBuffers& buffers) {
  const std::vector<Pipeline>& pipes = impl.plan->pipelines;
  buffers.stats.resize(pipes.size());
  for (size_t pi = 0; pi < pipes.size(); ++pi)
    buffers.stats[pi].assign(pipes[pi].ops.size(), OpStats());
  if (pipes.size() == 1) return RunPipeline(st, impl, 0, buffers);  // no UNION: the one table
  ResultTable all;
  all.columns = impl.plan->columns;
  for (size_t pi = 0; pi < impl.plan->pipelines.size(); ++pi) {
    KG_ASSIGN_OR_RETURN(ResultTable part, RunPipeline(st, impl, pi, buffers));
    if (pi == 0) all.columns = part.columns;
    for (auto& r : part.rows) all.rows.push_back(std::move(r));
  }
  bool distinct_union = false;
  for (bool a : impl.plan->union_all) distinct_union = distinct_union || !a;
  if (distinct_union) {
    std::set<std::vector<Value>, internal::RowLess> seen;
    std::vector<std::vector<Value>> kept;
    for (auto& r : all.rows)
      if (seen.insert(r).second) kept.push_back(std::move(r));
    all.rows = std::move(kept);
  }
  return all;
}

Status TooManyRows(const QueryOptions& options) {
  return internal::MakeRuntimeError(
      internal::ErrorClass::kLimitExceeded, "",
      "more than " + std::to_string(options.max_rows) + " result rows (the limit)");
}

// A computed result's rows handed to options.row_consumer; the table keeps
// its columns.
Result<ResultTable> HandOver(ResultTable table, const QueryOptions& options) {
  return HandOverRows(std::move(table), options.row_consumer);
}

}  // namespace

Result<PreparedStatement> PreparedStatement::Prepare(std::string_view text,
                                                     const QueryOptions& options) {
  auto impl = std::make_shared<Impl>();
  impl->src.text = std::string(text);
  impl->src.name = options.source_name;
  {
    // The syntax tree lives only until it is bound; the plan and every
    // execution read the bound statement.
    KG_ASSIGN_OR_RETURN(internal::Statement syntax, internal::Parse(impl->src));
    KG_ASSIGN_OR_RETURN(impl->statement, internal::Bind(impl->src, syntax));
  }
  const ProcedureRegistry& procs = options.procedures ? *options.procedures : impl->builtins;
  KG_ASSIGN_OR_RETURN(impl->plan, internal::BuildPlan(impl->src, impl->statement, procs));
  impl->writes = impl->statement.has_writes;
  impl->read_names = internal::ReadNames(impl->statement);
  for (size_t pi = 0; pi < impl->plan->pipelines.size(); ++pi)
    impl->shapes.push_back(internal::ShapeOf(impl->plan->pipelines[pi], impl->statement.parts[pi]));
  for (const auto& q : impl->statement.parts)
    for (const auto& c : q.clauses)
      if (c.kind == internal::ClauseKind::kCall) {
        const ProcedureDef* def = procs.Find(c.proc_name);
        if (def && def->writes) impl->writes = true;
      }
  return PreparedStatement(std::move(impl));
}

const std::vector<std::string>& PreparedStatement::columns() const { return impl_->plan->columns; }
bool PreparedStatement::writes() const { return impl_->writes; }

Result<ResultTable> PreparedStatement::Execute(storage::Store& store,
                                               const QueryOptions& options) const {
  const Impl& impl = *impl_;
  if (impl.statement.mode == internal::BoundStatement::Mode::kExplain) {
    // Nothing runs, but the names are still checked (as Neo4j's EXPLAIN does).
    if (options.notifications == nullptr && !options.strict && !options.row_consumer)
      return internal::PlanTable(*impl.plan, nullptr);
    return ExecuteIn(*store.BeginRead(), options);
  }
  if (!impl.writes) return ExecuteIn(*store.BeginRead(), options);
  KG_ASSIGN_OR_RETURN(std::unique_ptr<storage::Transaction> txn, store.BeginWrite());
  if (!options.row_consumer) {
    KG_ASSIGN_OR_RETURN(ResultTable table, ExecuteIn(*txn, options));
    KG_RETURN_IF_ERROR(txn->Commit());
    return table;
  }
  // A write's rows are handed over once it has committed.
  QueryOptions kept = options;
  kept.row_consumer = nullptr;
  KG_ASSIGN_OR_RETURN(ResultTable table, ExecuteIn(*txn, kept));
  KG_RETURN_IF_ERROR(txn->Commit());
  return HandOver(std::move(table), options);
}

namespace {

// The spare buffers of `impl`, or new ones, for one run; handed back as
// the spare when the run ends (dropped when another run handed its own
// back first). Runs of one plan from several threads at once each hold
// their own.
class BorrowedBuffers {
 public:
  explicit BorrowedBuffers(const PreparedStatement::Impl& impl)
      : impl_(impl), buffers_(impl.spare.exchange(nullptr)) {
    if (buffers_ == nullptr) buffers_ = std::make_unique<RunBuffers>();
  }
  ~BorrowedBuffers() {
    RunBuffers* none = nullptr;
    if (impl_.spare.compare_exchange_strong(none, buffers_.get())) (void)buffers_.release();
  }
  BorrowedBuffers(const BorrowedBuffers&) = delete;
  BorrowedBuffers& operator=(const BorrowedBuffers&) = delete;
  RunBuffers& operator*() { return *buffers_; }

 private:
  const PreparedStatement::Impl& impl_;
  std::unique_ptr<RunBuffers> buffers_;
};

// The execution state of one run of `impl` in `txn` with `options`.
Status StartState(const PreparedStatement::Impl& impl, storage::Transaction& txn,
                  const QueryOptions& options, std::vector<Notification>* notes, ExecState* out) {
  ExecState& st = *out;
  st.eval.txn = &txn;
  st.eval.params = &options.parameters;
  st.eval.src = &impl.src;
  st.eval.relations = options.relations;
  KG_RETURN_IF_ERROR(storage::AddSourcePublished(txn, &st.eval.relations));
  st.eval.cancel = options.cancel;
  st.eval.interrupt = options.interrupt;
  st.eval.memory.limit = options.max_memory_bytes;
  st.eval.notifications = notes;
  if (options.timeout_seconds > 0)
    st.eval.deadline = std::chrono::steady_clock::now() +
                       std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                           std::chrono::duration<double>(options.timeout_seconds));
  st.options = &options;
  st.procedures = options.procedures ? options.procedures : &impl.builtins;
  st.statement = &impl.statement;
  st.num_slots = static_cast<size_t>(impl.statement.num_slots);
  st.eval.pattern_match = [&impl, &st](const internal::BoundExpr& e, Row& row,
                                       const internal::EvalContext::PatternEmit& emit) -> Status {
    Row copy = row;
    return impl.plan->pattern_ops[e.pattern_plan]->MatchRow(st, copy, emit);
  };
  return Status::OK();
}

}  // namespace

Result<ResultTable> PreparedStatement::ExecuteIn(storage::Transaction& txn,
                                                 const QueryOptions& options) const {
  const Impl& impl = *impl_;
  bool notify = options.notifications != nullptr || options.strict;
  std::vector<Notification> notes;
  if (impl.statement.mode == internal::BoundStatement::Mode::kExplain) {
    if (notify) {
      KG_RETURN_IF_ERROR(internal::CheckNames(txn, impl.src, impl.read_names, &notes));
      KG_RETURN_IF_ERROR(Deliver(options, std::move(notes)));
    }
    if (options.row_consumer) return HandOver(internal::PlanTable(*impl.plan, nullptr), options);
    return internal::PlanTable(*impl.plan, nullptr);
  }
  ExecState st;
  KG_RETURN_IF_ERROR(StartState(impl, txn, options, notify ? &notes : nullptr, &st));
  // Rows go to the consumer as they are made only when nothing after the
  // run can still fail the statement (writes, strict) or needs them all
  // (UNION's distinct rows, PROFILE's table).
  bool emit_as_made = options.row_consumer && !impl.writes && !options.strict &&
                      impl.plan->pipelines.size() == 1 &&
                      impl.statement.mode == internal::BoundStatement::Mode::kRun;
  uint64_t handed = 0;
  std::function<Status(std::vector<Value>&)> emit = [&](std::vector<Value>& row) -> Status {
    if (++handed > options.max_rows) return TooManyRows(options);
    return options.row_consumer(row);
  };
  if (emit_as_made) st.emit = &emit;
  internal::PlanProfile profile;
  if (impl.statement.mode == internal::BoundStatement::Mode::kProfile) st.profile = &profile.steps;
  BorrowedBuffers buffers(impl);
  KG_ASSIGN_OR_RETURN(ResultTable table, RunPipelines(st, impl, *buffers));
  if (table.rows.size() > options.max_rows) return TooManyRows(options);
  if (notify) {
    // Checked after running, so names this statement wrote count as known.
    std::vector<Notification> names;
    KG_RETURN_IF_ERROR(internal::CheckNames(txn, impl.src, impl.read_names, &names));
    notes.insert(notes.begin(), names.begin(), names.end());
    KG_RETURN_IF_ERROR(Deliver(options, std::move(notes)));
  }
  if (impl.writes) {
    // The last moment a stop can still leave the database untouched (the
    // caller commits: Execute, or a Bolt transaction).
    KG_RETURN_IF_ERROR(st.eval.CheckDeadlineNow());
  }
  if (options.counters != nullptr) *options.counters = st.counters;
  if (impl.statement.mode == internal::BoundStatement::Mode::kProfile) {
    profile.ops = (*buffers).stats;
    table = internal::PlanTable(*impl.plan, &profile);
  }
  if (options.row_consumer && !emit_as_made) return HandOver(std::move(table), options);
  return table;
}

namespace internal {

ProcedureContext ContextFor(const ExecState& st, const BoundClause& c) {
  ProcedureContext context{st.eval.relations};
  context.deadline = st.eval.deadline;
  context.cancel = st.eval.cancel;
  context.interrupt = st.eval.interrupt;
  context.notifications = st.eval.notifications;
  context.registry = st.procedures;
  Span at = c.exprs.empty() || !c.exprs[0] ? c.span : c.exprs[0]->span;
  context.position = PositionOf(*st.eval.src, at.begin);
  return context;
}

}  // namespace internal

Result<ResultTable> HandOverRows(ResultTable table,
                                 const std::function<Status(std::vector<Value>&)>& consumer) {
  std::vector<std::vector<Value>> rows = std::move(table.rows);
  table.rows.clear();
  for (std::vector<Value>& row : rows) KG_RETURN_IF_ERROR(consumer(row));
  return table;
}

Result<ResultTable> Run(storage::Store& store, std::string_view text, const QueryOptions& options) {
  KG_ASSIGN_OR_RETURN(PreparedStatement prepared, PreparedStatement::Prepare(text, options));
  return prepared.Execute(store, options);
}

Result<Subgraph> ResultSubgraph(const storage::Store& store, const ResultTable& table) {
  std::set<EntityId> missing;
  Subgraph graph = CollectSubgraph(table, &missing);
  if (missing.empty()) return graph;
  std::unique_ptr<storage::Transaction> txn = store.BeginRead();
  for (EntityId id : missing) {
    KG_ASSIGN_OR_RETURN(Entity e, txn->GetEntity(id));
    graph.nodes.push_back(std::move(e));
  }
  std::sort(graph.nodes.begin(), graph.nodes.end(),
            [](const Entity& a, const Entity& b) { return a.id < b.id; });
  return graph;
}

}  // namespace kg::query
