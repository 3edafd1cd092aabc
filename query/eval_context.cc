// The evaluation context of a statement: records read through the
// statement's caches, the relation filter, deadlines and cancellation,
// compiled regular expressions, and the memory budget with the sizes it
// charges (ApproxBytes). Expressions themselves are evaluated in eval.cc.
#include <cctype>
#include <cmath>

#include "core/relation.h"
#include "query/internal/eval.h"
#include "query/internal/limits.h"

namespace kg::query::internal {

// --- EvalContext -------------------------------------------------------------

Result<std::shared_ptr<const Entity>> EvalContext::Node(EntityId id) {
  auto it = nodes_.find(id);
  if (it != nodes_.end()) return it->second;
  KG_ASSIGN_OR_RETURN(std::shared_ptr<const Entity> p, txn->GetEntityShared(id));
  nodes_[id] = p;
  return p;
}

Result<std::shared_ptr<const Relation>> EvalContext::Rel(RelationId id) {
  auto it = rels_.find(id);
  if (it != rels_.end()) return it->second;
  KG_ASSIGN_OR_RETURN(Relation r, txn->GetRelation(id));
  auto p = std::make_shared<const Relation>(std::move(r));
  rels_[id] = p;
  return p;
}

Result<Value> EvalContext::NodeProperty(EntityId id, const std::string& key) {
  if (std::optional<Value> v = PeekNodeProperty(id, key)) return *std::move(v);
  KG_ASSIGN_OR_RETURN(auto n, Node(id));
  const Value* p = n->Find(key);
  return p ? *p : Value();
}

Result<Value> EvalContext::NodeValue(EntityId id) {
  KG_ASSIGN_OR_RETURN(auto p, Node(id));
  return Value(std::move(p));
}

Result<Value> EvalContext::RelValue(RelationId id) {
  KG_ASSIGN_OR_RETURN(auto p, Rel(id));
  return Value(std::move(p));
}

Value EvalContext::NodeRef(EntityId id) {
  auto e = std::make_shared<Entity>();
  e->id = id;
  return Value(std::shared_ptr<const Entity>(std::move(e)));
}

Value EvalContext::RelRef(RelationId id, std::string_view type, EntityId start, EntityId end) {
  auto r = std::make_shared<Relation>();
  r->id = id;
  r->type = std::string(type);
  r->start = start;
  r->end = end;
  return Value(std::shared_ptr<const Relation>(std::move(r)));
}

Status EvalContext::CheckDeadline() {
  if ((++deadline_counter_ & 255) != 0) return Status::OK();
  return CheckDeadlineNow();
}

Status EvalContext::CheckDeadlineNow() const {
  if ((cancel != nullptr && cancel->load(std::memory_order_relaxed)) ||
      (interrupt != nullptr && interrupt->load(std::memory_order_relaxed)))
    return MakeRuntimeError(ErrorClass::kCancelled, "", "the query was cancelled");
  if (std::chrono::steady_clock::now() > deadline)
    return MakeRuntimeError(ErrorClass::kTimeout, "",
                            "the query exceeded its time limit and was stopped");
  return Status::OK();
}

namespace {

// Java's inline flags (Neo4j runs =~ on java.util.regex) mapped onto RE2's:
// i, s and m mean the same in both; u (Unicode case folding) is what RE2
// always does, so it is dropped. Other flags (x, d, U: in RE2 U would mean
// "ungreedy", in Java "Unicode classes") are refused rather than misread.
Result<std::string> TranslateFlags(const std::string& pattern) {
  std::string out;
  out.reserve(pattern.size());
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
      continue;
    }
    size_t j = i + 2;
    if (c != '(' || i + 1 >= pattern.size() || pattern[i + 1] != '?') {
      out += c;
      continue;
    }
    while (j < pattern.size() &&
           (std::isalpha(static_cast<unsigned char>(pattern[j])) || pattern[j] == '-'))
      ++j;
    if (j == i + 2 || j >= pattern.size() || (pattern[j] != ')' && pattern[j] != ':')) {
      out += c;  // not a flag group: (?<name>, (?=, (?!, ... are RE2's to judge
      continue;
    }
    std::string flags;
    for (size_t k = i + 2; k < j; ++k) {
      char f = pattern[k];
      if (f == 'u') continue;
      if (f != 'i' && f != 's' && f != 'm' && f != '-') {
        return Status::InvalidArgument(std::string("unsupported inline flag '") + f +
                                       "' (kg supports (?i), (?s), (?m))");
      }
      flags += f;
    }
    bool empty = flags.empty() || flags == "-";
    if (empty && pattern[j] == ')') {
      i = j;  // (?u) alone: nothing left to say
      continue;
    }
    out += empty ? "(?:" : "(?" + flags + pattern[j];
    i = j;
  }
  return out;
}

}  // namespace

Result<const re2::RE2*> EvalContext::Regex(const std::string& pattern, Span span) {
  auto it = regexes_.find(pattern);
  if (it != regexes_.end()) return it->second.get();
  Result<std::string> translated = TranslateFlags(pattern);
  if (!translated.ok())
    return Error(ErrorClass::kArgumentError, "InvalidArgumentValue", span,
                 "invalid regular expression: " + translated.status().message());
  re2::RE2::Options options;
  options.set_log_errors(false);  // the error goes to the user, not to stderr
  auto re = std::make_unique<re2::RE2>(*translated, options);
  if (!re->ok())
    return Error(ErrorClass::kArgumentError, "InvalidArgumentValue", span,
                 "invalid regular expression: " + re->error());
  const re2::RE2* p = re.get();
  regexes_[pattern] = std::move(re);
  return p;
}

// --- memory and depth --------------------------------------------------------

Status MemoryBudget::Charge(uint64_t bytes) {
  used += bytes;
  if (limit == 0 || used <= limit) return Status::OK();
  return MakeRuntimeError(ErrorClass::kMemoryLimitExceeded, "",
                          "the query needs more than " + std::to_string(limit) +
                              " bytes of memory (the limit); narrow the pattern, add LIMIT or "
                              "aggregate");
}

Status MemoryBudget::Fits(uint64_t bytes) const {
  if (limit == 0 || used + bytes <= limit) return Status::OK();
  return MakeRuntimeError(ErrorClass::kMemoryLimitExceeded, "",
                          "the query needs more than " + std::to_string(limit) +
                              " bytes of memory (the limit); narrow the pattern, add LIMIT or "
                              "aggregate");
}

namespace {

uint64_t PropertyBytes(const PropertyMap& props) {
  uint64_t n = 0;
  for (const auto& [k, v] : props) n += 64 + k.capacity() + ApproxBytes(v);
  return n;
}

uint64_t EntityBytes(const Entity& e) {
  uint64_t n = sizeof(Entity) + PropertyBytes(e.properties);
  for (const auto& l : e.labels) n += sizeof(std::string) + l.capacity();
  return n;
}

uint64_t RelationBytes(const Relation& r) {
  return sizeof(Relation) + r.type.capacity() + PropertyBytes(r.properties);
}

}  // namespace

uint64_t ApproxBytes(const Value& v) {
  uint64_t n = sizeof(Value);
  switch (v.type()) {
    case Value::Type::kString:
      return n + (v.as_string().size() > 15 ? v.as_string().capacity() : 0);
    case Value::Type::kList:
      for (const auto& e : v.as_list()) n += ApproxBytes(e);
      return n;
    case Value::Type::kMap:
      for (const auto& [k, e] : v.as_map()) n += 48 + k.capacity() + ApproxBytes(e);
      return n;
    case Value::Type::kNode:
      return n + EntityBytes(v.as_node());
    case Value::Type::kRelationship:
      return n + RelationBytes(v.as_relationship());
    case Value::Type::kPath:
      n += sizeof(Path);
      for (const auto& e : v.as_path().nodes) n += EntityBytes(e);
      for (const auto& r : v.as_path().rels) n += RelationBytes(r);
      return n;
    default:
      return n;
  }
}

uint64_t ApproxBytes(const Row& row) {
  // Nulls and the other values without heap parts are sizeof(Value) each:
  // only the others are looked into (a row is mostly nulls and scalars).
  uint64_t n = sizeof(Row) + row.size() * sizeof(Value);
  for (const auto& v : row) {
    Value::Type t = v.type();
    if (t == Value::Type::kNull || t == Value::Type::kBool || t == Value::Type::kInt ||
        t == Value::Type::kDouble)
      continue;
    n += ApproxBytes(v) - sizeof(Value);
  }
  return n;
}

bool DeeperThan(const Value& v, size_t limit) {
  if (!v.is_list() && !v.is_map()) return false;
  if (limit == 0) return true;
  if (v.is_list()) {
    for (const auto& e : v.as_list())
      if (DeeperThan(e, limit - 1)) return true;
    return false;
  }
  for (const auto& [k, e] : v.as_map())
    if (DeeperThan(e, limit - 1)) return true;
  return false;
}

}  // namespace kg::query::internal
