// Value: a property value or a query result cell.
//
// Stored properties use null, bool, int64, double, string, date and lists of
// these. Query results may also hold maps, nodes, relationships and paths; the
// three graph values are shared immutable snapshots so copying a row is cheap.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/temporal.h"

namespace kg {

struct Entity;
struct Relation;
struct Path;
class Value;

using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value>;  // ordered: deterministic output
using PropertyMap = std::map<std::string, Value>;

class Value {
 public:
  enum class Type {
    kNull,
    kBool,
    kInt,
    kDouble,
    kString,
    kDate,
    kList,
    kMap,
    kNode,
    kRelationship,
    kPath,
    // The temporal types besides kDate (core/temporal.h); appended so that
    // the numbers above keep their meaning.
    kLocalTime,
    kTime,
    kLocalDateTime,
    kDateTime,
    kDuration
  };

  Value() = default;  // null
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int v) : v_(static_cast<int64_t>(v)) {}
  Value(int64_t v) : v_(v) {}
  Value(double v) : v_(v) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(Date d) : v_(d) {}
  Value(TimeValue t) : v_(t) {}
  Value(Duration d) : v_(d) {}
  Value(ValueList l) : v_(std::move(l)) {}
  Value(ValueMap m) : v_(std::move(m)) {}
  Value(std::shared_ptr<const Entity> n) : v_(std::move(n)) {}
  Value(std::shared_ptr<const Relation> r) : v_(std::move(r)) {}
  Value(std::shared_ptr<const Path> p) : v_(std::move(p)) {}

  Type type() const {
    size_t i = v_.index();
    if (i < kTimeIndex) return static_cast<Type>(i);
    if (i == kTimeIndex)
      return static_cast<Type>(static_cast<int>(Type::kLocalTime) +
                               static_cast<int>(std::get<TimeValue>(v_).kind));
    return Type::kDuration;
  }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_double() const { return type() == Type::kDouble; }
  bool is_number() const { return is_int() || is_double(); }
  bool is_string() const { return type() == Type::kString; }
  bool is_date() const { return type() == Type::kDate; }
  // Any of LOCAL TIME, ZONED TIME, LOCAL DATETIME, ZONED DATETIME.
  bool is_time_value() const { return v_.index() == kTimeIndex; }
  bool is_duration() const { return type() == Type::kDuration; }
  // DATE or any time value: what has components and truncates.
  bool is_temporal() const { return is_date() || is_time_value(); }
  bool is_list() const { return type() == Type::kList; }
  bool is_map() const { return type() == Type::kMap; }
  bool is_node() const { return type() == Type::kNode; }
  bool is_relationship() const { return type() == Type::kRelationship; }
  bool is_path() const { return type() == Type::kPath; }
  // True for the types a stored property may hold (lists only of scalars).
  bool IsStorable() const;

  // Typed accessors require the matching type.
  bool as_bool() const { return std::get<bool>(v_); }
  int64_t as_int() const { return std::get<int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  // The number as a double; requires is_number().
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_double(); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  Date as_date() const { return std::get<Date>(v_); }
  const TimeValue& as_time_value() const { return std::get<TimeValue>(v_); }
  const Duration& as_duration() const { return std::get<Duration>(v_); }
  const ValueList& as_list() const { return std::get<ValueList>(v_); }
  ValueList& as_list() { return std::get<ValueList>(v_); }
  const ValueMap& as_map() const { return std::get<ValueMap>(v_); }
  ValueMap& as_map() { return std::get<ValueMap>(v_); }
  const Entity& as_node() const { return *std::get<std::shared_ptr<const Entity>>(v_); }
  const Relation& as_relationship() const { return *std::get<std::shared_ptr<const Relation>>(v_); }
  const Path& as_path() const { return *std::get<std::shared_ptr<const Path>>(v_); }
  const std::shared_ptr<const Entity>& node_ptr() const {
    return std::get<std::shared_ptr<const Entity>>(v_);
  }
  const std::shared_ptr<const Relation>& relationship_ptr() const {
    return std::get<std::shared_ptr<const Relation>>(v_);
  }
  const std::shared_ptr<const Path>& path_ptr() const {
    return std::get<std::shared_ptr<const Path>>(v_);
  }

  // Structural equality: same type and same content (int 1 != double 1.0;
  // graph values compare by id). This is not Cypher's `=` (see query/).
  friend bool operator==(const Value& a, const Value& b);

  // A short human-readable rendering for messages and tables: strings
  // unquoted at top level, lists as [a, b], dates ISO, nodes as (:Label {..}).
  std::string ToDisplayString() const;

 private:
  static constexpr size_t kTimeIndex = 11;
  std::variant<std::monostate, bool, int64_t, double, std::string, Date, ValueList, ValueMap,
               std::shared_ptr<const Entity>, std::shared_ptr<const Relation>,
               std::shared_ptr<const Path>, TimeValue, Duration>
      v_;
};

// The name of a type as openCypher says it: "INTEGER", "STRING", "NODE", ...
const char* ValueTypeName(Value::Type type);

}  // namespace kg
