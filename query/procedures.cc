// The procedure registry and kg's built-in procedures.
#include "query/procedures.h"

#include <cassert>
#include <cctype>

#include "core/suggest.h"
#include "core/text.h"
#include "query/internal/catalog.h"
#include "query/internal/errors.h"

namespace kg::query {
namespace {

// kg.lookup(text): alias-aware entity lookup through Transaction::FindByName;
// nothing found is a notification with the nearest names.
Result<ResultTable> Lookup(storage::Transaction& txn, const std::vector<Value>& args,
                           const ProcedureContext& context) {
  ResultTable table;
  table.columns = {"node"};
  if (args[0].is_null()) return table;
  if (!args[0].is_string())
    return Status::InvalidArgument("TypeError: InvalidArgumentType: kg.lookup expects a string")
        .WithClass("TypeError");
  KG_ASSIGN_OR_RETURN(std::vector<EntityId> ids, txn.FindByName(args[0].as_string()));
  if (ids.empty() && context.notifications != nullptr) {
    KG_ASSIGN_OR_RETURN(std::vector<std::string> near, txn.SuggestNames(args[0].as_string()));
    std::string description =
        "kg.lookup: no entity has the name or alias '" + args[0].as_string() + "' (in any case)";
    if (!near.empty()) description += "; " + DidYouMean(near);
    context.Notify("UnknownEntityWarning", "No entity has the provided name.", description);
  }
  for (EntityId id : ids) {
    KG_ASSIGN_OR_RETURN(Entity e, txn.GetEntity(id));
    table.rows.push_back({Value(std::make_shared<const Entity>(std::move(e)))});
  }
  return table;
}

// kg.procedures(): one row per procedure of the statement's registry.
Result<ResultTable> ListProcedures(storage::Transaction&, const std::vector<Value>&,
                                   const ProcedureContext& context) {
  ResultTable table{{"name", "signature", "description", "mode"}, {}};
  if (context.registry == nullptr) return table;
  for (const ProcedureDef* def : context.registry->List())
    table.rows.push_back({Value(def->name), Value(def->Signature()), Value(def->description),
                          Value(def->writes ? "WRITE" : "READ")});
  return table;
}

// kg.functions(): one row per scalar function and aggregate of the catalog.
Result<ResultTable> ListFunctions(storage::Transaction&, const std::vector<Value>&) {
  ResultTable table{{"name", "signature", "kind", "deterministic"}, {}};
  for (const internal::FunctionDef* f : internal::AllFunctions())
    table.rows.push_back(
        {Value(f->name), Value(internal::Signature(*f)), Value("scalar"), Value(f->deterministic)});
  for (const internal::AggregateDef& a : internal::AllAggregates())
    table.rows.push_back(
        {Value(a.name), Value(internal::Signature(a)), Value("aggregate"), Value(true)});
  return table;
}

Status RegisterBuiltin(ProcedureRegistry* r, std::string name, std::vector<std::string> columns,
                       std::vector<std::string> arguments, std::string description,
                       ContextProcedureFn fn) {
  ProcedureDef def;
  def.name = std::move(name);
  def.columns = std::move(columns);
  def.min_args = def.max_args = static_cast<int>(arguments.size());
  def.arguments = std::move(arguments);
  def.description = std::move(description);
  def.fn_with_context = std::move(fn);
  return r->Register(std::move(def));
}

}  // namespace

std::string ProcedureDef::Signature() const {
  std::string out = name + "(";
  for (size_t i = 0; i < arguments.size(); ++i) {
    bool optional = static_cast<int>(i) >= min_args;
    if (optional) out += "[";
    if (i > 0) out += ", ";
    out += arguments[i];
    if (optional) out += "]";
  }
  if (max_args < 0) out += ", ...";
  out += ") :: (";
  for (size_t i = 0; i < columns.size(); ++i) out += (i > 0 ? ", " : "") + columns[i];
  return out + ")";
}

Status ProcedureContext::Check() const {
  using internal::ErrorClass;
  if ((cancel != nullptr && cancel->load(std::memory_order_relaxed)) ||
      (interrupt != nullptr && interrupt->load(std::memory_order_relaxed)))
    return internal::MakeRuntimeError(ErrorClass::kCancelled, "", "the query was cancelled");
  if (std::chrono::steady_clock::now() > deadline)
    return internal::MakeRuntimeError(ErrorClass::kTimeout, "",
                                      "the query exceeded its time limit and was stopped");
  return Status::OK();
}

void ProcedureContext::Notify(std::string code, std::string title, std::string description) const {
  if (notifications == nullptr) return;
  for (const Notification& n : *notifications)
    if (n.code == code && n.description == description) return;
  notifications->push_back(
      Notification{std::move(code), std::move(title), std::move(description), position});
}

bool IsStopError(const Status& status) {
  // From the class field (query/errors.cc sets it), never the message text.
  const std::string& cls = status.error_class();
  return cls == "Cancelled" || cls == "Timeout" || cls == "MemoryLimitExceeded";
}

Result<ResultTable> ProcedureDef::Call(storage::Transaction& txn, const std::vector<Value>& args,
                                       const ProcedureContext& context) const {
  if (fn_with_context) return fn_with_context(txn, args, context);
  return fn(txn, args);
}

Status ProcedureRegistry::Register(ProcedureDef def) {
  if (def.name.empty() || (!def.fn && !def.fn_with_context))
    return Status::InvalidArgument("a procedure needs a name and a function");
  std::string key = AsciiLower(def.name);
  if (procs_.count(key))
    return Status::AlreadyExists("procedure " + def.name + " is already registered");
  procs_.emplace(key, std::move(def));
  return Status::OK();
}

const ProcedureDef* ProcedureRegistry::Find(std::string_view name) const {
  auto it = procs_.find(AsciiLower(name));
  return it == procs_.end() ? nullptr : &it->second;
}

std::vector<const ProcedureDef*> ProcedureRegistry::List() const {
  std::vector<const ProcedureDef*> out;
  for (const auto& [k, v] : procs_) out.push_back(&v);
  return out;
}

ProcedureRegistry ProcedureRegistry::WithBuiltins() {
  ProcedureRegistry r;
  // The names are fresh in a fresh registry: Register cannot fail here.
  Status s = RegisterBuiltin(
      &r, "kg.lookup", {"node"}, {"text :: STRING"},
      "entities whose name or one of whose aliases equals the text, ignoring case", Lookup);
  if (s.ok())
    s = RegisterBuiltin(&r, "kg.procedures", {"name", "signature", "description", "mode"}, {},
                        "the procedures CALL can run: signature, YIELD columns, READ or WRITE",
                        ListProcedures);
  if (s.ok())
    s = RegisterBuiltin(
        &r, "kg.functions", {"name", "signature", "kind", "deterministic"}, {},
        "the scalar functions and aggregates of the query language, with their signatures",
        [](storage::Transaction& txn, const std::vector<Value>& args, const ProcedureContext&) {
          return ListFunctions(txn, args);
        });
  assert(s.ok());
  (void)s;
  return r;
}

}  // namespace kg::query
