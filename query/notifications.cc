// Notifications: the names a statement reads, checked per execution against
// the database's dictionaries, and the warning for incomparable values.
#include "query/internal/notifications.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/suggest.h"
#include "query/internal/eval.h"

namespace kg::query {

Status StrictError(const Notification& n) {
  std::string where;
  if (n.position.known())
    where = n.position.file + ":" + std::to_string(n.position.line) + ":" +
            std::to_string(n.position.column) + ": ";
  return Status::InvalidArgument(n.code + ": " + where + n.description +
                                 " (strict: warnings are errors)")
      .WithClass(n.code)
      .WithPosition(n.position);
}

namespace internal {
namespace {

using storage::NameKind;

// Collects the read names of a bound statement in text order.
class NameCollector {
 public:
  explicit NameCollector(const BoundStatement& st) : st_(st) {}

  std::vector<NameRef> Run() {
    for (const BoundQueryPart& q : st_.parts) {
      for (const BoundClause& c : q.clauses) NoteEntitySlots(c);
      for (const BoundClause& c : q.clauses) Clause_(c);
    }
    std::stable_sort(out_.begin(), out_.end(), [](const NameRef& a, const NameRef& b) {
      return a.span.begin < b.span.begin;
    });
    std::vector<NameRef> unique;
    std::set<std::pair<NameKind, std::string>> seen;
    for (NameRef& n : out_)
      if (seen.emplace(n.kind, n.name).second) unique.push_back(std::move(n));
    return unique;
  }

 private:
  // Slots that hold nodes or relationships: pattern variables, and WITH
  // items that pass one on under another name.
  void NoteEntitySlots(const BoundClause& c) {
    for (const BoundPatternPart& p : c.patterns) NotePatternSlots(p);
    for (const BoundReturnItem& item : c.projection.items)
      if (item.expr && item.expr->kind == ExprKind::kVar && entity_slots_.count(item.expr->slot))
        entity_slots_.insert(item.slot);
  }
  void NotePatternSlots(const BoundPatternPart& p) {
    for (const BoundNode& n : p.nodes) entity_slots_.insert(n.slot);
    for (const BoundRel& r : p.rels)
      if (!r.var_length) entity_slots_.insert(r.slot);
  }

  void Add(NameKind kind, const std::string& name, const std::vector<Span>& spans, size_t i,
           Span fallback) {
    out_.push_back(NameRef{kind, name, i < spans.size() ? spans[i] : fallback});
  }

  // A pattern that is matched: its labels, types and property-map keys.
  void ReadPattern(const BoundPatternPart& p) {
    NotePatternSlots(p);
    for (const BoundNode& n : p.nodes) {
      for (size_t i = 0; i < n.labels.size(); ++i)
        Add(NameKind::kLabel, n.labels[i], n.label_spans, i, n.span);
      ReadMapKeys(n.props.get());
    }
    for (const BoundRel& r : p.rels) {
      for (size_t i = 0; i < r.types.size(); ++i)
        Add(NameKind::kType, r.types[i], r.type_spans, i, r.span);
      ReadMapKeys(r.props.get());
    }
  }
  // A pattern that is written (CREATE, MERGE): only its values are read.
  void WritePattern(const BoundPatternPart& p) {
    for (const BoundNode& n : p.nodes) Expr_(n.props.get());
    for (const BoundRel& r : p.rels) Expr_(r.props.get());
  }
  void ReadMapKeys(const BoundExpr* props) {
    if (props == nullptr) return;
    if (props->kind == ExprKind::kMap)
      for (size_t i = 0; i < props->keys.size(); ++i)
        Add(NameKind::kPropertyKey, props->keys[i], props->name_spans, i, props->span);
    Expr_(props);
  }

  void SetItems(const std::vector<BoundSetItem>& items) {
    for (const BoundSetItem& item : items) {
      // The target's key is written; what it is set on may be read.
      if (item.target && item.target->kind == ExprKind::kProperty) {
        for (const BoundExprPtr& a : item.target->args) Expr_(a.get());
      }
      Expr_(item.value.get());
    }
  }

  void Clause_(const BoundClause& c) {
    switch (c.kind) {
      case ClauseKind::kMatch:
        for (const BoundPatternPart& p : c.patterns) ReadPattern(p);
        break;
      case ClauseKind::kCreate:
      case ClauseKind::kMerge:
        for (const BoundPatternPart& p : c.patterns) WritePattern(p);
        break;
      default:
        break;
    }
    Expr_(c.where.get());
    Expr_(c.expr.get());
    for (const BoundExprPtr& e : c.exprs) Expr_(e.get());
    SetItems(c.set_items);
    SetItems(c.on_create);
    const BoundProjection& p = c.projection;
    for (const BoundReturnItem& item : p.items) Expr_(item.expr.get());
    for (const BoundSortItem& s : p.order_by) Expr_(s.expr.get());
    Expr_(p.skip.get());
    Expr_(p.limit.get());
    Expr_(p.where.get());
  }

  void Expr_(const BoundExpr* e) {
    if (e == nullptr) return;
    bool on_entity = !e->args.empty() && e->args[0] && e->args[0]->kind == ExprKind::kVar &&
                     entity_slots_.count(e->args[0]->slot);
    if (e->kind == ExprKind::kProperty && on_entity)
      Add(NameKind::kPropertyKey, e->name, e->name_spans, 0, e->span);
    if (e->kind == ExprKind::kLabels && on_entity)
      for (size_t i = 0; i < e->keys.size(); ++i)
        Add(NameKind::kLabel, e->keys[i], e->name_spans, i, e->span);
    if (e->pattern) ReadPattern(*e->pattern);
    for (const BoundExprPtr& a : e->args) Expr_(a.get());
    Expr_(e->else_expr.get());
  }

  const BoundStatement& st_;
  std::set<int> entity_slots_;
  std::vector<NameRef> out_;
};

struct KindText {
  const char* code;
  const char* title;
  const char* noun;
};

KindText TextOf(NameKind kind) {
  switch (kind) {
    case NameKind::kLabel:
      return {"UnknownLabelWarning", "The provided label is not in the database.", "label"};
    case NameKind::kType:
      return {"UnknownRelationshipTypeWarning",
              "The provided relationship type is not in the database.", "relationship type"};
    case NameKind::kPropertyKey:
      return {"UnknownPropertyKeyWarning", "The provided property key is not in the database.",
              "property key"};
  }
  return {"", "", ""};
}

// The comparison's family: values of different families are never equal
// and never ordered (integers and floats are one family, numbers).
int Family(Value::Type t) {
  if (t == Value::Type::kDouble) return static_cast<int>(Value::Type::kInt);
  return static_cast<int>(t);
}

const char* OperatorText(ExprKind k) {
  switch (k) {
    case ExprKind::kEq:
      return "=";
    case ExprKind::kNeq:
      return "<>";
    case ExprKind::kLt:
      return "<";
    case ExprKind::kLe:
      return "<=";
    case ExprKind::kGt:
      return ">";
    default:
      return ">=";
  }
}

}  // namespace

std::vector<NameRef> ReadNames(const BoundStatement& statement) {
  return NameCollector(statement).Run();
}

Status CheckNames(const storage::Transaction& txn, const SourceText& src,
                  const std::vector<NameRef>& names, std::vector<Notification>* out) {
  for (const NameRef& n : names) {
    KG_ASSIGN_OR_RETURN(bool known, txn.HasName(n.kind, n.name));
    if (known) continue;
    KG_ASSIGN_OR_RETURN(std::vector<std::string> all, txn.Names(n.kind));
    KindText text = TextOf(n.kind);
    std::string description =
        std::string("the ") + text.noun + " '" + n.name + "' is not in the database";
    std::string hint = DidYouMean(Suggest(n.name, all));
    if (!hint.empty()) description += "; " + hint;
    out->push_back(Notification{text.code, text.title, description, PositionOf(src, n.span.begin)});
  }
  return Status::OK();
}

bool Incomparable(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return false;
  return Family(a.type()) != Family(b.type());
}

Notification IncomparableWarning(const SourceText& src, const BoundExpr& e, const Value& a,
                                 const Value& b) {
  std::string ta = ValueTypeName(a.type()), tb = ValueTypeName(b.type());
  std::string description = std::string("'") + OperatorText(e.kind) + "' compares " + ta +
                            " with " + tb + ", which are never equal and have no order, so it " +
                            (e.kind == ExprKind::kEq    ? "is always false"
                             : e.kind == ExprKind::kNeq ? "is always true"
                                                        : "is always null");
  bool date_string = (a.is_temporal() && b.is_string()) || (b.is_temporal() && a.is_string());
  bool number_string =
      (Family(a.type()) == Family(Value::Type::kInt) && b.type() == Value::Type::kString) ||
      (Family(b.type()) == Family(Value::Type::kInt) && a.type() == Value::Type::kString);
  if (date_string)
    description += "; write the string as a temporal value, e.g. date('2025-07-01')";
  else if (number_string)
    description += "; convert one side, e.g. with toInteger(), toFloat() or toString()";
  Span at = e.op_span.end > e.op_span.begin ? e.op_span : e.span;
  return Notification{"IncomparableTypesWarning",
                      "The comparison is between values that can never be equal or ordered.",
                      description, PositionOf(src, at.begin)};
}

void EvalContext::CheckComparable(const BoundExpr& e, const Value& a, const Value& b) {
  if (notifications == nullptr || !Incomparable(a, b) || !warned_.insert(&e).second) return;
  notifications->push_back(IncomparableWarning(*src, e, a, b));
}

SourcePosition PositionOf(const SourceText& src, size_t offset) {
  size_t pos = std::min(offset, src.text.size());
  size_t line_start = pos == 0 ? 0 : src.text.rfind('\n', pos - 1);
  line_start = line_start == std::string::npos || pos == 0 ? 0 : line_start + 1;
  int line =
      1 + static_cast<int>(std::count(src.text.begin(), src.text.begin() + line_start, '\n'));
  return SourcePosition{src.name, line, static_cast<int>(pos - line_start + 1)};
}

}  // namespace internal
}  // namespace kg::query
