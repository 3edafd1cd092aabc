// Equality, comparability and ordering of values as openCypher defines them.
#include "query/internal/compare.h"

#include <cmath>
#include <tuple>

#include "core/relation.h"
#include "query/internal/temporal.h"

namespace kg::query::internal {
namespace {

int Sign(double d) { return d < 0 ? -1 : (d > 0 ? 1 : 0); }

int CompareNumbers(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int())
    return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  double x = a.as_number(), y = b.as_number();
  bool nx = std::isnan(x), ny = std::isnan(y);
  if (nx || ny) return nx == ny ? 0 : (nx ? 1 : -1);
  if (a.is_int() && b.is_double()) {
    // Exact comparison for large integers.
    double ax = static_cast<double>(a.as_int());
    if (ax != y) return Sign(ax - y);
    return 0;
  }
  return Sign(x - y);
}

// Rank of a type in the global ORDER BY order.
int TypeRank(const Value& v) {
  switch (v.type()) {
    case Value::Type::kMap:
      return 0;
    case Value::Type::kNode:
      return 1;
    case Value::Type::kRelationship:
      return 2;
    case Value::Type::kList:
      return 3;
    case Value::Type::kPath:
      return 4;
    // openCypher's order: DATETIME < LOCAL DATETIME < DATE < TIME < LOCAL TIME
    // < DURATION < STRING.
    case Value::Type::kDateTime:
      return 5;
    case Value::Type::kLocalDateTime:
      return 6;
    case Value::Type::kDate:
      return 7;
    case Value::Type::kTime:
      return 8;
    case Value::Type::kLocalTime:
      return 9;
    case Value::Type::kDuration:
      return 10;
    case Value::Type::kString:
      return 11;
    case Value::Type::kBool:
      return 12;
    case Value::Type::kInt:
    case Value::Type::kDouble:
      return 13;
    case Value::Type::kNull:
      return 14;
  }
  return 14;
}

int CompareLists(const ValueList& a, const ValueList& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    int c = OrderCompare(a[i], b[i]);
    if (c != 0) return c;
  }
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

}  // namespace

std::optional<bool> CypherEquals(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    double x = a.as_number(), y = b.as_number();
    if (std::isnan(x) || std::isnan(y)) return false;
    return CompareNumbers(a, b) == 0;
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Value::Type::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (size_t i = 0; i < x.size(); ++i) {
        auto r = CypherEquals(x[i], y[i]);
        if (!r)
          unknown = true;
        else if (!*r)
          return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case Value::Type::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      if (x.size() != y.size()) return false;
      bool unknown = false;
      for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
        if (i->first != j->first) return false;
        auto r = CypherEquals(i->second, j->second);
        if (!r)
          unknown = true;
        else if (!*r)
          return false;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case Value::Type::kTime:
    case Value::Type::kDateTime:
      return SameInstant(a, b);
    case Value::Type::kDate: {
      // A month is not its first day, nor surely another day of it: null.
      std::optional<int> c = ComparePeriods(a.as_date(), b.as_date());
      if (!c) return std::nullopt;
      return *c == 0;
    }
    default:
      return a == b;
  }
}

std::optional<int> CypherCompare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if ((a.is_double() && std::isnan(a.as_double())) ||
        (b.is_double() && std::isnan(b.as_double())))
      return std::nullopt;
    return CompareNumbers(a, b);
  }
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case Value::Type::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Value::Type::kBool:
      return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case Value::Type::kDate:
      return ComparePeriods(a.as_date(), b.as_date());
    case Value::Type::kLocalTime:
    case Value::Type::kLocalDateTime:
      return CompareTemporal(a, b);
    case Value::Type::kTime:
    case Value::Type::kDateTime: {
      // By instant only: the same instant in two zones is neither < nor >.
      int c = CompareTemporal(a, b);
      return SameInstant(a, b) ? 0 : c;
    }
    case Value::Type::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        auto c = CypherCompare(x[i], y[i]);
        if (!c) return std::nullopt;
        if (*c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    default:
      return std::nullopt;
  }
}

int OrderCompare(const Value& a, const Value& b) {
  int ra = TypeRank(a), rb = TypeRank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case Value::Type::kNull:
      return 0;
    case Value::Type::kInt:
    case Value::Type::kDouble:
      return CompareNumbers(a, b);
    case Value::Type::kBool:
      return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case Value::Type::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Value::Type::kDate:
    case Value::Type::kLocalTime:
    case Value::Type::kTime:
    case Value::Type::kLocalDateTime:
    case Value::Type::kDateTime:
      return CompareTemporal(a, b);
    case Value::Type::kDuration: {
      const Duration& x = a.as_duration();
      const Duration& y = b.as_duration();
      auto k = [](const Duration& d) { return std::tuple(d.months, d.days, d.seconds, d.nanos); };
      return k(x) < k(y) ? -1 : (k(y) < k(x) ? 1 : 0);
    }
    case Value::Type::kList:
      return CompareLists(a.as_list(), b.as_list());
    case Value::Type::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      auto i = x.begin();
      auto j = y.begin();
      for (; i != x.end() && j != y.end(); ++i, ++j) {
        int c = i->first.compare(j->first);
        if (c != 0) return c < 0 ? -1 : 1;
        c = OrderCompare(i->second, j->second);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case Value::Type::kNode: {
      auto x = a.as_node().id, y = b.as_node().id;
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case Value::Type::kRelationship: {
      auto x = a.as_relationship().id, y = b.as_relationship().id;
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case Value::Type::kPath: {
      const Path& p = a.as_path();
      const Path& q = b.as_path();
      for (size_t i = 0; i < p.nodes.size() && i < q.nodes.size(); ++i) {
        if (p.nodes[i].id != q.nodes[i].id) return p.nodes[i].id < q.nodes[i].id ? -1 : 1;
        if (i < p.rels.size() && i < q.rels.size() && p.rels[i].id != q.rels[i].id)
          return p.rels[i].id < q.rels[i].id ? -1 : 1;
      }
      return p.nodes.size() < q.nodes.size() ? -1 : (p.nodes.size() > q.nodes.size() ? 1 : 0);
    }
  }
  return 0;
}

bool RowLess::operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    int c = OrderCompare(a[i], b[i]);
    if (c != 0) return c < 0;
  }
  return a.size() < b.size();
}

}  // namespace kg::query::internal
